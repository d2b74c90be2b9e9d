import { readFileSync } from 'node:fs';
import path from 'node:path';
import { print } from 'graphql';
import * as Generated from '../generated/graphql';
import { sql } from '../support/databases';
import { gid, ok, startTestApp, type GraphQLResponse, type TestApp } from '../support/test-app';

/*
 * Issue 8, "anonymous denial of service": each attack of the review, refused by a limit before the
 * request touches the database (no statement is sent: `extensions.sqlStatements` is 0), and the
 * cost analysis that prices lists by their `first`.
 */

type Extensions = {
  requestId: string;
  sqlStatements?: number;
  cost?: { requestedQueryCost: number; actualQueryCost: number; throttleStatus: unknown };
};
type Limited = GraphQLResponse<unknown> & { extensions?: Extensions };

/** `fragment F1 on Query { a: __typename b: __typename } fragment F2 on Query { ...F1 ...F1 } …` */
function doublingFragments(levels: number): string {
  let text = `query Bomb { ...F${levels} }\nfragment F1 on Query { a: __typename b: __typename }\n`;
  for (let i = 2; i <= levels; i++) text += `fragment F${i} on Query { ...F${i - 1} ...F${i - 1} }\n`;
  return text;
}

/** Two fragments per level, each spreading both of the level below: graphql-js cannot collapse them by name. */
function doublingPairs(levels: number): string {
  let text = `query Bomb { ...A${levels} }\nfragment A1 on Query { __typename }\nfragment B1 on Query { __typename }\n`;
  for (let i = 2; i <= levels; i++)
    text += `fragment A${i} on Query { ...A${i - 1} ...B${i - 1} }\nfragment B${i} on Query { ...A${i - 1} ...B${i - 1} }\n`;
  return text.replace(`fragment B${levels} on Query { ...A${levels - 1} ...B${levels - 1} }\n`, '');
}

function refusedBeforeTheDatabase(res: Limited, limit: string): void {
  expect(res.status).toBe(400);
  expect(res.errors?.[0].extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit });
  expect(res.data ?? null).toBeNull();
  expect(res.extensions?.sqlStatements ?? 0).toBe(0);
}

