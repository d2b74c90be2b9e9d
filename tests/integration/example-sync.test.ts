import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createClient } from '../../clients/typescript/client';
import { changesSince, parseRegister, syncPopulation } from '../../examples/sync-population';
import { BindServiceAccountSystemDocument, CreateApiKeyDocument } from '../generated/graphql';
import { sql } from '../support/databases';
import { DEMO } from '../support/demo';
import { gid, ok, startTestApp, type TestApp } from '../support/test-app';

const SYSTEM = 'taiyuan-population';

/*
 * The example sync script, through its typed client, against a real server: the first run records
 * the register's places and persons, the second changes nothing, and the feed shows exactly the first run.
 */
describe('examples/sync-population.ts', () => {
  let app: TestApp;
  let apiKey: string;
  let community: string;

  beforeAll(async () => {
    app = await startTestApp();
    const [account] = await sql<{ id: number }>(app.database, "select id from service_account where name = 'sync.yongkangbeilu'");
    const serviceAccountId = gid('ServiceAccount', account.id);
    apiKey = ok(await app.request(CreateApiKeyDocument, { input: { serviceAccountId } })).createApiKey.secret!;
    ok(await app.request(BindServiceAccountSystemDocument, { input: { serviceAccountId, system: SYSTEM } }));
    const [c] = await sql<{ id: number }>(app.database, 'select id from community where name = $1', [DEMO.yongkang]);
    community = gid('Community', c.id);
  });
  afterAll(() => app.close());

  it('records the register once, changes nothing on a re-run, and the feed shows exactly the first run', async () => {
    const client = createClient({ url: app.url, apiKey });
    const rows = parseRegister(readFileSync(path.join(__dirname, '../../examples/population-sample.csv'), 'utf8'));
    const { cursor } = await changesSince(client, community, null);

    const created = (n: number) => ({ CREATED: n, UPDATED: 0, UNCHANGED: 0 });
    const unchanged = (n: number) => ({ CREATED: 0, UPDATED: 0, UNCHANGED: n });
    const first = await syncPopulation(client, SYSTEM, community, rows);
    expect(first).toEqual({
      places: { compounds: created(1), buildings: created(1), units: created(1), households: created(2) },
      created: ['P-000001', 'P-000002', 'P-000003'],
      updated: [],
      matched: [],
      unchanged: [],
      errors: [],
    });
    const second = await syncPopulation(client, SYSTEM, community, rows);
    expect(second).toEqual({
      places: { compounds: unchanged(1), buildings: unchanged(1), units: unchanged(1), households: unchanged(2) },
      created: [],
      updated: [],
      matched: [],
      unchanged: ['P-000001', 'P-000002', 'P-000003'],
      errors: [],
    });

    const { changes } = await changesSince(client, community, cursor);
    expect(changes.map((c) => [c.type, c.operation])).toEqual([
      ['Compound', 'CREATED'],
      ['Building', 'CREATED'],
      ['Unit', 'CREATED'],
      ['Household', 'CREATED'],
      ['Household', 'CREATED'],
      ['Person', 'CREATED'],
      ['Person', 'CREATED'],
      ['Person', 'CREATED'],
    ]);
    // Nothing in plain at rest, nothing read back by the script.
    expect(JSON.stringify(await sql(app.database, "select * from person where name = '张建国'"))).not.toContain('140105195803041219');
  });

  it('matches a person already on record by identity card number instead of creating them again', async () => {
    const client = createClient({ url: app.url, apiKey });
    const [sample] = parseRegister(readFileSync(path.join(__dirname, '../../examples/population-sample.csv'), 'utf8')).slice(2);
    const row = {
      ...sample,
      householdId: 'HH-XY-0102',
      personId: 'P-000099',
      name: '王志强',
      gender: 'MALE' as const,
      birthYear: 1985,
      idNumber: '140105198507150631',
    };
    const report = await syncPopulation(client, SYSTEM, community, [row]);
    expect(report).toMatchObject({ created: [], updated: [], matched: ['P-000099'], unchanged: [], errors: [] });
  });
});
