import {
  CreateApiKeyDocument,
  CreateBuildingDocument,
  CreateBuildingGroupDocument,
  CreateCommunityDocument,
  CreateCompoundBranchDocument,
  CreateCompoundDocument,
  CreateHouseholdDocument,
  CreatePersonDocument,
  CreateStreetDocument,
  CreateUnitDocument,
  GrantRoleDocument,
  MatrixAuditDocument,
  MatrixBuildingDocument,
  MatrixDoorDocument,
  MatrixHouseholdsDocument,
  MatrixPersonDocument,
  MatrixUpdateBuildingGroupDocument,
  MatrixUpdateCompoundBranchDocument,
  UpdateHouseholdDocument,
  UpdatePersonDocument,
} from '../generated/graphql';
import { sql } from '../support/databases';
import { setPersonalValues } from '../support/people';
import { gid, ok, startTestApp, type GraphQLResponse, type RequestOptions, type TestApp } from '../support/test-app';

/*
 * The permission matrix: every role (one demo principal each) × one operation per capability ×
 * targets from the caller's own scope outwards. The table below is the expectation, written by
 * hand from docs/permissions.md; each cell is checked through the real server, and a refused write
 * is checked to have changed nothing.
 *
 * Targets (each a household with its building, group, branch, community and two persons):
 *   home      resident.xinyuan's own household (馨园, group 1)
 *   group     another building of the same group (馨园第1党小组)
 *   sibling   a household under a sibling group of the same branch (馨园第2党小组)
 *   branch    another compound and branch of the same community (漪汾仙庄)
 *   neighbour another community, another street, same district (小店区; made by this test)
 *   faraway   another district (振兴社区, 郑州高新区)
 *
 * Outcomes: Y succeeded and returned the object · F FORBIDDEN · N NOT_FOUND (for node(id:): null) ·
 * U UNAUTHENTICATED · P personal data in plain · M personal data masked.
 */

const TARGETS = ['home', 'group', 'sibling', 'branch', 'neighbour', 'faraway'] as const;
type TargetName = (typeof TARGETS)[number];

const OPS = [
  'building', // node(Building): READ_STRUCTURE
  'households', // Building.households: READ_HOUSEHOLDS
  'person', // node(Person): READ_PERSONS
  'phone', // the first person's phone: READ_PERSONAL_DATA, or being that person
  'familyPhone', // the second person's phone
  'door', // node(Household).doorNo: READ_HOUSEHOLDS, plain with READ_PERSONAL_DATA, WRITE_PLACES (it writes them) or living there
  'audit', // auditEntries(communityId): READ_AUDIT
  'updateHousehold', // WRITE_PLACES
  'updatePerson', // WRITE_PEOPLE
  'updateGroup', // WRITE_ORGANIZATION over the building group
  'updateBranch', // WRITE_ORGANIZATION over the branch: the parent scope of a group leader
  'grant', // grantRole RESIDENT at the household to a login of someone living there: MANAGE_ACCESS without escalation
] as const;
type Op = (typeof OPS)[number];

type Row = Record<Op, string>;

/** Same letters for every operation. */
function every(outcomes: string): Row {
  return Object.fromEntries(OPS.map((op) => [op, outcomes])) as Row;
}

const COMPOUND_READERS: Row = {
  ...every('FFFFNN'),
  building: 'YYYFNN',
  households: 'YYYFNN',
  person: 'YYYFNN',
  phone: 'MMMFNN',
  familyPhone: 'MMMFNN',
  door: 'MMMFNN',
};

