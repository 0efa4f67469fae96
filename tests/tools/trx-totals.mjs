// Sums the counters of every TRX file in a folder and prints "passed failed" for the test script.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const folder = process.argv[2];
let passed = 0;
let failed = 0;
for (const name of readdirSync(folder)) {
  if (!name.endsWith('.trx')) continue;
  const xml = readFileSync(join(folder, name), 'utf8');
  const counters = xml.match(/<Counters\b[^>]*>/);
  if (!counters) continue;
  const read = (attr) => Number((counters[0].match(new RegExp(`\\b${attr}="(\\d+)"`)) ?? [])[1] ?? 0);
  passed += read('passed');
  failed += read('failed') + read('error') + read('timeout') + read('aborted');
}
console.log(`${passed} ${failed}`);
