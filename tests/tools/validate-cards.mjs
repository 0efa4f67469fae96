// Checks Adaptive Cards with Microsoft's own parser (npm "adaptivecards"), as Teams would read them at version 1.5.
// A card passes when it is a JSON object whose root "type" is "AdaptiveCard" with a "version" from 1.0 to 1.5 (the
// parser does not check these), the parser raises no event while reading it, and validateProperties() raises none.
// Charts (Chart.VerticalBar, Chart.Line, ...) are newer than the parser, which reports them as unknown elements and
// reads their fallback instead, as an older client would. That one event is accepted for a chart element only when it
// carries a fallback element (not "drop"), which the parser then checks like any other element.
//
// By hand:  node tests/tools/validate-cards.mjs card.json [more.json...]   (exit code 1 when any card fails)
// As a service for the test suite:  node tests/tools/validate-cards.mjs --serve
//   reads one request per line: {"cards":[{"name":"...","json":"<the card as JSON text>"}]}
//   writes one answer per line: {"results":[{"name":"...","problems":["..."]}]}
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const require = createRequire(import.meta.url);
// The package's main entry needs a browser; the bundled dist file runs under Node.
const AC = require('adaptivecards/dist/adaptivecards.js');

const SUPPORTED_VERSION = /^1\.[0-5]$/;

export function validateCard(text) {
  let json;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return [`not valid JSON: ${error.message}`];
  }

  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return ['the card is not a JSON object'];
  }

  const problems = [];
  if (json.type !== 'AdaptiveCard') {
    problems.push(`root "type" must be "AdaptiveCard" (found ${JSON.stringify(json.type)})`);
  }
  if (typeof json.version !== 'string') {
    problems.push('root "version" is missing (Teams needs it; QaBot sends 1.5)');
  } else if (!SUPPORTED_VERSION.test(json.version)) {
    problems.push(`root "version" ${JSON.stringify(json.version)} is not one Teams supports (1.0 to 1.5)`);
  }

  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  try {
    card.parse(json, context);
  } catch (error) {
    problems.push(`the parser failed: ${error.message}`);
    return problems;
  }

  const chartsWithFallback = new Map();
  for (const chart of chartElements(json)) {
    if (chart.fallback !== null && typeof chart.fallback === 'object' && !Array.isArray(chart.fallback) && typeof chart.fallback.type === 'string') {
      chartsWithFallback.set(chart.type, (chartsWithFallback.get(chart.type) ?? 0) + 1);
    } else {
      problems.push(`chart ${JSON.stringify(chart.type)} has no fallback element for clients without charts (give it a table)`);
    }
  }

  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    const chart = event.event === AC.ValidationEvent.UnknownElementType ? /^Unknown element type "(Chart\.[A-Za-z]+)"/.exec(event.message) : null;
    if (chart && (chartsWithFallback.get(chart[1]) ?? 0) > 0) {
      chartsWithFallback.set(chart[1], chartsWithFallback.get(chart[1]) - 1);
      continue;
    }
    problems.push(`parse: ${AC.ValidationEvent[event.event] ?? event.event}: ${event.message}`);
  }

  for (const event of card.validateProperties().validationEvents) {
    problems.push(`validate: ${AC.ValidationEvent[event.event] ?? event.event}: ${event.message}`);
  }

  return problems;
}

function* chartElements(node) {
  if (Array.isArray(node)) {
    for (const child of node) yield* chartElements(child);
  } else if (node !== null && typeof node === 'object') {
    if (typeof node.type === 'string' && node.type.startsWith('Chart.')) yield node;
    for (const [key, value] of Object.entries(node)) {
      if (key !== 'fallback' || !(typeof node.type === 'string' && node.type.startsWith('Chart.'))) yield* chartElements(value);
    }
  }
}

function serve() {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  lines.on('line', (line) => {
    if (line.trim() === '') return;
    let answer;
    try {
      const request = JSON.parse(line);
      answer = {
        results: request.cards.map((c) => ({ name: c.name, problems: validateCard(c.json) })),
      };
    } catch (error) {
      answer = { error: `bad request: ${error.message}` };
    }
    process.stdout.write(JSON.stringify(answer) + '\n');
  });
}

function checkFiles(files) {
  let failed = 0;
  for (const file of files) {
    const problems = validateCard(readFileSync(file, 'utf8'));
    if (problems.length === 0) {
      console.log(`ok    ${file}`);
    } else {
      failed++;
      console.log(`FAIL  ${file}`);
      for (const problem of problems) console.log(`      ${problem}`);
    }
  }
  return failed === 0 ? 0 : 1;
}

const args = process.argv.slice(2);
if (args[0] === '--serve') {
  serve();
} else if (args.length > 0) {
  process.exitCode = checkFiles(args);
} else {
  console.error('usage: node tests/tools/validate-cards.mjs card.json [more.json...] | --serve');
  process.exitCode = 2;
}
