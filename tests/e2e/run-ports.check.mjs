// ./run when its ports are taken: it must name each busy port, the setting that moves it, and who holds it, exit
// non-zero before starting anything, and leave no process behind. Also: a second ./run beside a running one.
import { createServer } from 'node:net';
import { createSandbox, expectCleanFailure, expectations, freePorts, runScript } from './lib/run-sandbox.mjs';

const expect = expectations('run-ports');
const sandbox = createSandbox({ linkNodeModules: true });
const servers = [];
const listen = (port, host) => new Promise((resolve, reject) => {
  const server = createServer();
  server.once('error', reject);
  server.listen(port, host, () => { servers.push(server); resolve(); });
});
try {
  const ports = await freePorts();
  // The bot's port taken on loopback, the Playground's on all interfaces (as another Playground would hold it).
  await listen(Number(ports.QABOT_BOT_PORT), '127.0.0.1');
  await listen(Number(ports.QABOT_PLAYGROUND_PORT), '0.0.0.0');
  const result = await runScript(sandbox.dir, [], { env: ports });
  expectCleanFailure(expect, 'bot and Playground ports in use', result, /cannot start: the ports above are in use/);
  expect.check(
    new RegExp(`port ${ports.QABOT_BOT_PORT} \\(the bot; set QABOT_BOT_PORT to use another\\) is in use by pid ${process.pid}: `).test(result.stderr),
    `the bot's port is not named with its holder: ${JSON.stringify(result.stderr)}`,
  );
  expect.check(
    new RegExp(`port ${ports.QABOT_PLAYGROUND_PORT} \\(the Agents Playground; set QABOT_PLAYGROUND_PORT to use another\\) is in use`).test(result.stderr),
    `the Playground's port is not named: ${JSON.stringify(result.stderr)}`,
  );
  expect.check(!/Azurite/.test(result.stderr), `free Azurite ports were reported busy: ${JSON.stringify(result.stderr)}`);
  expect.check(!/building|starting/.test(result.stdout), `it went on to build or start something: ${JSON.stringify(result.stdout)}`);

  // The Azurite ports, and the default ports when no setting is given (whatever holds them on this machine).
  const azurite = await freePorts();
  await listen(Number(azurite.QABOT_TABLE_PORT), '127.0.0.1');
  const tables = await runScript(sandbox.dir, [], { env: { ...azurite } });
  expectCleanFailure(expect, 'Azurite table port in use', tables, new RegExp(`port ${azurite.QABOT_TABLE_PORT} \\(the Azurite tables; set QABOT_TABLE_PORT to use another\\) is in use`));

  const badPort = await runScript(sandbox.dir, [], { env: { ...azurite, QABOT_BOT_PORT: '70000' } });
  expectCleanFailure(expect, 'a port number out of range', badPort, /'70000' is not a port number/);
} finally {
  for (const server of servers) server.close();
  sandbox.dispose();
}
expect.finish();
