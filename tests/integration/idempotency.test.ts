import { sql } from '../support/databases';
import { DEMO } from '../support/demo';
import { codes, gid, ok, startTestApp, type TestApp } from '../support/test-app';

const CREATE = `mutation Create($input: CreatePersonInput!) { createPerson(input: $input) { person { id name } userErrors { field code message } } }`;
const READ = `query Read { viewer { bindings { role } } }`;

interface Created {
  createPerson: { person: { id: string; name: string } | null; userErrors: unknown[] };
}

/*
 * Idempotency keys on mutations: a retry with the same key and request replays the first answer and
 * changes nothing again; another request under the key is CONFLICT; keys are each caller's own;
 * concurrent requests with one key run once.
 */
describe('Idempotency-Key', () => {
  let app: TestApp;
  let household: string;

  const admin = (key: string) => ({ as: 'admin.yongkangbeilu', headers: { 'idempotency-key': key } });
  const persons = async (name: string) =>
    Number((await sql<{ n: string }>(app.database, 'select count(*) as n from person where name = $1', [name]))[0].n);
  const keys = async (key: string) =>
    Number((await sql<{ n: string }>(app.database, 'select count(*) as n from lianxin_idempotency_key where key = $1', [key]))[0].n);

  beforeAll(async () => {
    app = await startTestApp();
    const [h] = await sql<{ id: number }>(
      app.database,
      'select h.id from household h join community c on c.id = h.community_id where c.name = $1 order by h.id limit 1',
      [DEMO.yongkang],
    );
    household = gid('Household', h.id);
  });
  afterAll(() => app.close());

  it('replays the stored answer for a retry and creates nothing twice', async () => {
    const input = { householdId: household, name: '幂等一' };
    const first = await app.request<Created, { input: object }>(CREATE, { input }, admin('retry-1'));
    const second = await app.request<Created, { input: object }>(CREATE, { input }, admin('retry-1'));
    expect(ok(first).createPerson.person?.name).toBe('幂等一');
    expect(ok(second)).toEqual(ok(first));
    expect(second.extensions).toMatchObject({ idempotentReplayed: true });
    expect(first.extensions).not.toHaveProperty('idempotentReplayed');
    expect(await persons('幂等一')).toBe(1);
    // The same request in other words (whitespace, variable order) is the same request.
    const third = await app.request<Created, { input: object }>(
      CREATE.replace(/ \{ /g, '{\n  '),
      { input: { name: '幂等一', householdId: household } },
      admin('retry-1'),
    );
    expect(ok(third)).toEqual(ok(first));
    expect(await persons('幂等一')).toBe(1);
  });

  it('refuses another request under a used key with CONFLICT, changing nothing', async () => {
    ok(await app.request(CREATE, { input: { householdId: household, name: '幂等二' } }, admin('reused')));
    const other = await app.request(CREATE, { input: { householdId: household, name: '幂等二乙' } }, admin('reused'));
    expect(codes(other)).toEqual(['CONFLICT']);
    expect(other.status).toBe(409);
    expect(await persons('幂等二乙')).toBe(0);
  });

  it("keeps each caller's keys apart: another caller's same key runs on its own", async () => {
    const input = { householdId: household, name: '幂等三' };
    const mine = ok(await app.request<Created, { input: object }>(CREATE, { input }, admin('shared-key')));
    const theirs = await app.request<Created, { input: object }>(CREATE, { input }, { headers: { 'idempotency-key': 'shared-key' } });
    expect(theirs.extensions).not.toHaveProperty('idempotentReplayed');
    expect(ok(theirs).createPerson.person?.id).not.toBe(mine.createPerson.person?.id);
    expect(await persons('幂等三')).toBe(2);
    // Row-level security: the community admin's request sees only its own key.
    expect(await keys('shared-key')).toBe(2);
  });

  it('runs concurrent requests with one key once; the others wait and replay its answer', async () => {
    const input = { householdId: household, name: '幂等四' };
    const answers = await Promise.all(
      [1, 2, 3, 4].map(() => app.request<Created, { input: object }>(CREATE, { input }, admin('concurrent'))),
    );
    const ids = answers.map((a) => ok(a).createPerson.person?.id);
    expect(new Set(ids).size).toBe(1);
    expect(answers.filter((a) => a.extensions && 'idempotentReplayed' in a.extensions)).toHaveLength(3);
    expect(await persons('幂等四')).toBe(1);
  });

  it('ignores the key on queries, and keeps no key for a refused mutation (a retry may run)', async () => {
    ok(await app.request(READ, {}, admin('a-query')));
    ok(await app.request(READ, {}, admin('a-query')));
    expect(await keys('a-query')).toBe(0);
    const refused = await app.request(
      CREATE,
      { input: { householdId: household, name: '幂等五' } },
      {
        as: 'admin.zhenxing',
        headers: { 'idempotency-key': 'refused' },
      },
    );
    expect(codes(refused)).toEqual(['NOT_FOUND']);
    expect(await keys('refused')).toBe(0);
  });

  it('refuses a malformed key', async () => {
    const bad = await app.request(CREATE, { input: { householdId: household, name: '幂等六' } }, admin('x'.repeat(256)));
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(await persons('幂等六')).toBe(0);
  });

  it('forgets expired keys: a keyed request purges them, and an expired key runs again', async () => {
    await sql(
      app.database,
      `insert into lianxin_idempotency_key (principal, key, request_hash, response, created_at, expires_at)
       values ('s:999999', 'old', 'x', '{}', now() - interval '2 days', now() - interval '1 day')`,
    );
    const input = { householdId: household, name: '幂等七' };
    ok(await app.request(CREATE, { input }, admin('expiring')));
    expect(await keys('old')).toBe(0);
    await sql(app.database, `update lianxin_idempotency_key set expires_at = now() - interval '1 second' where key = 'expiring'`);
    const again = await app.request<Created, { input: object }>(CREATE, { input }, admin('expiring'));
    expect(again.extensions).not.toHaveProperty('idempotentReplayed');
    expect(await persons('幂等七')).toBe(2);
  });
});
