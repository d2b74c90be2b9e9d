import { getNamedType, isInputObjectType, isNonNullType, type GraphQLInputObjectType } from 'graphql';
import { nodeReadCapabilities } from '../../src/core/graphql/node';
import { buildApiSchema } from '../../src/schema';
import {
  CommunityByIdDocument,
  CreateApiKeyDocument,
  CreateServiceAccountDocument,
  MatrixAuditDocument,
  SweepListsDocument,
  SweepNodesDocument,
  ViewerCanDocument,
} from '../generated/graphql';
import { sql } from '../support/databases';
import { fingerprint } from '../support/snapshot';
import { gid, ok, startTestApp, type GraphQLResponse, type RequestOptions, type TestApp } from '../support/test-app';

/*
 * The cross-tenant sweep: every object of 振兴社区, fetched by its admin, then tried by every
 * principal of 永康北路社区 (and the officers above it) through node, nodes, aliases, every
 * argument and input field that takes an ID, and the lists they can start from. Zero rows of
 * 振兴社区 may come back, and each refusal must be indistinguishable from an ID that does not exist.
 */

const OTHERS = [
  'admin.yongkangbeilu',
  'secretary.xinyuan',
  'leader.xinyuan',
  'member.xinyuan',
  'grid.xinyuan',
  'finance.xinyuan',
  'committee.xinyuan',
  'owner.xinyuan',
  'resident.xinyuan',
  'sync.yongkangbeilu',
  'district.xiaodian',
  'street.xiaodian',
];

/** Tenant tables and the node type of their rows. */
const TENANT_TYPES: Array<[string, string]> = [
  ['community_committee', 'CommunityCommittee'],
  ['compound_branch', 'CompoundBranch'],
  ['building_group', 'BuildingGroup'],
  ['compound', 'Compound'],
  ['building', 'Building'],
  ['unit', 'Unit'],
  ['household', 'Household'],
  ['member_household', 'MemberHousehold'],
  ['person', 'Person'],
  ['party_membership', 'PartyMembership'],
  ['duty_assignment', 'DutyAssignment'],
  ['role_binding', 'RoleBinding'],
  ['service_account', 'ServiceAccount'],
  ['api_key', 'ApiKey'],
  ['audit_entry', 'AuditEntry'],
  ['co_managed_account', 'CoManagedAccount'],
  ['custodian', 'Custodian'],
  ['ledger_entry', 'LedgerEntry'],
  ['expenditure_proposal', 'ExpenditureProposal'],
  ['proposal_transition', 'ProposalTransition'],
  ['monthly_statement', 'MonthlyStatement'],
  ['property_committee', 'PropertyCommittee'],
  ['committee_member', 'CommitteeMember'],
  ['committee_election', 'CommitteeElection'],
  ['candidate', 'Candidate'],
  ['property_company', 'PropertyCompany'],
  ['service_list', 'ServiceList'],
  ['service_item', 'ServiceItem'],
  ['service_objection', 'ServiceObjection'],
  ['service_evaluation', 'ServiceEvaluation'],
  ['fee_schedule', 'FeeSchedule'],
  ['fee_charge', 'FeeCharge'],
];

/** Node types that belong to no community: public names, or platform accounts without a person. */
const PLATFORM_TYPES = new Set(['District', 'Street']);

/** The node type an ID input field names. */
const FIELD_TYPE: Record<string, string> = {
  personId: 'Person',
  secretaryId: 'Person',
  leaderId: 'Person',
  userId: 'User',
  serviceAccountId: 'ServiceAccount',
  roleBindingId: 'RoleBinding',
  apiKeyId: 'ApiKey',
  communityId: 'Community',
  compoundId: 'Compound',
  buildingId: 'Building',
  unitId: 'Unit',
  householdId: 'Household',
  branchId: 'CompoundBranch',
  buildingGroupId: 'BuildingGroup',
  scopeId: 'Household',
  accountId: 'CoManagedAccount',
  entryId: 'LedgerEntry',
  proposalId: 'ExpenditureProposal',
  statementId: 'MonthlyStatement',
  electionId: 'CommitteeElection',
  candidateId: 'Candidate',
  committeeId: 'PropertyCommittee',
  chairId: 'Person',
  partySecretaryId: 'Person',
  nominatingGroupId: 'BuildingGroup',
  itemId: 'ServiceItem',
  objectionId: 'ServiceObjection',
  propertyCompanyId: 'PropertyCompany',
  scheduleId: 'FeeSchedule',
  chargeId: 'FeeCharge',
};

