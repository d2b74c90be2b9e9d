import { MASK_PLAIN_AUDIT_VALUES } from '../../migrations/Migration20261205200100_mask_plain_audit_values';
import { sql } from '../support/databases';
import { startTestApp, type TestApp } from '../support/test-app';

/*
 * Audit entries from before sealing that hold a phone or identity card number plain are masked by
 * Migration20261205200100_mask_plain_audit_values; everything else in them, and other entries, stay.
 */
describe('plain personal values in old audit entries', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ template: 'schema' });
  });
  afterAll(() => app.close());

  it('masks phones and identity card numbers, keeps the rest, and is idempotent', async () => {
    const old = [
      {
        phone: { before: null, after: '138-1234-5678' },
        idNumber: { before: '140105195803041219', after: null },
        name: { before: 'A', after: 'B' },
      },
      { phone: '13900001111', birthYear: { before: null, after: 1960 } },
      { name: { before: null, after: '张三' } },
    ];
    const ids: number[] = [];
    for (const changes of old) {
      const [row] = await sql<{ id: number }>(
        app.database,
        `insert into audit_entry (request_id, actor_label, action, entity, entity_id, operation, changes)
         values ('old-request', 'someone', 'updatePerson', 'Person', 1, 'UPDATE', $1) returning id`,
        [JSON.stringify(changes)],
      );
      ids.push(row.id);
    }
    const read = async () =>
      (await sql<{ changes: unknown }>(app.database, 'select changes from audit_entry where id = any($1) order by id', [ids])).map(
        (r) => r.changes,
      );
    const expected = [
      {
        phone: { before: null, after: '138****5678' },
        idNumber: { before: '******************', after: null },
        name: { before: 'A', after: 'B' },
      },
      { phone: '139****1111', birthYear: { before: null, after: 1960 } },
      { name: { before: null, after: '张三' } },
    ];
    await sql(app.database, MASK_PLAIN_AUDIT_VALUES);
    expect(await read()).toEqual(expected);
    await sql(app.database, MASK_PLAIN_AUDIT_VALUES);
    expect(await read()).toEqual(expected);
    // The log stays forced under row-level security for its owner.
    const [{ forced }] = await sql<{ forced: boolean }>(
      app.database,
      "select relforcerowsecurity as forced from pg_class where relname = 'audit_entry'",
    );
    expect(forced).toBe(true);
  });
});
