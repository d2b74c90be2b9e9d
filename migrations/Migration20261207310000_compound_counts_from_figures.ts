import { Migration } from '@mikro-orm/migrations';

/*
 * A compound's household count (Compound.householdCount) read from the compounds' figures roll-up
 * instead of counted per request (bench/RESULTS.md, "Issue 15 — 2026-12-02, PostgreSQL CPU per
 * request"): Q1 counted 48,000 household rows for its 60 compounds on every request.
 *
 * lianxin_figures_compound.households is maintained in the same transaction as every statement that
 * inserts, updates or deletes households (the figures' after-statement triggers recompute it with
 * the very count this function made: active households of the compound, across the resident lock),
 * so where the row exists it is that count. A compound without a roll-up row is counted as before.
 * Who may ask is unchanged: the compound must be in the caller's communities, and the roll-up row is
 * read under the caller's own grant (its tenant policy reaches the same communities), so the grant
 * for everything is now signed only when a compound has to be counted.
 */

const UP = String.raw`
create or replace function lianxin_compound_figures(p_ids int[]) returns table (compound_id int, households int)
language plpgsql volatile security definer set search_path = pg_catalog, public as $$
declare
  v_grant text := current_setting('app.grant', true);
  v_all boolean := lianxin_all_communities();
  v_reach int[] := lianxin_community_ids();
  v_missing int[] := '{}';
  r record;
begin
  for r in
    select cp.id, f.households as n
      from compound cp
      left join lianxin_figures_compound f on f.compound_id = cp.id
     where cp.id = any (p_ids) and (v_all or cp.community_id = any (v_reach))
  loop
    if r.n is null then
      v_missing := v_missing || r.id;
    else
      compound_id := r.id;
      households := r.n;
      return next;
    end if;
  end loop;
  if cardinality(v_missing) > 0 then
    perform lianxin_grant_everything();
    return query
      select cp.id, (select count(*)::int from household h where h.compound_id = cp.id and h.archived_at is null)
        from compound cp
       where cp.id = any (v_missing);
    perform set_config('app.grant', coalesce(v_grant, ''), true);
  end if;
end $$;
`;

const DOWN = String.raw`
create or replace function lianxin_compound_figures(p_ids int[]) returns table (compound_id int, households int)
language plpgsql volatile security definer set search_path = pg_catalog, public as $$
declare
  v_grant text := current_setting('app.grant', true);
  v_all boolean := lianxin_all_communities();
  v_reach int[] := lianxin_community_ids();
begin
  perform lianxin_grant_everything();
  return query
    select cp.id, (select count(*)::int from household h where h.compound_id = cp.id and h.archived_at is null)
      from compound cp
     where cp.id = any (p_ids) and (v_all or cp.community_id = any (v_reach));
  perform set_config('app.grant', coalesce(v_grant, ''), true);
end $$;
`;

export class Migration20261207310000_compound_counts_from_figures extends Migration {
  override async up(): Promise<void> {
    this.addSql(UP);
  }

  override async down(): Promise<void> {
    this.addSql(DOWN);
  }
}
