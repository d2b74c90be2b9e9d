import type { EntityMetadata } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import { isObjectType } from 'graphql';
import '../../src/platform';
import { openOrm } from '../../src/core/database/database';
import { nodeSpecs } from '../../src/core/graphql/node';
import { quietLogger } from '../../src/core/logger';
import { buildApiSchema } from '../../src/schema';
import { createTestDatabase, databaseUrl, dropTestDatabase } from '../support/databases';

/*
 * The read path writes its SQL from node specs (table + column per row property) while writes go
 * through the ORM's entities: both describe the same tables. This holds them together: every spec
 * reads the table of an entity, and every plain column it reads (`t.<column>`) is a column that
 * entity maps, so renaming a property's column in the entity (and its migration) fails here rather
 * than in a query at run time.
 */
describe('node specs agree with the ORM metadata', () => {
  let database: string;
  let orm: MikroORM;

  beforeAll(async () => {
    database = await createTestDatabase('schema');
    orm = await openOrm(databaseUrl(database), quietLogger, 1);
  });

  afterAll(async () => {
    await orm.close(true);
    await dropTestDatabase(database);
  });

  it('read only tables and columns the entities map', () => {
    const byTable = new Map<string, EntityMetadata>();
    for (const meta of Object.values(orm.getMetadata().getAll())) if (meta.tableName && !meta.embeddable) byTable.set(meta.tableName, meta);
    const problems: string[] = [];
    let checked = 0;
    for (const spec of nodeSpecs()) {
      const meta = byTable.get(spec.table);
      if (!meta) {
        problems.push(`${spec.type}: no entity maps table ${spec.table}`);
        continue;
      }
      const columns = new Set(Object.values(meta.properties).flatMap((p) => p.fieldNames ?? []));
      for (const [prop, expr] of Object.entries(spec.columns as Record<string, string>)) {
        const plain = /^t\.(\w+)$/.exec(expr);
        if (!plain) continue;
        checked++;
        if (!columns.has(plain[1])) problems.push(`${spec.type}.${prop}: ${spec.table} has no mapped column ${plain[1]}`);
      }
    }
    expect(problems).toEqual([]);
    expect(nodeSpecs().length).toBeGreaterThan(30);
    expect(checked).toBeGreaterThan(200);
  });

  it('name only fields of their own type as what needs an on-demand column (a misspelt one would never read it)', async () => {
    const schema = await buildApiSchema();
    const unknown: string[] = [];
    let declared = 0;
    for (const spec of nodeSpecs())
      for (const [prop, fields] of Object.entries(spec.onDemand ?? {})) {
        const type = schema.getType(spec.type);
        for (const field of fields ?? []) {
          declared++;
          if (!isObjectType(type) || !type.getFields()[field]) unknown.push(`${spec.type}.${prop}: ${field}`);
        }
      }
    expect(unknown).toEqual([]);
    expect(declared).toBeGreaterThanOrEqual(3);
  });
});