/** The type `input.id` names, by mutation. */
const ID_TYPE: Record<string, string> = {
  archiveNode: 'Household',
  restoreNode: 'Household',
  updateCommunity: 'Community',
  updateCommunityCommittee: 'CommunityCommittee',
  updateCompoundBranch: 'CompoundBranch',
  updateBuildingGroup: 'BuildingGroup',
  updateMemberHousehold: 'MemberHousehold',
  undesignateMemberHousehold: 'MemberHousehold',
  updatePerson: 'Person',
  updatePartyMembership: 'PartyMembership',
  endPartyMembership: 'PartyMembership',
  endDutyAssignment: 'DutyAssignment',
  updateCompound: 'Compound',
  updateBuilding: 'Building',
  updateUnit: 'Unit',
  updateHousehold: 'Household',
};

/** ID fields naming platform-level objects (districts and streets are public and belong to no community). */
const PLATFORM_FIELDS = new Set(['createCommunity.streetId', 'createStreet.districtId', 'updateDistrict.id', 'updateStreet.id']);

/** Values for required fields that are not IDs. */
function required(mutation: string, field: string, n: number): unknown {
  if (field === 'role') return mutation === 'assignDutyRole' ? 'BUILDING_HEAD' : 'RESIDENT';
  if (field === 'name' && mutation === 'createServiceAccount') return `sweep-${n}`;
  if (field === 'category') return mutation === 'recordIncome' ? 'FEES' : 'REPAIR';
  const values: Record<string, unknown> = {
    login: `sweep.${n}`,
    displayName: '越权测试',
    name: `越权测试${n}`,
    branchName: `越权测试支部${n}`,
    city: '太原市',
    kind: 'STANDALONE',
    propertyMode: 'NONE',
    doorNo: '999',
    organizationRelation: 'LOCAL',
    status: 'FULL',
    custodians: [],
    seat: 'OWNER_REPRESENTATIVE',
    amountFen: 100,
    occurredOn: '2026-02-01',
    description: '越权测试',
    reason: '越权测试',
    purpose: '越权测试',
    payee: '越权测试',
    month: '2026-02-01',
    seats: 5,
    termStart: '2026-04-01',
    termEnd: '2029-03-31',
    heldOn: '2026-03-20',
    eligibleVoters: 400,
    votesCast: 300,
    results: [],
    members: [],
    approved: true,
    nomination: 'SELF',
    endedOn: '2026-03-01',
    items: [],
    provider: 'COMMITTEE',
    text: '越权测试',
    answer: '越权测试',
    quarter: '2026-10-01',
    score: 3,
    basis: 'PER_HOUSEHOLD',
    rateFen: 100,
    period: mutation === 'createFeeSchedule' ? 'MONTHLY' : '2026-02-01',
    agreedOn: '2026-01-01',
    effectiveFrom: '2026-02-01',
  };
  if (!(field in values)) throw new Error(`the sweep has no value for ${mutation}.input.${field}: add one`);
  return values[field];
}

function normalized(res: GraphQLResponse<unknown>): unknown {
  return { status: res.status, data: res.data ?? null, errors: (res.errors ?? []).map((e) => ({ code: e.extensions.code, message: e.message, path: e.path })) };
}

