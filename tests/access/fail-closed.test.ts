import { getNamedType, isInputObjectType, isNonNullType, type GraphQLInputObjectType } from 'graphql';
import { buildApiSchema } from '../../src/schema';
import { OpenCoManagedAccountDocument } from '../generated/graphql';
import { sql } from '../support/databases';
import { fingerprint } from '../support/snapshot';
import { FIELD_TYPE, ID_TYPE, TENANT_TYPES, required } from '../support/mutation-inputs';
import { codes, gid, startTestApp, type GraphQLResponse, type TestApp } from '../support/test-app';

/*
 * Every write path fails closed. For every mutation of the schema and every input field that takes
 * an ID, the field is sent omitted, null, of the wrong type, malformed, and alone (the other
 * optional IDs left out) — by callers who may not make that change anywhere. None of it may get past
 * the permission tree (an error, never a payload), and nothing may be written. A rule that cannot
 * resolve its target must deny; this walk is how we know each one does.
 */

/** Callers and the mutations they may legitimately make somewhere (those answer with user errors at most). */
const CALLERS: Record<string, ReadonlySet<string>> = {
  // A party member: reads the organization and its published statements, changes nothing.
  'member.xinyuan': new Set(['changePassword', 'logout', 'revokeTokens']),
  // A resident: objects to and evaluates the service for their own household.
  'resident.xinyuan': new Set(['changePassword', 'logout', 'revokeTokens', 'raiseServiceObjection', 'evaluateService']),
};

/** Codes of a refusal that happens before anything is done. */
const REFUSALS = new Set(['FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT', 'UNAUTHENTICATED', 'GRAPHQL_VALIDATION_FAILED']);

interface Case {
  mutation: string;
  field: string;
  nullable: boolean;
  input: GraphQLInputObjectType;
}

describe('every write path fails closed', () => {
  let app: TestApp;
  let yongkang: number;
  const cases: Case[] = [];

  beforeAll(async () => {
    app = await startTestApp();
    [{ id: yongkang }] = await sql<{ id: number }>(app.database, "select id from community where name = '永康北路社区'");
    const schema = await buildApiSchema();
    for (const field of Object.values(schema.getMutationType()!.getFields())) {
      const arg = field.args.find((a) => a.name === 'input');
      const input = arg && getNamedType(arg.type);
      if (!input || !isInputObjectType(input)) continue;
      for (const f of Object.values(input.getFields())) {
        if (getNamedType(f.type).name === 'ID')
          cases.push({ mutation: field.name, field: f.name, nullable: !isNonNullType(f.type), input });
      }
    }
  });
  afterAll(() => app.close());

  /**
   * An object of 永康北路社区 (Xinyuan's community) of each type, away from Xinyuan (the last of its
   * kind): what a caller there could name, and may not act on.
   */
  const own = new Map<string, string>();
  async function ours(type: string): Promise<string> {
    let id = own.get(type);
    if (!id) {
      if (type === 'User') {
        const [u] = await sql<{ id: number }>(app.database, "select id from user_account where login = 'admin.yongkangbeilu'");
        id = gid('User', u.id);
      } else if (type === 'District' || type === 'Street') {
        const [row] = await sql<{ id: number }>(
          app.database,
          `select ${type === 'District' ? 'district_id' : 'street_id'} as id from community where id = $1`,
          [yongkang],
        );
        id = gid(type, row.id);
      } else {
        const table = TENANT_TYPES.find(([, t]) => t === type)?.[0] ?? 'community';
        const [row] = await sql<{ id: number }>(
          app.database,
          `select id from ${table} where ${table === 'community' ? 'id' : 'community_id'} = $1 order by id desc limit 1`,
          [yongkang],
        );
        id = gid(type, row.id);
      }
      own.set(type, id);
    }
    return id;
  }

  function typeOf(mutation: string, field: string): string {
    if (field === 'id') return ID_TYPE[mutation] ?? 'Household';
    if (mutation === 'grantRole' && field === 'scopeId') return 'Household';
    const type = FIELD_TYPE[field];
    if (!type) throw new Error(`the walk does not know what ${mutation}.input.${field} names: add it to tests/support/mutation-inputs.ts`);
    return type;
  }

  let n = 0;
  /** The input with the field under test set to `value` (undefined: left out) and only required fields besides. */
  async function inputFor(c: Case, value: unknown): Promise<Record<string, unknown>> {
    const input: Record<string, unknown> = {};
    for (const f of Object.values(c.input.getFields())) {
      if (f.name === c.field) {
        if (value !== undefined) input[f.name] = value;
      } else if (getNamedType(f.type).name === 'ID') {
        if (isNonNullType(f.type)) input[f.name] = await ours(typeOf(c.mutation, f.name));
      } else if (isNonNullType(f.type)) input[f.name] = required(c.mutation, f.name, ++n);
    }
    if (c.mutation === 'createUser') input.password = 'walk-password-2026';
    return input;
  }

  async function variants(c: Case): Promise<Array<[string, unknown]>> {
    const type = typeOf(c.mutation, c.field);
    const wrong = await ours(type === 'Household' ? 'Compound' : 'Household');
    const list: Array<[string, unknown]> = [
      ['of the wrong type', wrong],
      ['malformed', 'not-an-id'],
    ];
    if (c.nullable)
      list.push(['omitted', undefined], ['null', null], ['alone, naming an object of the caller’s own community', await ours(type)]);
    return list;
  }

  it.each(Object.keys(CALLERS))('as %s: nothing gets past the permission tree it should not, and nothing is written', async (caller) => {
    expect(cases.length).toBeGreaterThan(60);
    const allowed = CALLERS[caller];
    const before = await fingerprint(app.database);
    const leaks: string[] = [];
    for (const c of cases) {
      const document = `mutation($input: ${c.input.name}!) { ${c.mutation}(input: $input) { __typename userErrors { field code message } } }`;
      for (const [variant, value] of await variants(c)) {
        const res: GraphQLResponse<Record<string, { userErrors: unknown[] } | null>> = await app.request(
          document,
          { input: await inputFor(c, value) },
          { as: caller },
        );
        const payload = res.data?.[c.mutation] ?? null;
        const refused = !!res.errors?.length && !payload && codes(res).every((code) => REFUSALS.has(code));
        const answered =
          allowed.has(c.mutation) &&
          ((!!res.errors?.length && codes(res).every((code) => REFUSALS.has(code))) || !!payload?.userErrors.length);
        if (!refused && !answered) leaks.push(`${c.mutation}.input.${c.field} ${variant}: ${JSON.stringify(res.errors ?? res.data)}`);
      }
    }
    expect(leaks).toEqual([]);
    expect(await fingerprint(app.database)).toEqual(before);
  });

  it('refuses a resident who names only a joint branch to open its pooled account (the rule once skipped the missing compound)', async () => {
    const [branch] = await sql<{ id: number }>(
      app.database,
      "select id from compound_branch where kind = 'JOINT' and community_id = $1 order by id limit 1",
      [yongkang],
    );
    const before = await fingerprint(app.database);
    const res = await app.request(
      OpenCoManagedAccountDocument,
      { input: { branchId: gid('CompoundBranch', branch.id), custodians: [] } },
      { as: 'resident.xinyuan' },
    );
    expect(codes(res)).toEqual(['FORBIDDEN']);
    expect(await fingerprint(app.database)).toEqual(before);
  });
});