//                                  home group sibling branch neighbour faraway
const MATRIX: Record<string, Row> = {
  'platform.admin': { ...every('YYYYYY'), phone: 'PPPPPP', familyPhone: 'PPPPPP', door: 'PPPPPP' },
  // Organization and aggregates across the district; no resident rows at all (row-level security
  // hides them, so they are not found rather than forbidden).
  'district.xiaodian': {
    ...every('NNNNNN'),
    building: 'YYYYYN',
    households: 'FFFFFN',
    audit: 'FFFFFN',
    updateGroup: 'FFFFFN',
    updateBranch: 'FFFFFN',
  },
  'district.gaoxin': {
    ...every('NNNNNN'),
    building: 'NNNNNY',
    households: 'NNNNNF',
    audit: 'NNNNNF',
    updateGroup: 'NNNNNF',
    updateBranch: 'NNNNNF',
  },
  'street.xiaodian': {
    ...every('NNNNNN'),
    building: 'YYYYNN',
    households: 'FFFFNN',
    audit: 'FFFFNN',
    updateGroup: 'FFFFNN',
    updateBranch: 'FFFFNN',
  },
  'admin.yongkangbeilu': { ...every('YYYYNN'), phone: 'PPPPNN', familyPhone: 'PPPPNN', door: 'PPPPNN' },
  'admin.zhenxing': { ...every('NNNNNY'), phone: 'NNNNNP', familyPhone: 'NNNNNP', door: 'NNNNNP' },
  'secretary.xinyuan': {
    ...every('YYYFNN'),
    phone: 'PPPFNN',
    familyPhone: 'PPPFNN',
    door: 'PPPFNN',
    audit: 'FFFFNN',
    updateHousehold: 'FFFFNN',
    updatePerson: 'FFFFNN',
  },
  'leader.xinyuan': {
    ...every('YYFFNN'),
    phone: 'PPFFNN',
    familyPhone: 'PPFFNN',
    door: 'PPFFNN',
    audit: 'FFFFNN',
    updateHousehold: 'FFFFNN',
    updatePerson: 'FFFFNN',
    updateBranch: 'FFFFNN',
    grant: 'FFFFNN',
  },
  'grid.xinyuan': {
    ...every('YYYFNN'),
    phone: 'PPPFNN',
    familyPhone: 'PPPFNN',
    door: 'PPPFNN',
    audit: 'FFFFNN',
    updateGroup: 'FFFFNN',
    updateBranch: 'FFFFNN',
    grant: 'FFFFNN',
  },
  'finance.xinyuan': COMPOUND_READERS,
  'committee.xinyuan': COMPOUND_READERS,
  'owner.xinyuan': COMPOUND_READERS,
  // A party member sees the organization of the branch; its own household is not a target here.
  'member.xinyuan': { ...every('FFFFNN'), building: 'YYYFNN' },
  // A resident sees their household and its persons, their own phone, not their family's.
  'resident.xinyuan': { ...every('FFFFNN'), person: 'YFFFNN', phone: 'PFFFNN', familyPhone: 'MFFFNN', door: 'PFFFNN' },
  'resident.zhenxing': every('NNNNNF'),
  'sync.yongkangbeilu': {
    ...every('YYYYNN'),
    phone: 'MMMMNN',
    familyPhone: 'MMMMNN',
    // Whoever may write door numbers reads them: the register's script supplies them.
    door: 'PPPPNN',
    audit: 'FFFFNN',
    updateGroup: 'FFFFNN',
    updateBranch: 'FFFFNN',
    grant: 'FFFFNN',
  },
  anonymous: every('UUUUUU'),
};

interface Target {
  household: number;
  building: number;
  group: number;
  branch: number;
  community: number;
  persons: [number, number];
}

const TABLE_OF: Partial<Record<Op, keyof Target>> = {
  updateHousehold: 'household',
  updatePerson: 'persons',
  updateGroup: 'group',
  updateBranch: 'branch',
};

function code(res: GraphQLResponse<unknown>): string | undefined {
  const c = res.errors?.[0]?.extensions.code;
  return c === 'FORBIDDEN'
    ? 'F'
    : c === 'NOT_FOUND'
      ? 'N'
      : c === 'UNAUTHENTICATED'
        ? 'U'
        : c
          ? `error:${c}:${res.errors![0].message}`
          : undefined;
}

