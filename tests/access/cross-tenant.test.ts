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
import { FIELD_TYPE, ID_TYPE, PLATFORM_FIELDS, PLATFORM_TYPES, TENANT_TYPES, required } from '../support/mutation-inputs';
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

function normalized(res: GraphQLResponse<unknown>): unknown {
  return {
    status: res.status,
    data: res.data ?? null,
    errors: (res.errors ?? []).map((e) => ({ code: e.extensions.code, message: e.message, path: e.path })),
  };
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
    const account = ok(
      await app.request(
        CreateServiceAccountDocument,
        { input: { name: 'sync.zhenxing', communityId: gid('Community', zhenxing) } },
        { as: 'admin.zhenxing' },
      ),
    ).createServiceAccount.serviceAccount!;
    ok(await app.request(CreateApiKeyDocument, { input: { serviceAccountId: account.id, label: 'sweep' } }, { as: 'admin.zhenxing' }));
    const [sync] = await sql<{ id: number }>(app.database, "select id from service_account where name = 'sync.yongkangbeilu'");
    serviceKey = ok(
      await app.request(CreateApiKeyDocument, { input: { serviceAccountId: gid('ServiceAccount', sync.id), label: 'sweep' } }),
    ).createApiKey.secret!;

    const parts = [
      `select 'Community' as type, id from community where id = $1`,
      ...TENANT_TYPES.map(([table, type]) => `select '${type}', id from ${table} where community_id = $1`),
    ];
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
        const aliased = await app.request(
          `query { ${ids.map((id, i) => `n${i}: node(id: "${id}") { id }`).join(' ')} }`,
          {},
          auth(principal),
        );
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
          if (getNamedType(f.type).name === 'ID' && !PLATFORM_FIELDS.has(`${field.name}.${f.name}`))
            cases.push({ mutation: field.name, field: f.name, input });
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
      const [row] = await sql<{ id: number }>(
        app.database,
        `select id from ${table} where ${table === 'community' ? 'id' : 'community_id'} = $1 order by id limit 1`,
        [yongkang],
      );
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
