import { sql } from './databases';

/**
 * A fingerprint of every row of every table the application owns (row count and a hash of the
 * rows' text), to prove a refused mutation changed nothing at all. The tables come from the
 * catalog, so a new module's tables are covered without a list to keep; the platform's own
 * bookkeeping (lianxin_*: sessions, budgets, sign-in counts) and the migrations' ledger are not
 * domain data.
 */
export async function fingerprint(database: string): Promise<Record<string, string>> {
  const tables = await sql<{ name: string }>(
    database,
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relname <> 'mikro_orm_migrations' and c.relname not like 'lianxin\\_%'
      order by 1`,
  );
  // An API key's last use is bookkeeping of the request itself, not a change.
  const row = (t: string) => (t === 'api_key' ? `(to_jsonb(x) - 'last_used_at')::text` : 'x::text');
  const parts = tables.map(
    ({ name: t }) =>
      `select '${t}' as t, count(*) || ':' || coalesce(md5(string_agg(${row(t)}, '|' order by x::text)), '') as f from "${t}" x`,
  );
  const rows = await sql<{ t: string; f: string }>(database, parts.join(' union all '));
  return Object.fromEntries(rows.map((r) => [r.t, r.f]));
}