describe('the permission matrix', () => {
  let app: TestApp;
  const targets = {} as Record<TargetName, Target>;
  const actual = new Map<string, { phone: string; door: string; name: string; familyPhone: string }>();
  let serviceKey = '';
  let counter = 0;

  /** A household of two persons at least, in a building with a group, by SQL over the demo data. */
  async function findTarget(where: string, params: unknown[] = []): Promise<Target> {
    const [row] = await sql<Target & { p1: number; p2: number }>(
      app.database,
      `select h.id as household, b.id as building, b.group_id as "group", g.branch_id as branch, h.community_id as community,
              (select min(p.id) from person p where p.household_id = h.id) as p1,
              (select min(p.id) from person p where p.household_id = h.id and p.id > (select min(q.id) from person q where q.household_id = h.id)) as p2
         from household h join building b on b.id = h.building_id join building_group g on g.id = b.group_id
         join compound cp on cp.id = h.compound_id
        where (select count(*) from person p where p.household_id = h.id) >= 2 and ${where}
        order by h.id limit 1`,
      params,
    );
    if (!row) throw new Error(`no matrix target where ${where}`);
    return {
      household: row.household,
      building: row.building,
      group: row.group,
      branch: row.branch,
      community: row.community,
      persons: [row.p1, row.p2],
    };
  }

  /** The neighbour community: another street of 小店区 with one household of two persons. */
  async function buildNeighbour(): Promise<Target> {
    const [district] = await sql<{ id: number }>(app.database, "select id from district where name = '小店区'");
    const street = ok(await app.request(CreateStreetDocument, { input: { districtId: gid('District', district.id), name: '黄陵街道' } }))
      .createStreet.street!;
    const community = ok(await app.request(CreateCommunityDocument, { input: { streetId: street.id, name: '黄陵社区' } })).createCommunity
      .community!;
    const branch = ok(
      await app.request(CreateCompoundBranchDocument, {
        input: { communityId: community.id, name: '黄陵小区党支部', kind: 'STANDALONE' as never },
      }),
    ).createCompoundBranch.branch!;
    const group = ok(await app.request(CreateBuildingGroupDocument, { input: { branchId: branch.id, name: '黄陵第1党小组' } }))
      .createBuildingGroup.buildingGroup!;
    const compound = ok(
      await app.request(CreateCompoundDocument, {
        input: { communityId: community.id, name: '黄陵小区', propertyMode: 'NONE' as never, branchId: branch.id },
      }),
    ).createCompound.compound!;
    const building = ok(
      await app.request(CreateBuildingDocument, { input: { compoundId: compound.id, name: '1号楼', buildingGroupId: group.id } }),
    ).createBuilding.building!;
    const unit = ok(await app.request(CreateUnitDocument, { input: { buildingId: building.id, name: '1单元' } })).createUnit.unit!;
    const household = ok(await app.request(CreateHouseholdDocument, { input: { unitId: unit.id, doorNo: '301' } })).createHousehold
      .household!;
    for (const [name, phone] of [
      ['黄一', '13911112222'],
      ['黄二', '13933334444'],
    ]) {
      ok(await app.request(CreatePersonDocument, { input: { householdId: household.id, name, phone } }));
    }
    return findTarget("cp.name = '黄陵小区'");
  }

  beforeAll(async () => {
    app = await startTestApp();
    const [home] = await sql<{ household_id: number }>(
      app.database,
      "select p.household_id from user_account u join person p on p.id = u.person_id where u.login = 'resident.xinyuan'",
    );
    targets.home = await findTarget('h.id = $1', [home.household_id]);
    targets.group = await findTarget("g.name = '馨园第1党小组' and b.id <> $1", [targets.home.building]);
    targets.sibling = await findTarget("g.name = '馨园第2党小组'");
    targets.branch = await findTarget("cp.name = '漪汾仙庄'");
    targets.neighbour = await buildNeighbour();
    targets.faraway = await findTarget(
      "h.community_id = (select id from community where name = '振兴社区') and h.id <> (select p.household_id from user_account u join person p on p.id = u.person_id where u.login = 'resident.zhenxing')",
    );
    for (const t of Object.values(targets)) {
      // Not every demo person left a phone number: give the two a number each, to see it masked or not.
      const phoneOf = (id: number) => `139${String(id).padStart(8, '0')}`;
      for (const id of t.persons) await setPersonalValues(app.database, id, { phone: phoneOf(id) });
      const [row] = await sql<{ door: string; name: string }>(
        app.database,
        'select h.door_no as door, p.name from household h, person p where h.id = $1 and p.id = $2',
        [t.household, t.persons[0]],
      );
      actual.set(String(t.household), { phone: phoneOf(t.persons[0]), door: row.door, name: row.name, familyPhone: phoneOf(t.persons[1]) });
    }
    const [account] = await sql<{ id: number }>(app.database, "select id from service_account where name = 'sync.yongkangbeilu'");
    serviceKey = ok(
      await app.request(CreateApiKeyDocument, { input: { serviceAccountId: gid('ServiceAccount', account.id), label: 'matrix' } }),
    ).createApiKey.secret!;
  });
  afterAll(() => app.close());

  function auth(principal: string): RequestOptions {
    if (principal === 'anonymous') return { as: null };
    if (principal === 'sync.yongkangbeilu') return { as: null, headers: { authorization: `Bearer ${serviceKey}` } };
    return { as: principal };
  }

  /** A readable fingerprint of the row a write targets, and the audit log's length. */
  async function state(op: Op, t: Target): Promise<string> {
    const table = { updateHousehold: 'household', updatePerson: 'person', updateGroup: 'building_group', updateBranch: 'compound_branch' }[
      op as string
    ];
    const id = op === 'updatePerson' ? t.persons[0] : t[TABLE_OF[op] as Exclude<keyof Target, 'persons'>];
    const [row] = await sql<{ s: string }>(
      app.database,
      table
        ? `select (select to_jsonb(x)::text from ${table} x where x.id = $1) || (select count(*) from audit_entry)::text as s`
        : `select count(*)::text || ':' || (select count(*) from role_binding) as s from audit_entry where $1::int is not null`,
      [table ? id : t.household],
    );
    return row.s;
  }

  function personal(value: string | null | undefined, plain: string): string {
    if (value === plain) return 'P';
    if (value === null || (typeof value === 'string' && value.includes('*'))) return 'M';
    return `unexpected:${value}`;
  }

  async function run(principal: string, op: Op, t: Target): Promise<string> {
    const as = auth(principal);
    const truth = actual.get(String(t.household))!;
    const n = ++counter;
    switch (op) {
      case 'building': {
        const res = await app.request(MatrixBuildingDocument, { id: gid('Building', t.building) }, as);
        return code(res) ?? (res.data?.node ? (res.data.node.id === gid('Building', t.building) ? 'Y' : 'wrong object') : 'N');
      }
      case 'households': {
        const res = await app.request(MatrixHouseholdsDocument, { id: gid('Building', t.building) }, as);
        const node = res.data?.node as { households?: { nodes: unknown[] } } | null | undefined;
        return code(res) ?? (node ? (node.households!.nodes.length > 0 ? 'Y' : 'empty') : 'N');
      }
      case 'person':
      case 'phone':
      case 'familyPhone': {
        const pk = op === 'familyPhone' ? t.persons[1] : t.persons[0];
        const res = await app.request(MatrixPersonDocument, { id: gid('Person', pk) }, as);
        const node = res.data?.node as { name: string; phone: string | null } | null | undefined;
        const refused = code(res) ?? (node ? undefined : 'N');
        if (refused) return refused;
        if (op === 'person') return 'Y';
        return personal(node!.phone, op === 'phone' ? truth.phone : truth.familyPhone);
      }
      case 'door': {
        const res = await app.request(MatrixDoorDocument, { id: gid('Household', t.household) }, as);
        const node = res.data?.node as { doorNo: string } | null | undefined;
        return code(res) ?? (node ? personal(node.doorNo, truth.door) : 'N');
      }
      case 'audit': {
        const res = await app.request(MatrixAuditDocument, { communityId: gid('Community', t.community) }, as);
        return code(res) ?? (typeof res.data?.auditEntries.totalCount === 'number' ? 'Y' : 'N');
      }
      case 'updateHousehold': {
        const res = await app.request(UpdateHouseholdDocument, { input: { id: gid('Household', t.household), areaSqm: 50 + n / 10 } }, as);
        return code(res) ?? (res.data?.updateHousehold.household?.areaSqm === 50 + n / 10 ? 'Y' : JSON.stringify(res.data));
      }
      case 'updatePerson': {
        const res = await app.request(UpdatePersonDocument, { input: { id: gid('Person', t.persons[0]), name: `矩阵${n}` } }, as);
        return code(res) ?? (res.data?.updatePerson.person?.name === `矩阵${n}` ? 'Y' : JSON.stringify(res.data));
      }
      case 'updateGroup': {
        const res = await app.request(
          MatrixUpdateBuildingGroupDocument,
          { input: { id: gid('BuildingGroup', t.group), name: `矩阵小组${n}` } },
          as,
        );
        return code(res) ?? (res.data?.updateBuildingGroup.buildingGroup?.name === `矩阵小组${n}` ? 'Y' : JSON.stringify(res.data));
      }
      case 'updateBranch': {
        const res = await app.request(
          MatrixUpdateCompoundBranchDocument,
          { input: { id: gid('CompoundBranch', t.branch), name: `矩阵支部${n}` } },
          as,
        );
        return code(res) ?? (res.data?.updateCompoundBranch.branch?.name === `矩阵支部${n}` ? 'Y' : JSON.stringify(res.data));
      }
      case 'grant': {
        // A household's RESIDENT is someone who lives there: a login for a new person of the household.
        const [grantee] = await sql<{ id: number }>(
          app.database,
          `with p as (insert into person (community_id, household_id, name) select community_id, id, $2 from household where id = $3 returning id)
           insert into user_account (login, display_name, person_id) select $1, $2, p.id from p returning id`,
          [`grantee.${n}`, `受让人${n}`, t.household],
        );
        const res = await app.request(
          GrantRoleDocument,
          { input: { userId: gid('User', grantee.id), role: 'RESIDENT' as never, scopeId: gid('Household', t.household) } },
          as,
        );
        return code(res) ?? (res.data?.grantRole.roleBinding?.scope?.id === gid('Household', t.household) ? 'Y' : JSON.stringify(res.data));
      }
    }
  }

  const WRITES = new Set<Op>(['updateHousehold', 'updatePerson', 'updateGroup', 'updateBranch', 'grant']);

  describe.each(Object.keys(MATRIX))('%s', (principal) => {
    it.each(OPS.map((op) => [op]))('%s', async (op) => {
      const expected = MATRIX[principal][op];
      const got: string[] = [];
      for (const [i, name] of TARGETS.entries()) {
        const t = targets[name];
        const before = WRITES.has(op) ? await state(op, t) : '';
        const outcome = await run(principal, op, t);
        got.push(outcome.length === 1 ? outcome : `[${name}: ${outcome}]`);
        if (WRITES.has(op)) {
          const after = await state(op, t);
          // A refused write changes nothing, not even the audit log; an allowed one changes the row.
          if (expected[i] === 'Y') expect(after).not.toBe(before);
          else expect(after).toBe(before);
        }
      }
      expect(got.join('')).toBe(expected);
    });
  });
});
