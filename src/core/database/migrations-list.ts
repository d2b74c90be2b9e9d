import type { MigrationObject } from '@mikro-orm/core';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/*
 * Every migration, in order: the files of migrations/ (next to src/ in the sources, compiled beside
 * it in dist/), found by their names, so adding a migration is adding its file. Each file exports
 * one class named like the file; the name's timestamp orders them. Reading the folder instead of
 * letting MikroORM glob keeps the compiled server and the TypeScript tests on exactly the same set.
 */
const FOLDER = join(__dirname, '..', '..', '..', 'migrations');
const FILE = /^(Migration\d{14}_\w+)\.(?:ts|js)$/;

function discover(): MigrationObject[] {
  const names = readdirSync(FOLDER)
    .map((file) => FILE.exec(file)?.[1])
    .filter((name): name is string => !!name)
    .sort();
  return names.map((name) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the folder is read at start, so the modules are too
    const exported = require(join(FOLDER, name)) as Record<string, MigrationObject['class'] | undefined>;
    const migration = exported[name];
    if (!migration) throw new Error(`migrations/${name} does not export a class named ${name}`);
    return { name, class: migration };
  });
}

export const migrationsList: MigrationObject[] = discover();
