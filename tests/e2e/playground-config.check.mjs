// The Agents Playground's config for the local run: the repository's .m365agentsplayground.yml is the generator's
// file for the demo director, and every person ./run --as offers exists in the demo council with the same object
// id and name (bot/QaBot.Demo/DemoCouncil.cs), with real GUIDs (the bot matches people by Entra object id).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoTenantId, people, playgroundConfig } from '../../tools/run/playground-config.mjs';
import { expectations, repositoryRoot } from './lib/run-sandbox.mjs';

const expect = expectations('playground-config');
const committed = readFileSync(join(repositoryRoot, '.m365agentsplayground.yml'), 'utf8');
expect.check(committed === playgroundConfig('director'),
  '.m365agentsplayground.yml differs from the generator: run node tools/run/playground-config.mjs director .m365agentsplayground.yml');

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
expect.check(guid.test(demoTenantId), `the tenant id ${demoTenantId} is not a GUID`);
const demo = readFileSync(join(repositoryRoot, 'bot', 'QaBot.Demo', 'DemoCouncil.cs'), 'utf8');
for (const person of people) {
  const name = person.displayName ?? `${person.givenName} ${person.surname}`;
  expect.check(guid.test(person.objectId), `${person.key}: ${person.objectId} is not a GUID`);
  expect.check(demo.includes(`new("${person.objectId}")`), `${person.key}: object id ${person.objectId} is not one of DemoCouncil.KeyPeople`);
  expect.check(demo.includes(`"${name}"`), `${person.key}: ${name} is not named in DemoCouncil.cs`);
  const upnPrefix = `${name.startsWith('Cllr ') ? 'cllr.' : ''}${person.givenName}.${person.surname}`.toLowerCase();
  expect.check(person.upn === upnPrefix, `${person.key}: UPN ${person.upn} does not follow the demo council's pattern (${upnPrefix})`);
  const config = playgroundConfig(person.key);
  const users = config.match(/aadObjectId: "[^"]+"/g) ?? [];
  expect.check(users.length === 6 && new Set(users).size === 6, `${person.key}: the Playground needs the current user and exactly five others, all different`);
  expect.check(config.includes(`currentUser:\n  id: "29:${person.objectId}"`), `${person.key}: is not the current user of their config`);
}
let unknown;
try { playgroundConfig('nobody'); } catch (error) { unknown = error.message; }
expect.check(/"nobody" is not one of the demo council's people/.test(unknown ?? ''), 'an unknown person is not refused with a clear message');
expect.finish();
