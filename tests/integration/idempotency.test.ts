import { sql } from '../support/databases';
import { DEMO } from '../support/demo';
import { codes, gid, ok, pkOf, startTestApp, type TestApp } from '../support/test-app';

const CREATE = `mutation Create($input: CreatePersonInput!) { createPerson(input: $input) { person { id name } userErrors { field code message } } }`;
const READ = `query Read { viewer { bindings { role } } }`;
const CREATE_ACCOUNT = `mutation Account($input: CreateServiceAccountInput!) { createServiceAccount(input: $input) { serviceAccount { id } } }`;
const CREATE_KEY = `mutation Key($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id prefix } secret again: secret userErrors { code } } }`;
const UPDATE_PHONE = `mutation Phone($input: UpdatePersonInput!) { updatePerson(input: $input) { person { id phone } userErrors { code } } }`;

interface Created {
  createPerson: { person: { id: string; name: string } | null; userErrors: unknown[] };
}

interface KeyCreated {
  createApiKey: { apiKey: { id: string; prefix: string } | null; secret: string | null; again: string | null; userErrors: unknown[] };
}

/*
 * Idempotency keys on mutations: a retry with the same key and request replays the first answer and
 * changes nothing again; another request under the key is CONFLICT; keys are each caller's own;
 * concurrent requests with one key run once. The stored answer is sealed and holds no secret.
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

  describe('the stored answer', () => {
    const stored = async (key: string) =>
      (await sql<{ r: string }>(app.database, 'select response::text as r from lianxin_idempotency_key where key = $1', [key]))[0].r;
    const newKey = async (idempotencyKey: string) => {
      const account = ok(
        await app.request<{ createServiceAccount: { serviceAccount: { id: string } } }, { input: object }>(
          CREATE_ACCOUNT,
          { input: { name: `idem.${idempotencyKey}`, communityId: await community() } },
          { as: 'admin.yongkangbeilu' },
        ),
      ).createServiceAccount.serviceAccount.id;
      const input = { input: { serviceAccountId: account, label: 'nightly' } };
      const first = await app.request<KeyCreated, typeof input>(CREATE_KEY, input, admin(idempotencyKey));
      return { account, input, first };
    };
    const community = async () =>
      gid('Community', (await sql<{ id: number }>(app.database, 'select id from community where name = $1', [DEMO.yongkang]))[0].id);

    it('never holds a secret: the replay answers it null, says so, and mints no second key', async () => {
      const { account, input, first } = await newKey('key-secret');
      const secret = ok(first).createApiKey.secret!;
      expect(secret).toMatch(/^lxk_/);
      expect(ok(first).createApiKey.again).toBe(secret);
      expect(first.extensions).not.toHaveProperty('secretsWithheld');
      const row = await stored('key-secret');
      expect(row).not.toContain(secret);
      expect(row).not.toContain(secret.slice(17)); // its random part, whatever surrounds it

      const replay = await app.request<KeyCreated, typeof input>(CREATE_KEY, input, admin('key-secret'));
      expect(replay.extensions).toMatchObject({ idempotentReplayed: true, secretsWithheld: true });
      expect(ok(replay).createApiKey).toEqual({ ...ok(first).createApiKey, secret: null, again: null });
      const keys = await sql<{ n: string }>(app.database, 'select count(*) as n from api_key where service_account_id = $1', [
        pkOf(account),
      ]);
      expect(Number(keys[0].n)).toBe(1);
    });

    it('withholds the secret of an answer stored in plain text before answers were sealed', async () => {
      const { input, first } = await newKey('key-plain');
      await sql(app.database, 'update lianxin_idempotency_key set response = $2::jsonb where key = $1', [
        'key-plain',
        JSON.stringify({ data: ok(first) }),
      ]);
      const replay = await app.request<KeyCreated, typeof input>(CREATE_KEY, input, admin('key-plain'));
      expect(replay.extensions).toMatchObject({ idempotentReplayed: true, secretsWithheld: true });
      expect(ok(replay).createApiKey).toEqual({ ...ok(first).createApiKey, secret: null, again: null });
    });

    it('holds personal values sealed, and replays them as the first answer had them', async () => {
      const [person] = await sql<{ id: number }>(
        app.database,
        'select p.id from person p join household h on h.id = p.household_id join compound c on c.id = h.compound_id where c.name = $1 order by p.id limit 1',
        [DEMO.xinyuan],
      );
      const input = { input: { id: gid('Person', person.id), phone: '13987654321' } };
      type Updated = { updatePerson: { person: { id: string; phone: string | null } | null; userErrors: unknown[] } };
      const first = await app.request<Updated, typeof input>(UPDATE_PHONE, input, admin('phone'));
      expect(ok(first).updatePerson.person?.phone).toBe('13987654321');
      const row = await stored('phone');
      expect(row).toMatch(/^"v1:/); // sealed like the person's own column
      expect(row).not.toContain('13987654321');
      const replay = await app.request<Updated, typeof input>(UPDATE_PHONE, input, admin('phone'));
      expect(replay.extensions).toMatchObject({ idempotentReplayed: true });
      expect(replay.extensions).not.toHaveProperty('secretsWithheld');
      expect(ok(replay)).toEqual(ok(first));
    });
  });
  it('keeps no key for a sign-in: each is a new session, with its token', async () => {
    const LOGIN = `mutation SignIn($input: LoginInput!) { login(input: $input) { token } }`;
    const input = { login: 'grid.xinyuan', password: 'lianxin-demo-2026' };
    const first = await app.request<{ login: { token: string } }, { input: object }>(LOGIN, { input }, admin('sign-in'));
    const second = await app.request<{ login: { token: string } }, { input: object }>(LOGIN, { input }, admin('sign-in'));
    expect(ok(first).login.token).toMatch(/\./);
    expect(ok(second).login.token).toMatch(/\./);
    expect(second.extensions).not.toHaveProperty('idempotentReplayed');
    expect(await keys('sign-in')).toBe(0);
  });
});