describe('the cross-tenant sweep', () => {
  let app: TestApp;
  let zhenxing: number;
  let yongkang: number;
  /** Every 振兴社区 object's global ID, by type. */
  const theirs = new Map<string, string[]>();
  const allTheirs: string[] = [];
  let serviceKey = '';

  function auth(principal: string): RequestOptions {
    return principal === 'sync.yongkangbeilu' ? { as: null, headers: { authorization: `Bearer ${serviceKey}` } } : { as: principal };
  }

  beforeAll(async () => {
    app = await startTestApp();
    [{ id: zhenxing }] = await sql<{ id: number }>(app.database, "select id from community where name = '振兴社区'");
    [{ id: yongkang }] = await sql<{ id: number }>(app.database, "select id from community where name = '永康北路社区'");

    // 振兴社区 gets a service account with a key, and its admin's changes leave audit entries.
    const account = ok(await app.request(CreateServiceAccountDocument, { input: { name: 'sync.zhenxing', communityId: gid('Community', zhenxing) } }, { as: 'admin.zhenxing' }))
      .createServiceAccount.serviceAccount!;
    ok(await app.request(CreateApiKeyDocument, { input: { serviceAccountId: account.id, label: 'sweep' } }, { as: 'admin.zhenxing' }));
    const [sync] = await sql<{ id: number }>(app.database, "select id from service_account where name = 'sync.yongkangbeilu'");
    serviceKey = ok(await app.request(CreateApiKeyDocument, { input: { serviceAccountId: gid('ServiceAccount', sync.id), label: 'sweep' } })).createApiKey.secret!;

    const parts = [`select 'Community' as type, id from community where id = $1`, ...TENANT_TYPES.map(([table, type]) => `select '${type}', id from ${table} where community_id = $1`)];
    parts.push(`select 'User', u.id from user_account u join person p on p.id = u.person_id where p.community_id = $1`);
    const rows = await sql<{ type: string; id: number }>(app.database, parts.join(' union all ') + ' order by 1, 2', [zhenxing]);
    for (const row of rows) {
      const id = gid(row.type, Number(row.id));
      theirs.set(row.type, [...(theirs.get(row.type) ?? []), id]);
      allTheirs.push(id);
    }
  });
  afterAll(() => app.close());

  function batches(ids: string[], size = 100): string[][] {
    const out: string[][] = [];
    for (let i = 0; i < ids.length; i += size) out.push(ids.slice(i, i + size));
    return out;
  }

  it('covers an object of every node type that belongs to a community', () => {
    const types = nodeReadCapabilities()
      .map(([type]) => type)
      .filter((t) => !PLATFORM_TYPES.has(t));
    expect([...theirs.keys()].sort()).toEqual(types.sort());
    expect(allTheirs.length).toBeGreaterThan(5000);
  });

  it("are all there for 振兴社区's own admin", async () => {
    for (const ids of batches(allTheirs)) {
      const res = await app.request(SweepNodesDocument, { ids }, { as: 'admin.zhenxing' });
      expect(res.errors).toBeUndefined();
      expect(res.data!.nodes.map((n) => n?.id ?? null)).toEqual(ids);
    }
  });

  describe.each(OTHERS)('as %s', (principal) => {
    it('nodes(ids:) finds none of them, nor node(id:) under a hundred aliases at once', async () => {
      for (const ids of batches(allTheirs)) {
        const res = await app.request(SweepNodesDocument, { ids }, auth(principal));
        expect(res.errors).toBeUndefined();
        expect(res.data!.nodes.filter((n) => n !== null)).toEqual([]);
      }
      // node(id:) takes the same path per ID: up to a hundred of each type, as aliases.
      const sample = [...theirs.values()].flatMap((ids) => ids.slice(0, 100));
      for (const ids of batches(sample)) {
        const aliased = await app.request(`query { ${ids.map((id, i) => `n${i}: node(id: "${id}") { id }`).join(' ')} }`, {}, auth(principal));
        expect(aliased.errors).toBeUndefined();
        expect(Object.values(aliased.data as Record<string, unknown>).filter((n) => n !== null)).toEqual([]);
      }
    });

    it('community(id:), auditEntries(communityId:) and viewer.can(on:) answer as for an ID that does not exist', async () => {
      const missing = gid('Community', 2_000_000_000);
      const theirsRes = await app.request(CommunityByIdDocument, { id: gid('Community', zhenxing) }, auth(principal));
      expect(theirsRes.errors?.[0].extensions.code).toBe('NOT_FOUND');
      expect(normalized(theirsRes)).toEqual(normalized(await app.request(CommunityByIdDocument, { id: missing }, auth(principal))));
      const audit = await app.request(MatrixAuditDocument, { communityId: gid('Community', zhenxing) }, auth(principal));
      expect(audit.errors?.[0].extensions.code).toBe('NOT_FOUND');
      expect(normalized(audit)).toEqual(normalized(await app.request(MatrixAuditDocument, { communityId: missing }, auth(principal))));
      for (const [, ids] of theirs) {
        const can = ok(await app.request(ViewerCanDocument, { capability: 'READ_STRUCTURE' as never, on: ids[0] }, auth(principal)));
        expect(can.viewer.can).toBe(false);
      }
    });

    it('every list they can start from shows nothing of 振兴社区', async () => {
      const res = await app.request(SweepListsDocument, {}, auth(principal));
      const text = JSON.stringify(res.data);
      expect(text).not.toContain('振兴');
      for (const id of allTheirs) expect(text.includes(`"${id}"`)).toBe(false);
    });
  });

  describe('every mutation input field that takes an ID', () => {
    interface Case {
      mutation: string;
      field: string;
      input: GraphQLInputObjectType;
    }
    const cases: Case[] = [];

    beforeAll(async () => {
      const schema = await buildApiSchema();
      for (const field of Object.values(schema.getMutationType()!.getFields())) {
        const arg = field.args.find((a) => a.name === 'input');
        const input = arg && getNamedType(arg.type);
        if (!input || !isInputObjectType(input)) continue;
        for (const f of Object.values(input.getFields())) {
          if (getNamedType(f.type).name === 'ID' && !PLATFORM_FIELDS.has(`${field.name}.${f.name}`)) cases.push({ mutation: field.name, field: f.name, input });
        }
      }
    });

    /** An own-community object of each type, for the fields that are not under test. */
    async function ours(type: string): Promise<string> {
      if (type === 'User') {
        const [u] = await sql<{ id: number }>(app.database, "select id from user_account where login = 'resident.xinyuan'");
        return gid('User', u.id);
      }
      const table = TENANT_TYPES.find(([, t]) => t === type)?.[0] ?? 'community';
      const [row] = await sql<{ id: number }>(app.database, `select id from ${table} where ${table === 'community' ? 'id' : 'community_id'} = $1 order by id limit 1`, [yongkang]);
      return gid(type, row.id);
    }

    function typeOf(c: Case): string {
      if (c.field === 'id') {
        const type = ID_TYPE[c.mutation];
        if (!type) throw new Error(`the sweep does not know what ${c.mutation}.input.id names: add it to ID_TYPE`);
        return type;
      }
      if (c.mutation === 'grantRole' && c.field === 'scopeId') return 'Household';
      const type = FIELD_TYPE[c.field];
      if (!type) throw new Error(`the sweep does not know what ${c.mutation}.input.${c.field} names: add it to FIELD_TYPE`);
      return type;
    }

    let n = 0;
    async function inputFor(c: Case, subject: string): Promise<Record<string, unknown>> {
      const input: Record<string, unknown> = {};
      for (const f of Object.values(c.input.getFields())) {
        if (f.name === c.field) input[f.name] = subject;
        else if (getNamedType(f.type).name === 'ID') {
          if (isNonNullType(f.type)) input[f.name] = await ours(typeOf({ ...c, field: f.name }));
        } else if (isNonNullType(f.type)) input[f.name] = required(c.mutation, f.name, ++n);
      }
      if (c.mutation === 'grantRole') {
        // Either a user or a service account, at a scope that fits the role.
        if (c.field === 'serviceAccountId') Object.assign(input, { role: 'INTEGRATION', scopeId: gid('Community', yongkang) });
        else if (c.field === 'scopeId') input.userId = await ours('User');
        else input.scopeId = await ours('Household');
      }
      if (c.mutation === 'createUser') input.password = 'sweep-password-2026';
      return input;
    }

    it.each(['admin.yongkangbeilu', 'sync.yongkangbeilu', 'resident.xinyuan', 'district.xiaodian'])(
      'as %s: refused exactly like an ID that does not exist, and nothing changes',
      async (principal) => {
        expect(cases.length).toBeGreaterThan(50);
        const before = await fingerprint(app.database);
        for (const c of cases) {
          const type = typeOf(c);
          const foreign = theirs.get(type)![0];
          const missing = gid(type, 2_000_000_000);
          const document = `mutation($input: ${c.input.name}!) { ${c.mutation}(input: $input) { __typename userErrors { field code message } } }`;
          const theirsRes = await app.request(document, { input: await inputFor(c, foreign) }, auth(principal));
          const missingRes = await app.request(document, { input: await inputFor(c, missing) }, auth(principal));
          const label = `${c.mutation}.input.${c.field}`;
          expect({ [label]: normalized(theirsRes) }).toEqual({ [label]: normalized(missingRes) });
          // …and it is a refusal: an error, or a payload of user errors without a result.
          const payload = (theirsRes.data as Record<string, { userErrors: unknown[] } | null> | null)?.[c.mutation];
          expect({ [label]: !!theirsRes.errors?.length || !!payload?.userErrors.length }).toEqual({ [label]: true });
        }
        expect(await fingerprint(app.database)).toEqual(before);
      },
    );
  });
});
