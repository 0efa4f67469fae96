// Validates a JSON document against a JSON schema with ajv, offline.
//   node validate-json-schema.mjs SCHEMA.json DOCUMENT.json
// Draft-04 schemas (the Teams app manifest) use ajv-draft-04; later drafts (the Agents Toolkit's project file
// schema) use ajv. Formats (uri, email, ...) are checked with ajv-formats. Exit 0 when valid, 1 with one line per
// problem (JSON pointer and message) when not, 2 when the files cannot be read.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const [schemaPath, documentPath] = process.argv.slice(2);
if (!schemaPath || !documentPath) {
  console.error('usage: node validate-json-schema.mjs SCHEMA.json DOCUMENT.json');
  process.exit(2);
}

let schema;
let document;
try {
  schema = JSON.parse(readFileSync(schemaPath, 'utf8').replace(/^\uFEFF/, ''));
  document = JSON.parse(readFileSync(documentPath, 'utf8').replace(/^\uFEFF/, ''));
} catch (error) {
  console.error(`cannot read ${error.path ?? 'input'}: ${error.message}`);
  process.exit(2);
}

const draft04 = String(schema.$schema ?? '').includes('draft-04');
const Ajv = draft04 ? require('ajv-draft-04') : require('ajv').default;
const addFormats = require('ajv-formats');
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
// The schema's own $schema and $id are metadata here: validate with the draft chosen above.
delete schema.$schema;
const validate = ajv.compile(schema);
if (validate(document)) {
  console.log(`valid: ${documentPath} against ${schemaPath}`);
  process.exit(0);
}

for (const error of validate.errors) {
  const where = error.instancePath || '/';
  const detail = error.params && Object.keys(error.params).length ? ` ${JSON.stringify(error.params)}` : '';
  console.log(`${where}: ${error.message}${detail}`);
}
process.exit(1);
