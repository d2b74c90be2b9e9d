import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { printApiSchema } from '../schema';

/* npm run schema:emit — writes the SDL to schema/schema.graphql (committed; a test compares it). */
async function main(): Promise<void> {
  const file = path.resolve('schema', 'schema.graphql');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, await printApiSchema());
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
