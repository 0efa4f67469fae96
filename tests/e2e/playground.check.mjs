// The end-to-end check: ./run --check starts Azurite, the bot and the Agents Playground on scratch data and free
// ports, drives one conversation in headless Chromium (tests/e2e/playground-driver.mjs) and stops everything. This
// check passes when it exits 0 and nothing it started is still running afterwards.
import { join } from 'node:path';
import { expectations, repositoryRoot, runScript } from './lib/run-sandbox.mjs';

const expect = expectations('playground');
const started = Date.now();
const result = await runScript(repositoryRoot, ['--check'], {
  env: { QABOT_CHECK_DIR: join(repositoryRoot, '.local', 'check') },
  timeoutMs: 10 * 60_000,
  echo: true,
});
expect.check(result.code === 0, `./run --check exited with ${result.code}`);
expect.check(result.leftBehind.length === 0, `processes left behind: ${result.leftBehind.map((p) => `${p.pid} ${p.args}`).join('; ')}`);
console.log(`playground: ./run --check took ${Math.round((Date.now() - started) / 1000)} s`);
expect.finish();
