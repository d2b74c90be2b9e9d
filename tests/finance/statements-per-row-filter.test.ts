import { sql } from '../support/databases';
import { gid, ok, startTestApp, type TestApp } from '../support/test-app';

/*
 * Compound.monthlyStatements lists every statement of an account to a caller who reads the account,
 * and only the published ones to everyone else: within one answer the list's filter can change from
 * one compound to the next. The loaders keep what a connection field needs once per field of the
 * query (src/core/graphql/relations.ts); this holds that what was found for one compound is not
 * reused for a compound whose filter differs, in either order.
 *
 * The demo's two accounts (漪汾仙庄, 都市花园) each have January to September published and
 * October as a draft. The caller supervises the first one's finances and is the second's grid worker.
 */

const STATEMENTS = `query Statements($ids: [ID!]!) {
  nodes(ids: $ids) { ... on Compound { name monthlyStatements(first: 50) { totalCount nodes { month status } } } }
}`;

interface Answer {
  nodes: Array<{ name: string; monthlyStatements: { totalCount: number; nodes: Array<{ month: string; status: string }> } } | null>;
}

describe('monthly statements of two compounds in one answer', () => {
  let app: TestApp;
  let yifen: string;
  let dushi: string;
  beforeAll(async () => {
    app = await startTestApp();
    const rows = await sql<{ id: number; name: string }>(
      app.database,
      "select id, name from compound where name in ('漪汾仙庄', '都市花园')",
    );
    yifen = gid('Compound', rows.find((r) => r.name === '漪汾仙庄')!.id);
    dushi = gid('Compound', rows.find((r) => r.name === '都市花园')!.id);
    await sql(app.database, "insert into user_account (login, display_name) values ('finance.mixed', '财务监督员') on conflict do nothing");
    await sql(
      app.database,
      `insert into role_binding (user_id, role, scope_type, scope_id)
       select u.id, b.role, 'COMPOUND', b.compound from user_account u,
              (values ('FINANCE_SUPERVISOR', $1::int), ('GRID_WORKER', $2::int)) as b(role, compound)
        where u.login = 'finance.mixed'`,
      [rows.find((r) => r.name === '漪汾仙庄')!.id, rows.find((r) => r.name === '都市花园')!.id],
    );
  });
  afterAll(() => app.close());

  async function read(ids: string[]): Promise<Map<string, { totalCount: number; statuses: string[] }>> {
    const answer = ok(await app.request<Answer, { ids: string[] }>(STATEMENTS, { ids }, { as: 'finance.mixed' }));
    return new Map(
      answer.nodes.map((n) => [
        n!.name,
        {
          totalCount: n!.monthlyStatements.totalCount,
          statuses: n!.monthlyStatements.nodes.map((s) => `${s.month.slice(0, 7)} ${s.status}`),
        },
      ]),
    );
  }

  const published = Array.from({ length: 9 }, (_, i) => `2026-0${i + 1} PUBLISHED`);
  const withDraft = [...published, '2026-10 DRAFT'];

  it('shows the draft where the caller reads the account and only published statements elsewhere', async () => {
    // Each alone: what the caller may see of each.
    expect((await read([yifen])).get('漪汾仙庄')).toEqual({ totalCount: 10, statuses: withDraft });
    expect((await read([dushi])).get('都市花园')).toEqual({ totalCount: 9, statuses: published });
    // Together, in both orders: the same, compound by compound.
    for (const ids of [
      [yifen, dushi],
      [dushi, yifen],
    ]) {
      const both = await read(ids);
      expect(both.get('漪汾仙庄')).toEqual({ totalCount: 10, statuses: withDraft });
      expect(both.get('都市花园')).toEqual({ totalCount: 9, statuses: published });
    }
  });
});
