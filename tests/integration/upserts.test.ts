import { BindServiceAccountSystemDocument, CreateApiKeyDocument } from '../generated/graphql';
import { sql } from '../support/databases';
import { DEMO } from '../support/demo';
import { codes, gid, ok, pkOf, startTestApp, type TestApp } from '../support/test-app';
import { rollupDifferences } from '../figures/recompute';

const SYSTEM = 'taiyuan-population';
const RESULT = 'results { index externalId status id } archived userErrors { field code message }';
const mutationOf = (name: string, input: string) => `mutation Upsert($input: ${input}!) { ${name}(input: $input) { ${RESULT} } }`;
const COMPOUNDS = mutationOf('upsertCompounds', 'UpsertCompoundsInput');
const BUILDINGS = mutationOf('upsertBuildings', 'UpsertBuildingsInput');
const UNITS = mutationOf('upsertUnits', 'UpsertUnitsInput');
const HOUSEHOLDS = mutationOf('upsertHouseholds', 'UpsertHouseholdsInput');
const PERSONS = mutationOf('upsertPersons', 'UpsertPersonsInput');

interface Payload {
  results: Array<{ index: number; externalId: string; status: string; id: string | null }>;
  archived: string[];
  userErrors: Array<{ field: string[]; code: string; message: string }>;
}
type Answer = Record<string, Payload>;

/*
 * Bulk upserts keyed by external ID, as a sync script calls them: created, then unchanged on a
 * re-run; a refused item answered by its index while the others go ahead; a call refused as a whole
 * recording nothing; archiving what the source no longer lists; statements per call constant.
 */
