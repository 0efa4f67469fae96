// Branch coverage of one assembly across every Cobertura file under a folder (one per test project), as
// `dotnet test --collect:"XPlat Code Coverage" --results-directory DIR` leaves them.
// Usage: node tests/tools/branch-coverage.mjs DIR [package] [--min PERCENT] [--lines]
// Merging: each branch point (source file and line) counts the most conditions any one test project covered there,
// never their sum, so the figure is a lower bound of what the test projects cover together.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const folder = args[0];
const packageName = args[1] && !args[1].startsWith('--') ? args[1] : 'QaBot.Application';
const min = args.includes('--min') ? Number(args[args.indexOf('--min') + 1]) : null;
const listLines = args.includes('--lines');

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (name.endsWith('.cobertura.xml')) yield path;
  }
}

const points = new Map(); // "file:line" -> { covered, total }
let reports = 0;
for (const path of files(folder)) {
  const xml = readFileSync(path, 'utf8');
  const start = xml.search(new RegExp(`<package name="${packageName.replace(/\./g, '\\.')}"`));
  if (start < 0) continue;
  reports++;
  const body = xml.slice(start, xml.indexOf('</package>', start));
  for (const cls of body.matchAll(/<class [^>]*filename="([^"]+)"[^>]*>([\s\S]*?)<\/class>/g)) {
    // Each report names files relative to its own source roots; from the project folder on they are the same.
    const name = cls[1].replace(/\\/g, '/');
    const at = name.lastIndexOf(`${packageName}/`);
    const file = at < 0 ? name : name.slice(at);
    for (const line of cls[2].matchAll(/<line number="(\d+)"[^>]*branch="True"[^>]*condition-coverage="[^(]*\((\d+)\/(\d+)\)"/gi)) {
      const key = `${file}:${line[1]}`;
      const covered = Number(line[2]);
      const total = Number(line[3]);
      const seen = points.get(key);
      if (!seen || covered > seen.covered) points.set(key, { covered, total });
    }
  }
}

if (reports === 0) {
  console.error(`branch-coverage: no Cobertura report under ${folder} covers ${packageName}.`);
  process.exit(2);
}

let covered = 0;
let total = 0;
for (const [key, point] of points) {
  covered += point.covered;
  total += point.total;
  if (listLines && point.covered < point.total) console.log(`  ${key} ${point.covered}/${point.total}`);
}

const percent = total === 0 ? 100 : (100 * covered) / total;
console.log(`${packageName}: ${covered} of ${total} branches covered (${percent.toFixed(1)}%) across ${reports} report(s)`);
if (min !== null && percent < min) process.exit(1);
