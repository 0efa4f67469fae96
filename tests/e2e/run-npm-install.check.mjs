// ./run on a fresh clone whose npm install fails (here: a registry that cannot be reached and an empty cache): a
// clear message, the npm log kept, a non-zero exit, and no process behind. Then a failure after Azurite has started
// (the CLI cannot seed): Azurite must be stopped too.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPath, createSandbox, expectCleanFailure, expectations, freePort, freePorts, runScript } from './lib/run-sandbox.mjs';

const expect = expectations('run-npm-install');
const fresh = createSandbox();
const cache = mkdtempSync(join(tmpdir(), 'qabot-npm-cache-'));
try {
  const registryPort = await freePort();
  const result = await runScript(fresh.dir, [], {
    env: {
      ...(await freePorts()),
      npm_config_registry: `http://127.0.0.1:${registryPort}/`,
      npm_config_cache: cache,
      npm_config_prefer_online: 'true',
      npm_config_fetch_retries: '0',
      npm_config_fetch_timeout: '5000',
    },
  });
  expectCleanFailure(expect, 'npm ci against an unreachable registry', result, /npm ci failed \(the npm registry cannot be reached, or the lockfile does not match package\.json\); the whole log is .*npm-ci\.log/);
  expect.check(result.stdout.includes('installing the pinned npm tools (npm ci)'), `it did not say it was installing: ${JSON.stringify(result.stdout)}`);
  expect.check(existsSync(join(fresh.dir, '.local', 'logs', 'npm-ci.log')), 'the npm log was not kept');
} finally {
  fresh.dispose();
  rmSync(cache, { recursive: true, force: true });
}

// A failure once Azurite runs: a dotnet that reports the right SDK and "builds", but whose qabot cannot seed.
const started = createSandbox({ linkNodeModules: true });
try {
  const fakeDotnet = [
    '#!/bin/sh',
    'case "$1" in',
    '  --list-sdks) echo "10.0.401 [/usr/share/dotnet/sdk]" ;;',
    '  build) exit 0 ;;',
    '  *) echo "storage unavailable (a test double of the qabot CLI)" >&2; exit 3 ;;',
    'esac',
    '',
  ].join('\n');
  const bin = createPath(started.dir, { without: ['dotnet'], fakes: { dotnet: fakeDotnet } });
  const result = await runScript(started.dir, [], { env: { ...(await freePorts()), PATH: bin } });
  expectCleanFailure(expect, 'seeding fails after Azurite started', result, /qabot storage init failed/);
  expect.check(/starting Azurite/.test(result.stdout), `Azurite was not started first: ${JSON.stringify(result.stdout)}`);
  expect.check(/stopping QaBot/.test(result.stdout) && /stopped\./.test(result.stdout), `it did not say it stopped what it started: ${JSON.stringify(result.stdout)}`);
} finally {
  started.dispose();
}
expect.finish();
