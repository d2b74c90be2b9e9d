import { AuditEntriesDocument, CreateCompoundDocument, UpdateCompoundDocument, UpdateHouseholdDocument } from '../generated/graphql';
import { MASK_AUDIT_DOOR_NUMBERS } from '../../migrations/Migration20261216100000_masked_door_numbers_in_audit';
import { sql } from '../support/databases';
import { DEMO, idByName } from '../support/demo';
import { codes, gid, ok, startTestApp, type TestApp } from '../support/test-app';

/*
 * The audit log: every change a mutation makes, with who, when, the target and the fields before
 * and after, written in the mutation's own transaction (so a failed mutation leaves no entry).
 */

describe('the audit log', () => {
  let app: TestApp;
  let yongkang: string;
  let xinyuan: string;

  const entries = async (as: string, communityId?: string) =>
    ok(await app.request(AuditEntriesDocument, { communityId, last: 100 }, { as })).auditEntries;

  beforeAll(async () => {
    app = await startTestApp();
    yongkang = await idByName(app.database, 'community', DEMO.yongkang, 'Community');
    xinyuan = await idByName(app.database, 'compound', DEMO.xinyuan, 'Compound');
  });
  afterAll(() => app.close());

  it('records who changed which fields of what, in the request that did it', async () => {
    const res = await app.request(
      UpdateCompoundDocument,
      { input: { id: xinyuan, builtYear: 1997, propertyMode: 'SELF_MANAGED' as never } },
      { as: 'admin.yongkangbeilu' },
    );
    expect(ok(res).updateCompound.userErrors).toEqual([]);
    const log = await entries('admin.yongkangbeilu', yongkang);
    const entry = log.nodes[log.nodes.length - 1];
    expect(entry).toMatchObject({
      action: 'updateCompound',
      entity: 'Compound',
      entityId: xinyuan,
      operation: 'UPDATE',
      actorLabel: 'admin.yongkangbeilu',
      requestId: res.extensions!.requestId,
      changes: { builtYear: { before: 1996, after: 1997 }, propertyMode: { before: 'NONE', after: 'SELF_MANAGED' } },
    });
    expect(Object.keys(entry.changes as object).sort()).toEqual(['builtYear', 'propertyMode']);
    expect(Date.now() - Date.parse(entry.occurredAt)).toBeLessThan(60_000);
  });

  it('says that a phone or an identity card number changed, never its ciphertext or blind index', async () => {
    const [person] = await sql<{ id: number }>(
      app.database,
      'select p.id from person p join household h on h.id = p.household_id join compound c on c.id = h.compound_id where c.name = $1 order by p.id limit 1',
      [DEMO.xinyuan],
    );
    const res = await app.request<{ updatePerson: { userErrors: unknown[] } }, Record<string, unknown>>(
      'mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { userErrors { code } } }',
      { input: { id: gid('Person', person.id), phone: '13912345678', idNumber: '14010519800101123X' } },
      { as: 'admin.yongkangbeilu' },
    );
    expect(ok(res).updatePerson.userErrors).toEqual([]);
    const log = await entries('admin.yongkangbeilu', yongkang);
    const entry = log.nodes[log.nodes.length - 1];
    expect(entry).toMatchObject({
      action: 'updatePerson',
      entity: 'Person',
      changes: {
        phoneSealed: { after: '[sealed]' },
        phoneIndex: { after: '[hidden]' },
        idNumberSealed: { after: '[sealed]' },
        idNumberIndex: { after: '[hidden]' },
      },
    });
    const text = JSON.stringify(entry.changes);
    expect(text).not.toMatch(/v1:|[0-9a-f]{64}|13912345678|123X/);
  });

  it('keeps a door number as those without a duty of care see it: read from the log, it would escape the read log', async () => {
    const [household] = await sql<{ id: number; door: string }>(
      app.database,
      'select h.id, h.door_no as door from household h join compound c on c.id = h.compound_id where c.name = $1 order by h.id limit 1',
      [DEMO.xinyuan],
    );
    const id = gid('Household', household.id);
    const res = await app.request(UpdateHouseholdDocument, { input: { id, doorNo: '9902' } }, { as: 'admin.yongkangbeilu' });
    expect(ok(res).updateHousehold.userErrors).toEqual([]);
    const log = await entries('admin.yongkangbeilu', yongkang);
    const entry = log.nodes[log.nodes.length - 1];
    expect(entry).toMatchObject({ action: 'updateHousehold', entityId: id });
    const masked = (door: string) => door[0] + '*'.repeat(door.length - 1);
    expect(entry.changes).toEqual({ doorNo: { before: masked(household.door), after: '9***' } });
    expect(JSON.stringify(log.nodes)).not.toContain(`"9902"`);
  });

  it("masks the door numbers, reporters' names and waiver reasons of entries written before, keeps the rest, and is idempotent", async () => {
    const old = [
      { entity: 'Household', changes: { doorNo: { before: '502', after: '1' }, areaSqm: { before: null, after: '71.50' } } },
      { entity: 'Household', changes: { doorNo: { before: null, after: '1201' } } },
      { entity: 'Compound', changes: { doorNo: { before: null, after: 'kept' } } },
      { entity: 'ResidentIssue', changes: { reporterName: { before: null, after: '张三' }, category: { before: null, after: 'REPAIR' } } },
      { entity: 'FeeWaiver', changes: { reason: { before: null, after: '低保户' } } },
    ];
    const ids: number[] = [];
    for (const { entity, changes } of old) {
      const [row] = await sql<{ id: number }>(
        app.database,
        `insert into audit_entry (request_id, actor_label, action, entity, entity_id, operation, changes)
         values ('old-request', 'someone', 'old', $1, 1, 'UPDATE', $2) returning id`,
        [entity, JSON.stringify(changes)],
      );
      ids.push(row.id);
    }
    const read = async () =>
      (await sql<{ changes: unknown }>(app.database, 'select changes from audit_entry where id = any($1) order by id', [ids])).map(
        (r) => r.changes,
      );
    const expected = [
      { doorNo: { before: '5**', after: '*' }, areaSqm: { before: null, after: '71.50' } },
      { doorNo: { before: null, after: '1***' } },
      { doorNo: { before: null, after: 'kept' } },
      { reporterName: { before: null, after: '[personal]' }, category: { before: null, after: 'REPAIR' } },
      { reason: { before: null, after: '[personal]' } },
    ];
    await sql(app.database, MASK_AUDIT_DOOR_NUMBERS);
    expect(await read()).toEqual(expected);
    await sql(app.database, MASK_AUDIT_DOOR_NUMBERS);
    expect(await read()).toEqual(expected);
  });

  it('names the service account when an integration makes the change', async () => {
    const [account] = await sql<{ id: number }>(app.database, "select id from service_account where name = 'sync.yongkangbeilu'");
    const { createApiKey } = ok(
      await app.request(`mutation($id: ID!) { createApiKey(input: { serviceAccountId: $id }) { secret } }`, {
        id: gid('ServiceAccount', account.id),
      }),
    ) as { createApiKey: { secret: string } };
    const [household] = await sql<{ id: number }>(
      app.database,
      'select h.id from household h join compound c on c.id = h.compound_id where c.name = $1 order by h.id limit 1',
      [DEMO.xinyuan],
    );
    ok(
      await app.request(
        UpdateHouseholdDocument,
        { input: { id: gid('Household', household.id), areaSqm: 88.5 } },
        { as: null, headers: { authorization: `Bearer ${createApiKey.secret}` } },
      ),
    );
    const log = await entries('admin.yongkangbeilu', yongkang);
    expect(log.nodes[log.nodes.length - 1]).toMatchObject({
      action: 'updateHousehold',
      entity: 'Household',
      actorLabel: 'service:sync.yongkangbeilu',
    });
  });

  it('gets no entry from a refused, an invalid or a failed mutation', async () => {
    const before = (await entries('admin.yongkangbeilu', yongkang)).totalCount;
    expect(codes(await app.request(UpdateCompoundDocument, { input: { id: xinyuan, builtYear: 1990 } }, { as: 'leader.xinyuan' }))).toEqual(
      ['FORBIDDEN'],
    );
    expect(
      ok(await app.request(UpdateCompoundDocument, { input: { id: xinyuan, builtYear: 1066 } }, { as: 'admin.yongkangbeilu' }))
        .updateCompound.userErrors,
    ).not.toEqual([]);
    // A duplicate name fails in the database, after the row was written and audited: both roll back.
    const taken = ok(
      await app.request(
        CreateCompoundDocument,
        { input: { communityId: yongkang, name: DEMO.yifen, propertyMode: 'NONE' as never } },
        { as: 'admin.yongkangbeilu' },
      ),
    );
    expect(taken.createCompound.userErrors).toEqual([expect.objectContaining({ code: 'TAKEN' })]);
    expect((await entries('admin.yongkangbeilu', yongkang)).totalCount).toBe(before);
  });

  it('is read per community by its admins, and whole by the platform', async () => {
    expect(codes(await app.request(AuditEntriesDocument, { last: 5 }, { as: 'admin.yongkangbeilu' }))).toEqual(['FORBIDDEN']);
    expect(codes(await app.request(AuditEntriesDocument, { communityId: yongkang, last: 5 }, { as: 'secretary.xinyuan' }))).toEqual([
      'FORBIDDEN',
    ]);
    expect(codes(await app.request(AuditEntriesDocument, { communityId: yongkang, last: 5 }, { as: 'admin.zhenxing' }))).toEqual([
      'NOT_FOUND',
    ]);
    // A community that does not exist is NOT_FOUND for the platform too (not a refusal it could not mend).
    expect(
      codes(await app.request(AuditEntriesDocument, { communityId: gid('Community', 999_999), last: 5 }, { as: 'platform.admin' })),
    ).toEqual(['NOT_FOUND']);
    const all = await entries('platform.admin');
    expect(all.nodes.map((e) => e.action)).toEqual(expect.arrayContaining(['updateCompound', 'updateHousehold', 'createApiKey']));
    // The Zhenxing admin's own log holds none of it.
    const zhenxing = await idByName(app.database, 'community', DEMO.zhenxing, 'Community');
    expect((await entries('admin.zhenxing', zhenxing)).totalCount).toBe(0);
  });

  it('names each entry by the server’s request id; a client’s x-request-id is kept beside it, so two communities never share one', async () => {
    const sent = 'same-client-id-in-both-communities';
    const [other] = await sql<{ id: number }>(
      app.database,
      'select c.id from compound c join community m on m.id = c.community_id where m.name = $1 order by c.id limit 1',
      [DEMO.zhenxing],
    );
    const answers = [];
    for (const [as, compound] of [
      ['admin.yongkangbeilu', xinyuan],
      ['admin.zhenxing', gid('Compound', other.id)],
    ] as const) {
      const res = await app.request(
        UpdateCompoundDocument,
        { input: { id: compound, builtYear: 2001 } },
        { as, headers: { 'x-request-id': sent } },
      );
      expect(ok(res).updateCompound.userErrors).toEqual([]);
      answers.push(res.extensions!.requestId as string);
    }
    const rows = await sql<{ request_id: string; client_request_id: string; community: string }>(
      app.database,
      `select e.request_id, e.client_request_id, m.name as community
         from audit_entry e join community m on m.id = e.community_id
        where e.action = 'updateCompound' and e.client_request_id = $1 order by e.id`,
      [sent],
    );
    expect(rows).toEqual([
      { request_id: answers[0], client_request_id: sent, community: DEMO.yongkang },
      { request_id: answers[1], client_request_id: sent, community: DEMO.zhenxing },
    ]);
    expect(answers[0]).not.toBe(answers[1]);
    expect(answers).not.toContain(sent);
  });
});
