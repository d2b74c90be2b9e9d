import { Migration } from '@mikro-orm/migrations';

/*
 * The keys of a batched read, as a set the planner believes has one row (bench/RESULTS.md, "Issue
 * 15 — 2026-12-02, PostgreSQL CPU per request").
 *
 * A prepared `… where r.id = any($1::int[])` is planned for a generic plan as if the array held ten
 * keys; for a ten-table ancestry (a household up both trees) that generic plan costs more than a
 * custom plan for the one key a request usually sends plus its planning, so PostgreSQL plans the
 * statement afresh on every execution (~4 ms of backend CPU for a 1 ms read). Joining the keys
 * from a function declared `rows 1` gives the generic plan the same estimate as the custom plans,
 * and after five executions the cached plan is reused. PL/pgSQL, not SQL: an SQL function would
 * be inlined into `unnest`, whose estimate comes back. Same rows for any array (null elements
 * match nothing, as with `= any`); row-level security applies to the tables joined, not to this.
 */
export class Migration20261207300000_one_row_keys extends Migration {
  override async up(): Promise<void> {
    this.addSql(String.raw`
create function lianxin_keys(p_keys int[]) returns setof int
language plpgsql immutable strict parallel safe rows 1 as $$
begin
  return query select unnest(p_keys);
end $$;
grant execute on function lianxin_keys(int[]) to lianxin_app;`);
  }

  override async down(): Promise<void> {
    this.addSql('drop function if exists lianxin_keys(int[]);');
  }
}