describe('bulk upserts', () => {
  let app: TestApp;
  let sync: { as: null; headers: Record<string, string> };
  let community: string;
  let communityPk: number;
  let otherCommunity: string;

  const statuses = (p: Payload) => p.results.map((r) => r.status);
  const count = async (text: string, values: unknown[] = []) => Number((await sql<{ n: string }>(app.database, text, values))[0].n);
  const call = async (document: string, name: string, input: Record<string, unknown>, options: object = sync) => {
    const answer = await app.request<Answer, { input: object }>(
      document,
      { input: { communityId: community, system: SYSTEM, ...input } },
      options,
    );
    return { payload: ok(answer)[name], statements: answer.extensions?.sqlStatements ?? 0 };
  };
  const households = (from: number, to: number, unit = 'U-1') =>
    Array.from({ length: to - from }, (_, i) => ({ externalId: `H-${from + i}`, unitExternalId: unit, doorNo: String(1000 + from + i) }));

  beforeAll(async () => {
    app = await startTestApp();
    const [account] = await sql<{ id: number }>(app.database, "select id from service_account where name = 'sync.yongkangbeilu'");
    const serviceAccountId = gid('ServiceAccount', account.id);
    const secret = ok(await app.request(CreateApiKeyDocument, { input: { serviceAccountId } })).createApiKey.secret!;
    ok(await app.request(BindServiceAccountSystemDocument, { input: { serviceAccountId, system: SYSTEM } }));
    sync = { as: null, headers: { authorization: `Bearer ${secret}` } };
    const [c] = await sql<{ id: number }>(app.database, 'select id from community where name = $1', [DEMO.yongkang]);
    communityPk = c.id;
    community = gid('Community', c.id);
    const [z] = await sql<{ id: number }>(app.database, 'select id from community where name = $1', [DEMO.zhenxing]);
    otherCommunity = gid('Community', z.id);
  });
  afterAll(() => app.close());

  it('creates places top-down by external ID, and a re-run changes nothing', async () => {
    const compounds = [{ externalId: 'C-1', name: '同步小区一', propertyMode: 'COMPANY', builtYear: 1998 }];
    expect(statuses((await call(COMPOUNDS, 'upsertCompounds', { items: compounds })).payload)).toEqual(['CREATED']);
    const buildings = [{ externalId: 'B-1', compoundExternalId: 'C-1', name: '1号楼', floors: 6 }];
    expect(statuses((await call(BUILDINGS, 'upsertBuildings', { items: buildings })).payload)).toEqual(['CREATED']);
    const units = [{ externalId: 'U-1', buildingExternalId: 'B-1', name: '1单元' }];
    expect(statuses((await call(UNITS, 'upsertUnits', { items: units })).payload)).toEqual(['CREATED']);
    const first = (await call(HOUSEHOLDS, 'upsertHouseholds', { items: households(0, 3) })).payload;
    expect(statuses(first)).toEqual(['CREATED', 'CREATED', 'CREATED']);
    expect(first.userErrors).toEqual([]);

    const before = await count('select count(*) as n from audit_entry');
    expect(statuses((await call(COMPOUNDS, 'upsertCompounds', { items: compounds })).payload)).toEqual(['UNCHANGED']);
    expect(statuses((await call(BUILDINGS, 'upsertBuildings', { items: buildings })).payload)).toEqual(['UNCHANGED']);
    expect(statuses((await call(UNITS, 'upsertUnits', { items: units })).payload)).toEqual(['UNCHANGED']);
    const again = (await call(HOUSEHOLDS, 'upsertHouseholds', { items: households(0, 3) })).payload;
    expect(statuses(again)).toEqual(['UNCHANGED', 'UNCHANGED', 'UNCHANGED']);
    expect(again.results.map((r) => r.id)).toEqual(first.results.map((r) => r.id));
    expect(await count('select count(*) as n from audit_entry')).toBe(before);

    // The change feed sees the first run's objects.
    const feed = await app.request<{ changes: { changes: Array<{ type: string; operation: string }> } }, { id: string }>(
      'query Feed($id: ID!) { changes(communityId: $id, first: 1000) { changes { type operation } } }',
      { id: community },
      sync,
    );
    const seen = ok(feed)
      .changes.changes.filter((c) => c.operation === 'CREATED')
      .map((c) => c.type);
    expect(seen.filter((t) => t === 'Household')).toHaveLength(3);
    expect(seen).toEqual(expect.arrayContaining(['Compound', 'Building', 'Unit']));

    // The objects are where the IDs say, and the feed's audit log has each one.
    const [row] = await sql<{ door_no: string; unit: string }>(
      app.database,
      `select h.door_no, u.name as unit from household h join unit u on u.id = h.unit_id
        join external_id e on e.node_id = h.id and e.node_type = 'HOUSEHOLD' where e.external_id = 'H-1' and e.community_id = $1`,
      [communityPk],
    );
    expect(row).toEqual({ door_no: '1001', unit: '1单元' });
    expect(
      await count(
        "select count(*) as n from audit_entry where action = 'upsertHouseholds' and entity = 'Household' and operation = 'CREATE'",
      ),
    ).toBe(3);
  });

  it('updates what changed, and answers a refused item by its index while the others go ahead', async () => {
    const items = [
      { externalId: 'H-0', unitExternalId: 'U-1', doorNo: '2000' }, // changed
      { externalId: 'H-1', unitExternalId: 'U-404', doorNo: '1001' }, // unknown unit
      { externalId: 'H-2', unitExternalId: 'U-1', doorNo: '  ' }, // blank
      { externalId: 'H-3', unitExternalId: 'U-1', doorNo: '1001' }, // H-1's door
      { externalId: 'H-4', unitExternalId: 'U-1', doorNo: '1004' }, // new
      { externalId: 'H-4', unitExternalId: 'U-1', doorNo: '1005' }, // the same ID twice
    ];
    const { payload } = await call(HOUSEHOLDS, 'upsertHouseholds', { items });
    expect(statuses(payload)).toEqual(['UPDATED', 'ERROR', 'ERROR', 'ERROR', 'CREATED', 'ERROR']);
    expect(payload.userErrors.map((e) => [e.field.join('.'), e.code])).toEqual([
      ['items.2.doorNo', 'BLANK'],
      ['items.5.externalId', 'TAKEN'],
      ['items.1.unitExternalId', 'UNKNOWN_EXTERNAL_ID'],
      ['items.3.doorNo', 'TAKEN'],
    ]);
    const [changed] = await sql<{ changes: Record<string, unknown> }>(
      app.database,
      "select changes from audit_entry where action = 'upsertHouseholds' and operation = 'UPDATE' order by id desc limit 1",
    );
    expect(changed.changes).toEqual({ doorNo: { before: '1***', after: '2***' } });
  });

  it('refuses a whole call that is too large, names another community or a system the account is not bound to, recording nothing', async () => {
    const before = await count('select count(*) as n from household');
    const tooMany = await app.request(HOUSEHOLDS, { input: { communityId: community, system: SYSTEM, items: households(0, 1001) } }, sync);
    expect(codes(tooMany)).toEqual(['BAD_USER_INPUT']);
    const unbound = await app.request(
      HOUSEHOLDS,
      { input: { communityId: community, system: 'taiyuan-grid', items: households(10, 12) } },
      sync,
    );
    expect(codes(unbound)).toEqual(['FORBIDDEN']);
    const foreign = await app.request(
      HOUSEHOLDS,
      { input: { communityId: otherCommunity, system: SYSTEM, items: households(10, 12) } },
      sync,
    );
    expect(codes(foreign)).toEqual(['NOT_FOUND']);
    const noScope = await app.request(
      HOUSEHOLDS,
      { input: { communityId: community, system: SYSTEM, items: households(10, 12), archiveMissing: true } },
      sync,
    );
    expect(codes(noScope)).toEqual(['BAD_USER_INPUT']);
    expect(await count('select count(*) as n from household')).toBe(before);
  });

  it('seals persons’ numbers, refuses a number on record in the community, and a re-run is unchanged', async () => {
    const persons = [
      { externalId: 'P-1', householdExternalId: 'H-0', name: '同步甲', idNumber: '14010519900101001X', phone: '13800000001' },
      { externalId: 'P-2', householdExternalId: 'H-0', name: '同步乙', idNumber: '140105199001010021' },
      { externalId: 'P-3', householdExternalId: null, name: '同步丙', idNumber: '140105199001010021' },
    ];
    const first = (await call(PERSONS, 'upsertPersons', { items: persons })).payload;
    expect(statuses(first)).toEqual(['CREATED', 'CREATED', 'ERROR']);
    expect(first.userErrors.map((e) => [e.field.join('.'), e.code])).toEqual([['items.2.idNumber', 'TAKEN']]);
    const stored = await sql(app.database, "select * from person where name = '同步甲'");
    expect(JSON.stringify(stored)).not.toContain('14010519900101001X');
    expect(JSON.stringify(stored)).not.toContain('13800000001');
    const again = (await call(PERSONS, 'upsertPersons', { items: persons.slice(0, 2) })).payload;
    expect(statuses(again)).toEqual(['UNCHANGED', 'UNCHANGED']);
    const moved = (await call(PERSONS, 'upsertPersons', { items: [{ ...persons[1], householdExternalId: 'H-4' }] })).payload;
    expect(statuses(moved)).toEqual(['UPDATED']);
  });

  it('archives (never deletes) what the source no longer lists within the named scope, keeping objects with active children', async () => {
    const [unit] = await sql<{ node_id: number }>(
      app.database,
      "select node_id from external_id where external_id = 'U-1' and node_type = 'UNIT' and community_id = $1",
      [communityPk],
    );
    // H-0 (with persons) and H-4 listed; H-1, H-2 left out.
    const items = [
      { externalId: 'H-0', unitExternalId: 'U-1', doorNo: '2000' },
      { externalId: 'H-4', unitExternalId: 'U-1', doorNo: '1004' },
    ];
    const { payload } = await call(HOUSEHOLDS, 'upsertHouseholds', {
      items,
      archiveMissing: true,
      archiveScopeId: gid('Unit', unit.node_id),
    });
    expect(statuses(payload)).toEqual(['UNCHANGED', 'UNCHANGED']);
    expect(payload.archived).toHaveLength(2);
    expect(await count('select count(*) as n from household where unit_id = $1 and archived_at is not null', [unit.node_id])).toBe(2);
    // Listed again: restored.
    const back = (await call(HOUSEHOLDS, 'upsertHouseholds', { items: households(1, 2) })).payload;
    expect(statuses(back)).toEqual(['UPDATED']);
    // Persons not listed in a household scope, one of them with active children? Persons have none.
    const { payload: p } = await call(PERSONS, 'upsertPersons', {
      items: [{ externalId: 'P-1', householdExternalId: 'H-0', name: '同步甲' }],
      archiveMissing: true,
      archiveScopeId: community,
    });
    expect(statuses(p)).toEqual(['UNCHANGED']);
    expect(p.archived).toHaveLength(1);
    // H-0 left out while a person still lives there: kept, and said so.
    const kept = (
      await call(HOUSEHOLDS, 'upsertHouseholds', {
        items: [items[1]],
        archiveMissing: true,
        archiveScopeId: gid('Unit', unit.node_id),
      })
    ).payload;
    expect(kept.archived).toHaveLength(1);
    expect(kept.userErrors.map((e) => [e.field.join('.'), e.code])).toEqual([['archiveMissing', 'HAS_ACTIVE_CHILDREN']]);
    expect(await count('select count(*) as n from household where unit_id = $1 and archived_at is null', [unit.node_id])).toBe(2);
  });

  it("a user with the right may upsert for any system; another community's admin finds no community; a resident is refused", async () => {
    const items = [{ externalId: 'C-9', name: '同步小区九', propertyMode: 'NONE' }];
    const admin = await app.request<Answer, { input: object }>(
      COMPOUNDS,
      { input: { communityId: community, system: 'taiyuan-grid', items } },
      { as: 'admin.yongkangbeilu' },
    );
    expect(statuses(ok(admin).upsertCompounds)).toEqual(['CREATED']);
    const other = await app.request(
      COMPOUNDS,
      { input: { communityId: community, system: 'taiyuan-grid', items } },
      { as: 'admin.zhenxing' },
    );
    expect(codes(other)).toEqual(['NOT_FOUND']);
    // A resident of a community reaches it, and may not write its places.
    const [x] = await sql<{ community_id: number }>(app.database, 'select community_id from compound where name = $1', [DEMO.xinyuan]);
    const resident = await app.request(
      COMPOUNDS,
      { input: { communityId: gid('Community', x.community_id), system: 'taiyuan-grid', items } },
      { as: 'resident.xinyuan' },
    );
    expect(codes(resident)).toEqual(['FORBIDDEN']);
    expect(await count("select count(*) as n from compound where name = '同步小区九'")).toBe(1);
  });

  it('uses the same number of statements whatever the number of items', async () => {
    const small = await call(HOUSEHOLDS, 'upsertHouseholds', { items: households(100, 105) });
    const large = await call(HOUSEHOLDS, 'upsertHouseholds', { items: households(200, 400) });
    expect(statuses(large.payload).every((s) => s === 'CREATED')).toBe(true);
    expect(large.statements).toBe(small.statements);
    const smallAgain = await call(HOUSEHOLDS, 'upsertHouseholds', { items: households(100, 105) });
    const largeAgain = await call(HOUSEHOLDS, 'upsertHouseholds', { items: households(200, 400) });
    expect(statuses(largeAgain.payload).every((s) => s === 'UNCHANGED')).toBe(true);
    expect(largeAgain.statements).toBe(smallAgain.statements);
    expect(largeAgain.statements).toBeLessThan(large.statements);
  });

  it('checks every item by its own field rules, its texts trimmed, answering each by its index', async () => {
    const items = [
      { externalId: ' H-20 ', unitExternalId: 'U-1', doorNo: ' 1020 ' }, // trimmed, then new
      { externalId: 'H-21', unitExternalId: 'U-1', doorNo: '1'.repeat(21) }, // too long
      { externalId: 'H-22', unitExternalId: 'U-1', doorNo: '10\u00072', areaSqm: 0 }, // a control character, no area
    ];
    const { payload } = await call(HOUSEHOLDS, 'upsertHouseholds', { items });
    expect(payload.results.map((r) => [r.externalId, r.status])).toEqual([
      ['H-20', 'CREATED'],
      ['H-21', 'ERROR'],
      ['H-22', 'ERROR'],
    ]);
    expect(payload.userErrors.map((e) => [e.field.join('.'), e.code])).toEqual([
      ['items.1.doorNo', 'TOO_LONG'],
      ['items.2.doorNo', 'INVALID'],
      ['items.2.areaSqm', 'OUT_OF_RANGE'],
    ]);
    expect(
      await count(
        "select count(*) as n from household h join external_id e on e.node_id = h.id and e.node_type = 'HOUSEHOLD' where e.external_id = 'H-20' and h.door_no = '1020'",
      ),
    ).toBe(1);
    const again = await call(HOUSEHOLDS, 'upsertHouseholds', { items: [{ externalId: 'H-20', unitExternalId: 'U-1', doorNo: '1020' }] });
    expect(statuses(again.payload)).toEqual(['UNCHANGED']);
  });

  it('a re-run of unchanged items writes nothing: no new row version, no audit entry, no change in the feed', async () => {
    const homes = households(500, 510);
    const people = homes.map((h, i) => ({
      externalId: `P-${500 + i}`,
      householdExternalId: h.externalId,
      name: `同步重跑${i}`,
      idNumber: `14010519900105${String(1000 + i)}`,
      ...(i % 2 ? { phone: `1380000${String(5000 + i)}` } : {}),
    }));
    expect(statuses((await call(HOUSEHOLDS, 'upsertHouseholds', { items: homes })).payload).every((s) => s === 'CREATED')).toBe(true);
    expect(statuses((await call(PERSONS, 'upsertPersons', { items: people })).payload).every((s) => s === 'CREATED')).toBe(true);

    // Each row's version (xmin changes with every write of the row, even one that sets the same values).
    const versions = () =>
      sql<{ kind: string; id: number; xmin: string }>(
        app.database,
        `select 'household' as kind, h.id, h.xmin::text as xmin from household h
           join external_id e on e.node_id = h.id and e.node_type = 'HOUSEHOLD' where e.external_id like 'H-5__' and e.community_id = $1
         union all
         select 'person', p.id, p.xmin::text from person p
           join external_id e on e.node_id = p.id and e.node_type = 'PERSON' where e.external_id like 'P-5__' and e.community_id = $1
         union all
         select 'external_id', e.id, e.xmin::text from external_id e where e.external_id ~ '^[HP]-5..$' and e.community_id = $1
         order by 1, 2`,
        [communityPk],
      );
    const feed = async (after: string | null) => {
      const page = ok(
        await app.request<
          { changes: { changes: Array<{ nodeId: string }>; endCursor: string | null; hasMore: boolean } },
          { id: string; after: string | null }
        >(
          'query Feed($id: ID!, $after: String) { changes(communityId: $id, after: $after, first: 1000) { changes { nodeId } endCursor hasMore } }',
          { id: community, after },
          sync,
        ),
      ).changes;
      return page;
    };
    let cursor: string | null = null;
    for (let page = await feed(null); ; page = await feed(cursor)) {
      cursor = page.endCursor ?? cursor;
      if (!page.hasMore) break;
    }
    const rowsBefore = await versions();
    expect(rowsBefore).toHaveLength(40);
    const auditBefore = await count('select count(*) as n from audit_entry');

    const again = await call(HOUSEHOLDS, 'upsertHouseholds', { items: homes });
    expect(statuses(again.payload).every((s) => s === 'UNCHANGED')).toBe(true);
    const peopleAgain = await call(PERSONS, 'upsertPersons', { items: people });
    expect(statuses(peopleAgain.payload).every((s) => s === 'UNCHANGED')).toBe(true);

    expect(await versions()).toEqual(rowsBefore);
    expect(await count('select count(*) as n from audit_entry')).toBe(auditBefore);
    const after = await feed(cursor);
    expect(after.changes).toEqual([]);
    expect(after.hasMore).toBe(false);
  });

  it("keeps the compounds' figures as persons are created, moved, archived and restored", async () => {
    expect(
      statuses(
        (await call(COMPOUNDS, 'upsertCompounds', { items: [{ externalId: 'C-2', name: '同步小区二', propertyMode: 'NONE' }] })).payload,
      ),
    ).toEqual(['CREATED']);
    await call(BUILDINGS, 'upsertBuildings', { items: [{ externalId: 'B-2', compoundExternalId: 'C-2', name: '2号楼' }] });
    await call(UNITS, 'upsertUnits', { items: [{ externalId: 'U-2', buildingExternalId: 'B-2', name: '1单元' }] });
    await call(HOUSEHOLDS, 'upsertHouseholds', {
      items: [
        { externalId: 'H-900', unitExternalId: 'U-2', doorNo: '900' },
        { externalId: 'H-901', unitExternalId: 'U-1', doorNo: '901' },
      ],
    });
    const figures = async () =>
      Object.fromEntries(
        (
          await sql<{ compound: string; residents: number; party_members: number; external_party_members: number }>(
            app.database,
            `select e.external_id as compound, f.residents, f.party_members, f.external_party_members
               from lianxin_figures_compound f join external_id e on e.node_id = f.compound_id and e.node_type = 'COMPOUND'
              where e.community_id = $1 and e.system = $2 and e.external_id in ('C-1', 'C-2')`,
            [communityPk, SYSTEM],
          )
        ).map((r) => [r.compound, [r.residents, r.party_members, r.external_party_members]]),
      );
    const start = await figures();
    const shift = (c1: number[], c2: number[]) => ({
      'C-1': start['C-1'].map((n, i) => n + c1[i]),
      'C-2': start['C-2'].map((n, i) => n + c2[i]),
    });
    const person = (externalId: string, householdExternalId: string | null) => ({
      externalId,
      householdExternalId,
      name: `同步居民${externalId}`,
    });
    const created = (
      await call(PERSONS, 'upsertPersons', {
        items: [person('F-1', 'H-900'), person('F-2', 'H-900'), person('F-3', 'H-901'), person('F-4', null)],
      })
    ).payload;
    expect(statuses(created)).toEqual(['CREATED', 'CREATED', 'CREATED', 'CREATED']);
    expect(await figures()).toEqual(shift([1, 0, 0], [2, 0, 0]));
    expect(await rollupDifferences(app.database)).toEqual([]);

    // F-1 a party member (of an organization elsewhere), then moved to the other compound with F-2 leaving and F-4 moving in.
    await sql(
      app.database,
      "insert into party_membership (community_id, person_id, organization_relation, status, home_organization) values ($1, $2, 'EXTERNAL', 'FULL', '外单位党支部')",
      [communityPk, pkOf(created.results[0].id!)],
    );
    expect(await figures()).toEqual(shift([1, 0, 0], [2, 1, 1]));
    const moved = (await call(PERSONS, 'upsertPersons', { items: [person('F-1', 'H-901'), person('F-2', null), person('F-4', 'H-900')] }))
      .payload;
    expect(statuses(moved)).toEqual(['UPDATED', 'UPDATED', 'UPDATED']);
    expect(await figures()).toEqual(shift([2, 1, 1], [1, 0, 0]));
    expect(await rollupDifferences(app.database)).toEqual([]);

    // Archived when no longer listed in their household, restored when listed again.
    const [h] = await sql<{ node_id: number }>(
      app.database,
      "select node_id from external_id where external_id = 'H-901' and node_type = 'HOUSEHOLD' and community_id = $1",
      [communityPk],
    );
    const archived = (
      await call(PERSONS, 'upsertPersons', {
        items: [person('F-3', 'H-901')],
        archiveMissing: true,
        archiveScopeId: gid('Household', h.node_id),
      })
    ).payload;
    expect(archived.archived).toEqual([created.results[0].id]);
    expect(await figures()).toEqual(shift([1, 0, 0], [1, 0, 0]));
    const restored = (await call(PERSONS, 'upsertPersons', { items: [person('F-1', 'H-901')] })).payload;
    expect(statuses(restored)).toEqual(['UPDATED']);
    expect(await figures()).toEqual(shift([2, 1, 1], [1, 0, 0]));
    expect(await rollupDifferences(app.database)).toEqual([]);
  });

  it('charges each identity card number a call takes anew as a lookup by it (TAKEN or not, each is a guess); a re-run takes none', async () => {
    // The service account reads numbers masked; without the charge, one call of 1,000 items would
    // test 1,000 guesses at a person's number for the price of one write.
    const checked = (first17: string) => {
      const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
      const sum = [...first17].reduce((n, d, i) => n + Number(d) * weights[i], 0);
      return first17 + '10X98765432'[sum % 11];
    };
    const persons = Array.from({ length: 20 }, (_, i) => ({
      externalId: `G-${i}`,
      householdExternalId: null,
      name: `猜测${i}`,
      idNumber: checked(`14010519850505${String(100 + i)}`),
    }));
    const cost = (answer: unknown) => (answer as { extensions: { cost: { actualQueryCost: number } } }).extensions.cost.actualQueryCost;
    const send = (items: unknown[]) =>
      app.request<Answer, { input: object }>(PERSONS, { input: { communityId: community, system: SYSTEM, items } }, sync);
    const first = await send(persons);
    expect(statuses(ok(first).upsertPersons)).toEqual(persons.map(() => 'CREATED'));
    expect(cost(first)).toBeGreaterThanOrEqual(20 * 100);
    const again = await send(persons);
    expect(statuses(ok(again).upsertPersons)).toEqual(persons.map(() => 'UNCHANGED'));
    expect(cost(again)).toBeLessThan(100);
    // A refused guess costs the same as one that was written.
    const taken = await send([{ externalId: 'G-other', householdExternalId: null, name: '猜测', idNumber: persons[0].idNumber }]);
    expect(ok(taken).upsertPersons.userErrors.map((e) => e.code)).toEqual(['TAKEN']);
    expect(cost(taken)).toBeGreaterThanOrEqual(100);
    // updatePerson: a number the person already has tests nothing; another one is a guess.
    const UPDATE = `mutation Fix($input: UpdatePersonInput!) { updatePerson(input: $input) { person { id } userErrors { code } } }`;
    const person = ok(first).upsertPersons.results[1].id!;
    const same = await app.request(UPDATE, { input: { id: person, idNumber: persons[1].idNumber } }, { as: 'admin.yongkangbeilu' });
    expect(cost(same)).toBeLessThan(100);
    const other = await app.request(
      UPDATE,
      { input: { id: person, idNumber: checked('14010519850505200') } },
      { as: 'admin.yongkangbeilu' },
    );
    expect(ok(other as never)).toBeTruthy();
    expect(cost(other)).toBeGreaterThanOrEqual(100);
  });
});
