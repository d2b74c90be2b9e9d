import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_TABLE_END as END, CONFIG_TABLE_START as START, configurationTable } from '../config-reference';

/* npm run config:docs — writes the configuration table into docs/operations.md (a test compares it). */

const file = path.resolve('docs', 'operations.md');
const text = readFileSync(file, 'utf8');
const from = text.indexOf(START);
const to = text.indexOf(END);
if (from < 0 || to < from) {
  process.stderr.write(`config:docs: docs/operations.md has no "${START}" … "${END}" markers\n`);
  process.exit(1);
}
writeFileSync(file, text.slice(0, from + START.length) + '\n\n' + configurationTable() + '\n' + text.slice(to));
process.stdout.write('wrote the configuration table of docs/operations.md\n');
