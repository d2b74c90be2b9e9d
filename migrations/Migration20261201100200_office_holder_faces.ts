import { Migration } from '@mikro-orm/migrations';

/*
 * The public face of office holders (亮身份、亮职责、亮承诺). Secretaries, group leaders, property-
 * committee members and candidates are persons, and their records are residents' records: only
 * those with a duty of care for their household read them. What an office holder shows the
 * community is their name and, where their household displays a member-household plate, its
 * duties, pledge and specialties. This function answers exactly that, for persons who hold or stand
 * for an office, in the communities the caller reaches — whatever the resident lock would hide, and
 * nothing else about them.
 */
const UP = String.raw`
create function lianxin_office_faces(p_ids int[]) returns table (person_id int, name text, duties text, pledge text, specialties text)
language plpgsql volatile security definer set search_path = pg_catalog, public as $$
declare
  v_grant text := current_setting('app.grant', true);
  v_all boolean := lianxin_all_communities();
  v_reach int[] := lianxin_community_ids();
begin
  perform lianxin_grant_everything();
  return query
    select p.id, p.name::text, m.duties::text, m.pledge::text, m.specialties::text
      from person p
      left join member_household m on m.household_id = p.household_id and m.undesignated_on is null and m.displays_plate
     where p.id = any (p_ids) and (v_all or p.community_id = any (v_reach))
       and (exists (select 1 from community_committee x where x.secretary_id = p.id)
         or exists (select 1 from compound_branch x where x.secretary_id = p.id)
         or exists (select 1 from building_group x where x.leader_id = p.id)
         or exists (select 1 from property_committee x where x.party_secretary_id = p.id)
         or exists (select 1 from committee_member x where x.person_id = p.id)
         or exists (select 1 from candidate x where x.person_id = p.id));
  perform set_config('app.grant', coalesce(v_grant, ''), true);
end $$;
`;

export class Migration20261201100200_office_holder_faces extends Migration {
  override async up(): Promise<void> {
    this.addSql(UP);
  }

  override async down(): Promise<void> {
    this.addSql('drop function if exists lianxin_office_faces(int[]);');
  }
}
