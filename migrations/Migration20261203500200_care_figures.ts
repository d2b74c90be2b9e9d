import { Migration } from '@mikro-orm/migrations';

/*
 * Care coverage for the figures: per community, the households carrying a special-group tag, how
 * many of them have an active care link, and the active links. Tags sit on household rows, which
 * officers above communities do not read (the resident lock); this function counts across it for
 * the communities the caller's grant reaches and returns counts only (small ones are withheld by
 * the figures' suppression, docs/figures.md).
 */
const UP = String.raw`
create function lianxin_care_coverage(p_community_ids int[]) returns table (community_id int, tagged int, linked int, links int)
language plpgsql volatile security definer set search_path = pg_catalog, public as $$
declare
  v_grant text := current_setting('app.grant', true);
  v_all boolean := lianxin_all_communities();
  v_reach int[] := lianxin_community_ids();
begin
  perform lianxin_grant_everything();
  return query
    select c.id,
           (select count(*)::int from household h where h.community_id = c.id and h.archived_at is null and cardinality(h.vulnerability_tags) > 0),
           (select count(*)::int from household h where h.community_id = c.id and h.archived_at is null and cardinality(h.vulnerability_tags) > 0
               and exists (select 1 from care_link l where l.household_id = h.id and l.ended_on is null)),
           (select count(*)::int from care_link l where l.community_id = c.id and l.ended_on is null)
      from community c
     where c.id = any (p_community_ids) and (v_all or c.id = any (v_reach))
     order by c.id;
  perform set_config('app.grant', coalesce(v_grant, ''), true);
end $$;
`;

export class Migration20261203500200_care_figures extends Migration {
  override async up(): Promise<void> {
    this.addSql(UP);
  }

  override async down(): Promise<void> {
    this.addSql('drop function if exists lianxin_care_coverage(int[]);');
  }
}
