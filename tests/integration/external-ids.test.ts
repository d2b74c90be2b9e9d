import {
  BindServiceAccountSystemDocument,
  BuildingHouseholdExternalIdsDocument,
  CreateApiKeyDocument,
  NodeByExternalIdDocument,
  SetExternalIdDocument,
  UnbindServiceAccountSystemDocument,
  ViewerSystemsDocument,
} from '../generated/graphql';
import { sql } from '../support/databases';
import { DEMO } from '../support/demo';
import { codes, gid, ok, startTestApp, type TestApp } from '../support/test-app';

const POPULATION = 'taiyuan-population';
const GRID = 'taiyuan-grid';

/*
 * External IDs: what city systems call our objects, unique per (community, system, kind); found by
 * nodeByExternalId within the caller's communities; written by those who may write the object, and
 * by a service account only for the systems it is bound to.
 */
describe('external IDs', () => {
  let app: TestApp;
  let account: string;
  let sync: { headers: Record<string, string>; as: null };
  let yongkangHouseholds: string[];
  let zhenxingHousehold: string;
  let yongkang: string;
  let district: string;
  let building: string;

  async function pkOfFirst(text: string, values: unknown[] = []): Promise<number[]> {
    return (await sql<{ id: number }>(app.database, text, values)).map((r) => r.id);
  }

  beforeAll(async () => {
    app = await startTestApp();
    const [accountPk] = await pkOfFirst("select id from service_account where name = 'sync.yongkangbeilu'");
    account = gid('ServiceAccount', accountPk);
    const key = ok(await app.request(CreateApiKeyDocument, { input: { serviceAccountId: account, label: 'tests' } })).createApiKey;
    sync = { headers: { authorization: `Bearer ${key.secret!}` }, as: null };
    const [buildingPk] = await pkOfFirst(
      `select b.id from building b join community c on c.id = b.community_id where c.name = $1
        and exists (select 1 from household h join person p on p.household_id = h.id where h.building_id = b.id) order by b.id limit 1`,
      [DEMO.yongkang],
    );
    building = gid('Building', buildingPk);
    yongkangHouseholds = (await pkOfFirst('select id from household where building_id = $1 order by id limit 2', [buildingPk])).map((pk) =>
      gid('Household', pk),
    );
    const [z] = await pkOfFirst(
      'select h.id from household h join community c on c.id = h.community_id where c.name = $1 order by h.id limit 1',
      [DEMO.zhenxing],
    );
    zhenxingHousehold = gid('Household', z);
    const [c] = await pkOfFirst('select id from community where name = $1', [DEMO.yongkang]);
    yongkang = gid('Community', c);
    const [d] = await pkOfFirst('select district_id as id from community where id = $1', [c]);
    district = gid('District', d);
  });
  afterAll(() => app.close());

  describe('binding a service account to the systems it speaks for', () => {
    it('is for those who control the account: its community admin, not another community, not a resident', async () => {
      expect(
        codes(
          await app.request(
            BindServiceAccountSystemDocument,
            { input: { serviceAccountId: account, system: POPULATION } },
            { as: 'admin.zhenxing' },
          ),
        ),
      ).toEqual(['NOT_FOUND']);
      expect(
        codes(
          await app.request(
            BindServiceAccountSystemDocument,
            { input: { serviceAccountId: account, system: POPULATION } },
            { as: 'resident.xinyuan' },
          ),
        ),
      ).toEqual(['FORBIDDEN']);
      // The account may not widen its own reach.
      expect(
        codes(await app.request(BindServiceAccountSystemDocument, { input: { serviceAccountId: account, system: GRID } }, sync)),
      ).toEqual(['FORBIDDEN']);
      const bound = ok(
        await app.request(
          BindServiceAccountSystemDocument,
          { input: { serviceAccountId: account, system: POPULATION } },
          { as: 'admin.yongkangbeilu' },
        ),
      ).bindServiceAccountSystem;
      expect(bound).toMatchObject({ userErrors: [], serviceAccount: { name: 'sync.yongkangbeilu', systems: [POPULATION] } });
      const again = ok(
        await app.request(
          BindServiceAccountSystemDocument,
          { input: { serviceAccountId: account, system: POPULATION } },
          { as: 'admin.yongkangbeilu' },
        ),
      ).bindServiceAccountSystem;
      expect(again.userErrors).toEqual([expect.objectContaining({ field: ['system'], code: 'ALREADY_GRANTED' })]);
      const invalid = ok(
        await app.request(
          BindServiceAccountSystemDocument,
          { input: { serviceAccountId: account, system: 'Not A System' } },
          { as: 'admin.yongkangbeilu' },
        ),
      ).bindServiceAccountSystem;
      expect(invalid).toMatchObject({ serviceAccount: null, userErrors: [{ field: ['system'], code: 'INVALID' }] });
      expect(ok(await app.request(ViewerSystemsDocument, {}, sync)).viewer.serviceAccount).toEqual({
        name: 'sync.yongkangbeilu',
        systems: [POPULATION],
      });
    });
  });

  describe('recording and finding external IDs', () => {
    it('lets the bound service account record a household’s ID and find the household by it', async () => {
      const set = ok(
        await app.request(SetExternalIdDocument, { input: { nodeId: yongkangHouseholds[0], system: POPULATION, id: 'HH-0001' } }, sync),
      ).setExternalId;
      expect(set).toMatchObject({
        userErrors: [],
        node: { id: yongkangHouseholds[0], externalIds: [{ system: POPULATION, id: 'HH-0001' }] },
      });
      const found = ok(
        await app.request(NodeByExternalIdDocument, { system: POPULATION, type: 'HOUSEHOLD', id: 'HH-0001' }, sync),
      ).nodeByExternalId;
      expect(found).toMatchObject({ id: yongkangHouseholds[0], __typename: 'Household' });
      // The community admin finds it too; an unknown ID is null, not an error.
      expect(
        ok(
          await app.request(
            NodeByExternalIdDocument,
            { system: POPULATION, type: 'HOUSEHOLD', id: 'HH-0001' },
            { as: 'admin.yongkangbeilu' },
          ),
        ).nodeByExternalId,
      ).toMatchObject({ id: yongkangHouseholds[0] });
      expect(
        ok(await app.request(NodeByExternalIdDocument, { system: POPULATION, type: 'HOUSEHOLD', id: 'HH-9999' }, sync)).nodeByExternalId,
      ).toBeNull();
      expect(
        ok(await app.request(NodeByExternalIdDocument, { system: POPULATION, type: 'PERSON', id: 'HH-0001' }, sync)).nodeByExternalId,
      ).toBeNull();
    });

    it('replaces the ID a node had in a system, and refuses one another node of the kind carries there (TAKEN)', async () => {
      ok(
        await app.request(SetExternalIdDocument, { input: { nodeId: yongkangHouseholds[1], system: POPULATION, id: 'HH-0002-old' } }, sync),
      );
      const replaced = ok(
        await app.request(SetExternalIdDocument, { input: { nodeId: yongkangHouseholds[1], system: POPULATION, id: 'HH-0002' } }, sync),
      ).setExternalId;
      expect(replaced.node).toMatchObject({ externalIds: [{ system: POPULATION, id: 'HH-0002' }] });
      expect(
        ok(await app.request(NodeByExternalIdDocument, { system: POPULATION, type: 'HOUSEHOLD', id: 'HH-0002-old' }, sync))
          .nodeByExternalId,
      ).toBeNull();
      const taken = ok(
        await app.request(SetExternalIdDocument, { input: { nodeId: yongkangHouseholds[1], system: POPULATION, id: 'HH-0001' } }, sync),
      ).setExternalId;
      expect(taken).toMatchObject({ node: null, userErrors: [{ field: ['id'], code: 'TAKEN' }] });
      const [row] = await sql<{ external_id: string }>(
        app.database,
        "select external_id from external_id where external_id like 'HH-0002%'",
      );
      expect(row.external_id).toBe('HH-0002');
    });

    it('allows the same ID in another community: each community is its own namespace, and neither sees the other’s', async () => {
      const other = ok(
        await app.request(
          SetExternalIdDocument,
          { input: { nodeId: zhenxingHousehold, system: POPULATION, id: 'HH-0001' } },
          { as: 'admin.zhenxing' },
        ),
      ).setExternalId;
      expect(other.userErrors).toEqual([]);
      expect(
        ok(await app.request(NodeByExternalIdDocument, { system: POPULATION, type: 'HOUSEHOLD', id: 'HH-0001' }, { as: 'admin.zhenxing' }))
          .nodeByExternalId,
      ).toMatchObject({ id: zhenxingHousehold });
      expect(
        ok(await app.request(NodeByExternalIdDocument, { system: POPULATION, type: 'HOUSEHOLD', id: 'HH-0001' }, sync)).nodeByExternalId,
      ).toMatchObject({ id: yongkangHouseholds[0] });
      // The platform reaches both: it must say which community it means.
      const ambiguous = await app.request(NodeByExternalIdDocument, { system: POPULATION, type: 'HOUSEHOLD', id: 'HH-0001' });
      expect(codes(ambiguous)).toEqual(['BAD_USER_INPUT']);
      expect(
        ok(await app.request(NodeByExternalIdDocument, { system: POPULATION, type: 'HOUSEHOLD', id: 'HH-0001', communityId: yongkang }))
          .nodeByExternalId,
      ).toMatchObject({ id: yongkangHouseholds[0] });
    });

    it('refuses a service account a system it is not bound to, another community’s node and what its role may not write', async () => {
      expect(
        codes(await app.request(SetExternalIdDocument, { input: { nodeId: yongkangHouseholds[0], system: GRID, id: 'G-1' } }, sync)),
      ).toEqual(['FORBIDDEN']);
      expect(
        codes(await app.request(SetExternalIdDocument, { input: { nodeId: zhenxingHousehold, system: POPULATION, id: 'HH-7' } }, sync)),
      ).toEqual(['NOT_FOUND']);
      // INTEGRATION writes places and people, not the organization: the community's ID is the admin's to record.
      expect(codes(await app.request(SetExternalIdDocument, { input: { nodeId: yongkang, system: POPULATION, id: 'C-1' } }, sync))).toEqual(
        ['FORBIDDEN'],
      );
      expect(
        codes(
          await app.request(
            SetExternalIdDocument,
            { input: { nodeId: building, system: POPULATION, id: 'B-1' } },
            { as: 'resident.xinyuan' },
          ),
        ),
      ).toEqual(['FORBIDDEN']);
      // An object that carries no external IDs is a bad input; a malformed ID names the field.
      expect(codes(await app.request(SetExternalIdDocument, { input: { nodeId: account, system: POPULATION, id: 'S-1' } }, sync))).toEqual([
        'BAD_USER_INPUT',
      ]);
      expect(
        codes(await app.request(SetExternalIdDocument, { input: { nodeId: 'nonsense', system: POPULATION, id: 'S-1' } }, sync)),
      ).toEqual(['BAD_USER_INPUT']);
      const written = await sql(app.database, "select 1 from external_id where external_id in ('G-1', 'HH-7', 'C-1', 'B-1', 'S-1')");
      expect(written).toEqual([]);
      // People with the right to write the object may record any system's ID (they correct what scripts got wrong).
      const byAdmin = ok(
        await app.request(SetExternalIdDocument, { input: { nodeId: yongkang, system: GRID, id: 'C-1' } }, { as: 'admin.yongkangbeilu' }),
      ).setExternalId;
      expect(byAdmin).toMatchObject({ userErrors: [], node: { externalIds: [{ system: GRID, id: 'C-1' }] } });
    });

    it('keeps a district’s IDs above communities: written by the platform, read by whoever sees the district', async () => {
      expect(
        codes(
          await app.request(
            SetExternalIdDocument,
            { input: { nodeId: district, system: 'city-codes', id: '140105' } },
            { as: 'admin.yongkangbeilu' },
          ),
        ),
      ).toEqual(['FORBIDDEN']);
      const set = ok(
        await app.request(SetExternalIdDocument, { input: { nodeId: district, system: 'city-codes', id: '140105' } }),
      ).setExternalId;
      expect(set).toMatchObject({ userErrors: [], node: { externalIds: [{ system: 'city-codes', id: '140105' }] } });
      expect(
        ok(await app.request(NodeByExternalIdDocument, { system: 'city-codes', type: 'DISTRICT', id: '140105' }, sync)).nodeByExternalId,
      ).toMatchObject({ id: district });
    });

    it('refuses finding an object the caller may not read, and a community it does not reach finds nothing', async () => {
      // A resident reads the structure of its compound, not other households.
      expect(
        codes(
          await app.request(
            NodeByExternalIdDocument,
            { system: POPULATION, type: 'HOUSEHOLD', id: 'HH-0002' },
            { as: 'resident.zhenxing' },
          ),
        ),
      ).toEqual([]);
      expect(
        ok(
          await app.request(
            NodeByExternalIdDocument,
            { system: POPULATION, type: 'HOUSEHOLD', id: 'HH-0002' },
            { as: 'resident.zhenxing' },
          ),
        ).nodeByExternalId,
      ).toBeNull();
      expect(
        codes(await app.request(NodeByExternalIdDocument, { system: POPULATION, type: 'HOUSEHOLD', id: 'HH-0002' }, { as: null })),
      ).toEqual(['UNAUTHENTICATED']);
    });

    it('reads the external IDs of a whole level in one statement', async () => {
      const res = await app.request(BuildingHouseholdExternalIdsDocument, { id: building }, sync);
      const node = ok(res).node as { households: { nodes: Array<{ id: string; externalIds: unknown[] }> } };
      expect(node.households.nodes.find((h) => h.id === yongkangHouseholds[0])!.externalIds).toEqual([
        { system: POPULATION, id: 'HH-0001' },
      ]);
      // authentication, building, its external IDs, households, theirs, persons, theirs
      expect(res.extensions!.sqlStatements).toBeLessThanOrEqual(7);
    });
  });

  describe('ending a binding', () => {
    it('stops the account writing that system at once; the binding stays on record', async () => {
      const ended = ok(
        await app.request(
          UnbindServiceAccountSystemDocument,
          { input: { serviceAccountId: account, system: POPULATION } },
          { as: 'admin.yongkangbeilu' },
        ),
      ).unbindServiceAccountSystem;
      expect(ended).toMatchObject({ userErrors: [], serviceAccount: { systems: [] } });
      expect(
        codes(
          await app.request(SetExternalIdDocument, { input: { nodeId: yongkangHouseholds[0], system: POPULATION, id: 'HH-0003' } }, sync),
        ),
      ).toEqual(['FORBIDDEN']);
      const again = ok(
        await app.request(
          UnbindServiceAccountSystemDocument,
          { input: { serviceAccountId: account, system: POPULATION } },
          { as: 'admin.yongkangbeilu' },
        ),
      ).unbindServiceAccountSystem;
      expect(again.userErrors).toEqual([expect.objectContaining({ code: 'ALREADY_ENDED' })]);
      const rows = await sql<{ revoked_at: string | null }>(app.database, 'select revoked_at from service_account_system');
      expect(rows).toHaveLength(1);
      expect(rows[0].revoked_at).not.toBeNull();
    });
  });
});
