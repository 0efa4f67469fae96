// Runs the repository's ./run script in a sandbox for the failure-path checks: a temporary copy of the files it reads
// before starting anything, a crafted PATH, and its own process group, so that a check can prove the script left no
// process behind.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** A temporary folder holding ./run and the files it reads, removed by dispose(). */
export function createSandbox({ linkNodeModules = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'qabot-run-'));
  for (const file of ['run', 'global.json', 'package.json', 'package-lock.json', 'tools/run/playground-config.mjs']) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    copyFileSync(join(repositoryRoot, file), join(dir, file));
  }
  chmodSync(join(dir, 'run'), 0o755);
  if (linkNodeModules) symlinkSync(realpathSync(join(repositoryRoot, 'node_modules')), join(dir, 'node_modules'));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A folder of links to every program on PATH except those named, plus the given scripts (name to text), for a PATH
 * on which, for example, dotnet does not exist or is a fake.
 */
export function createPath(sandboxDir, { without = [], fakes = {} } = {}) {
  const bin = join(sandboxDir, '.bin');
  mkdirSync(bin, { recursive: true });
  for (const [name, text] of Object.entries(fakes)) {
    writeFileSync(join(bin, name), text, { mode: 0o755 });
  }
  for (const folder of (process.env.PATH ?? '').split(':')) {
    if (!folder || !existsSync(folder)) continue;
    for (const name of readdirSync(folder)) {
      if (without.includes(name) || existsSync(join(bin, name))) continue;
      try {
        symlinkSync(join(folder, name), join(bin, name));
      } catch {
        // A name seen twice on PATH: the first one wins, as it would in a shell.
      }
    }
  }
  return bin;
}

/** A TCP port nothing listens on now. */
export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Environment with free ports for everything ./run listens on, so a check never collides with a running QaBot. The
 * ports are held open until all five are chosen: a port closed at once can be handed out again by the next request,
 * and two settings sharing one port would collide with each other.
 */
export async function freePorts() {
  const names = ['QABOT_BOT_PORT', 'QABOT_PLAYGROUND_PORT', 'QABOT_QUEUE_PORT', 'QABOT_TABLE_PORT', 'QABOT_BLOB_PORT'];
  const held = [];
  try {
    for (let i = 0; i < names.length; i++) {
      held.push(await new Promise((resolve, reject) => {
        const server = createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve(server));
      }));
    }

    return Object.fromEntries(names.map((name, i) => [name, String(held[i].address().port)]));
  } finally {
    await Promise.all(held.map((server) => new Promise((resolve) => server.close(resolve))));
  }
}

/**
 * Processes still running in a process group: pid and command line. Zombies (state Z) are left out: they have
 * exited and only wait for their parent, or init, to collect their exit status.
 */
export function processesInGroup(pgid) {
  const ps = spawnSync('ps', ['-eo', 'pid=,pgid=,stat=,args='], { encoding: 'utf8' });
  return ps.stdout.split('\n')
    .map((line) => line.trim().match(/^(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/))
    .filter((m) => m && Number(m[2]) === pgid && !m[3].startsWith('Z'))
    .map((m) => ({ pid: Number(m[1]), args: m[4] }));
}

/**
 * Runs ./run in the sandbox in a process group of its own and waits for it (at most timeoutMs). Returns its exit code,
 * output, and the processes of its group still running a few seconds after it exited (stopped by this function, so a
 * failing check leaves nothing either).
 */
export async function runScript(sandboxDir, args, { env = {}, timeoutMs = 120_000, echo = false } = {}) {
  const child = spawn('/bin/bash', [join(sandboxDir, 'run'), ...args], {
    cwd: sandboxDir,
    env: { ...process.env, QABOT_LOCAL_DIR: join(sandboxDir, '.local'), ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => { stdout += chunk; if (echo) process.stdout.write(chunk); });
  child.stderr.on('data', (chunk) => { stderr += chunk; if (echo) process.stderr.write(chunk); });
  const timer = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, timeoutMs);
  const code = await new Promise((resolve) => child.on('close', (c, signal) => resolve(c ?? signal)));
  clearTimeout(timer);
  // A process that is still exiting gets up to three seconds (a loaded machine is slow to finish them).
  let leftBehind = processesInGroup(child.pid);
  for (let i = 0; i < 30 && leftBehind.length > 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    leftBehind = processesInGroup(child.pid);
  }
  for (const p of leftBehind) {
    try { process.kill(p.pid, 'SIGKILL'); } catch { /* gone */ }
  }
  return { code, stdout, stderr, leftBehind };
}

/** Collects failures so that one check can report every broken expectation at once. */
export function expectations(name) {
  const failures = [];
  return {
    check(condition, message) {
      if (!condition) failures.push(message);
    },
    finish() {
      if (failures.length > 0) {
        console.error(`${name}: FAILED\n  - ${failures.join('\n  - ')}`);
        process.exit(1);
      }
      console.log(`${name}: passed`);
    },
  };
}

/** The usual checks on a run that must fail: non-zero exit, the expected message, nothing left running. */
export function expectCleanFailure(expect, label, result, messagePattern) {
  expect.check(result.code !== 0, `${label}: exit code ${result.code}, expected non-zero`);
  expect.check(messagePattern.test(result.stderr), `${label}: stderr does not match ${messagePattern}: ${JSON.stringify(result.stderr.slice(-500))}`);
  expect.check(result.leftBehind.length === 0, `${label}: processes left behind: ${result.leftBehind.map((p) => `${p.pid} ${p.args}`).join('; ')}`);
}