describe('query limits', () => {
  let app: TestApp;
  const anonymous = (query: string, variables: Record<string, unknown> = {}) =>
    app.request<unknown, Record<string, unknown>>(query, variables, { as: null }) as Promise<Limited>;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('refuse the fragment that doubles at every level (13 levels, 8,192 aliased fields) without expanding or running it', async () => {
    const bomb = doublingFragments(13);
    expect(bomb.length).toBeLessThan(1_000);
    refusedBeforeTheDatabase(await anonymous(bomb), 'aliases');
    // Without aliases, the expanded size is what gives it away.
    refusedBeforeTheDatabase(await anonymous(doublingPairs(20)), 'fields');
  });

  it('refuse a depth-30 query', async () => {
    // districts → nodes → streets → nodes → communities → nodes, then committee ⇄ community to depth 30.
    const deep = `{ districts { nodes { streets { nodes { communities { nodes { ${'committee { community { '.repeat(11)}committee { name } ${'} } '.repeat(11)}} } } } } } }`;
    const res = await anonymous(deep);
    refusedBeforeTheDatabase(res, 'depth');
    expect(res.errors![0].extensions).toMatchObject({ maximum: 20, found: 30 });
  });

  it('refuse 10,000 aliases (they ran 10,002 statements) and, below the token limit, more than 100', async () => {
    const [community] = await sql<{ id: number }>(app.database, 'select id from community order by id limit 1');
    const id = gid('Community', community.id);
    const many = `{ ${Array.from({ length: 10_000 }, (_, i) => `a${i}: community(id: "${id}") { name }`).join(' ')} }`;
    const huge = await app.request<unknown, Record<string, never>>(many, {});
    expect(huge.status).toBe(400);
    expect(huge.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/more tha[nt] 2000 tokens/),
      extensions: { code: 'GRAPHQL_PARSE_FAILED' },
    });
    const some = `{ ${Array.from({ length: 101 }, (_, i) => `a${i}: community(id: "${id}") { name }`).join(' ')} }`;
    refusedBeforeTheDatabase(await app.request<unknown, Record<string, never>>(some, {}), 'aliases');
    const hundred = `{ ${Array.from({ length: 100 }, (_, i) => `a${i}: community(id: "${id}") { name }`).join(' ')} }`;
    ok(await app.request<unknown, Record<string, never>>(hundred, {}));
  });

  it('refuse more than 20 directives', async () => {
    refusedBeforeTheDatabase(await anonymous(`{ districts { ${'totalCount @include(if: true) '.repeat(21)}} }`), 'directives');
    ok(await anonymous(`{ districts { ${'totalCount @include(if: true) '.repeat(20)}} }`));
  });

  it('refuse a query priced above the cost limit: lists cost their `first`, 100 without one', async () => {
    const everyPerson =
      '{ districts { nodes { streets { nodes { communities { nodes { compounds { nodes { buildings { nodes { units { nodes { households { nodes { persons { nodes { name } } } } } } } } } } } } } } } } }';
    const res = await anonymous(everyPerson);
    refusedBeforeTheDatabase(res, 'cost');
    // 100 × 100 … at every level: 1e16 persons, and every list above them.
    expect(res.errors![0].extensions).toMatchObject({ maximum: 1e12 });
    expect(res.errors![0].extensions.found as number).toBeGreaterThan(1e16);
    // The same walk with pages of two is priced (2^k lists and 2^k objects at level k), and answered.
    const small = everyPerson.replace(/(districts|streets|communities|compounds|buildings|units|households|persons) \{/g, '$1(first: 2) {');
    const answered = await anonymous(small);
    expect(answered.status).toBe(200);
    expect(answered.extensions?.cost?.requestedQueryCost).toBe(255 + 510);
  });

  it('price connections by first/last (variables included), nodes(ids:) by its IDs, mutations at 10, and charge what the answer held', async () => {
    const [community] = await sql<{ id: number }>(app.database, "select id from community where name = '永康北路社区'");
    const id = gid('Community', community.id);
    // community 1 + compounds connection 1 + 5 compounds × (1 + buildings connection 1 + 2 buildings) + pageInfo 1
    const paged = (await app.request<unknown, { id: string; n: number }>(
      'query Paged($id: ID!, $n: Int) { community(id: $id) { name compounds(first: 5) { totalCount pageInfo { hasNextPage } nodes { name buildings(last: $n) { nodes { name } } } } } }',
      { id, n: 2 },
    )) as Limited;
    expect(paged.extensions?.cost).toMatchObject({ requestedQueryCost: 1 + 1 + 1 + 5 * (1 + 1 + 2) });
    const data = ok(paged) as { community: { compounds: { nodes: Array<{ buildings: { nodes: unknown[] } }> } } };
    const held = data.community.compounds.nodes.reduce((n, c) => n + 2 + c.buildings.nodes.length, 3);
    expect(paged.extensions?.cost?.actualQueryCost).toBe(held);

    const byIds = (await app.request<unknown, { ids: string[] }>('query ByIds($ids: [ID!]!) { nodes(ids: $ids) { id } }', {
      ids: [id, id, id],
    })) as Limited;
    expect(byIds.extensions?.cost).toMatchObject({ requestedQueryCost: 3, actualQueryCost: 3 });

    const mutation = (await app.request<unknown, Record<string, never>>(
      'mutation { createDistrict(input: { name: "  ", city: "太原市" }) { district { id } userErrors { field code } } }',
      {},
    )) as Limited;
    // 10 for the mutation (its payload included) + up to 10 user errors; one came back.
    expect(mutation.extensions?.cost).toMatchObject({ requestedQueryCost: 10 + 1 + 10, actualQueryCost: 10 + 1 });
  });

  it('let every query of the README, the tests and bench/queries through with the defaults', async () => {
    const root = path.resolve(__dirname, '../..');
    const documents: Array<{ name: string; query: string; variables?: Record<string, unknown> }> = [];
    const readme = ['README.md', 'docs/walkthrough.md', 'docs/api.md', 'docs/access.md']
      .map((f) => readFileSync(path.join(root, f), 'utf8'))
      .join('\n');
    for (const [i, m] of [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].entries()) {
      // Blocks showing a mutation and its answer hold two operations: send the first.
      const query = m[1]
        .replace(/^\s*#.*$/gm, '')
        .split(/\n(?=\s*(?:query|mutation)[ ({])/)
        .find((part) => part.trim())!;
      documents.push({ name: `README block ${i + 1}`, query });
    }
    const generated = Generated as Record<string, unknown>;
    for (const [name, doc] of Object.entries(generated)) {
      if (name.endsWith('Document'))
        documents.push({ name, query: print(doc as never), variables: name === 'OrganizationWalkDocument' ? { first: 10 } : undefined });
    }
    for (const q of ['Q1', 'Q2', 'Q3', 'Q4', 'Q5'])
      documents.push({ name: `bench ${q}`, query: readFileSync(path.join(root, `bench/queries/${q}.graphql`), 'utf8') });
    expect(documents.length).toBeGreaterThan(130);
    const refused: string[] = [];
    for (const d of documents) {
      const res = (await app.request<unknown, Record<string, unknown>>(d.query, d.variables ?? {})) as Limited;
      // Missing variables and IDs fail later, in execution: what matters is that no limit refused them.
      const limited = res.errors?.find(
        (e) => e.extensions.limit || e.extensions.code === 'GRAPHQL_PARSE_FAILED' || e.extensions.code === 'THROTTLED',
      );
      if (limited) refused.push(`${d.name}: ${limited.message}`);
      // …and that they were priced: the limits ran.
      else if (!res.extensions?.cost) refused.push(`${d.name}: not priced (${res.errors?.[0]?.message})`);
    }
    expect(refused).toEqual([]);
  });
});
