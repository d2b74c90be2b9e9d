import { Migration } from '@mikro-orm/migrations';
import { dropPolicy, policy } from './Migration20261123114500_row_level_security';

/*
 * Reports by QR code in the database (tables: the migration before). A QR point belongs to its
 * compound's community (a building of another compound is refused); an issue reported through a
 * point is placed where the point is (the building's paths, or the compound's), one reported by a
 * resident where their household is, as before; an anonymous report belongs to its issue's
 * community. Row-level security on both tables.
 *
 * Two narrow grants for the page GET /r/<token>, which has no caller to authenticate: the SHA-256
 * of a point's token (or of a tracking code) opens a transaction onto that point's (or that
 * report's) community only, and answers which point (or issue) it is. An unknown hash opens nothing.
 */

const TABLES = ['issue_qr_point', 'anonymous_report'];

const TRIGGERS = String.raw`
create function issue_qr_point_place() returns trigger language plpgsql as $$
declare v_community int; v_compound int;
begin
  select community_id into v_community from compound where id = new.compound_id;
  if not found then raise exception 'compound % does not exist', new.compound_id using errcode = '23503', constraint = 'issue_qr_point_compound_exists'; end if;
  new.community_id := lianxin_same_community(new.community_id, v_community, 'issue_qr_point_same_community');
  if new.building_id is not null then
    select compound_id into v_compound from building where id = new.building_id;
    if v_compound is distinct from new.compound_id then
      raise exception 'building % is not in compound %', new.building_id, new.compound_id using errcode = '23503', constraint = 'issue_qr_point_building_in_compound';
    end if;
  end if;
  return new;
end $$;
create trigger issue_qr_point_place before insert or update of community_id, compound_id, building_id on issue_qr_point
  for each row execute function issue_qr_point_place();

create or replace function resident_issue_place() returns trigger language plpgsql as $$
declare home household%rowtype; point issue_qr_point%rowtype; v_path ltree; v_org ltree; v_community int;
begin
  if new.household_id is not null then
    select * into home from household where id = new.household_id;
    if not found then raise exception 'household % does not exist', new.household_id using errcode = '23503', constraint = 'resident_issue_household_exists'; end if;
    new.community_id := lianxin_same_community(new.community_id, home.community_id, 'resident_issue_same_community');
    new.compound_id := home.compound_id;
    new.path := home.path;
    new.org_path := home.org_path;
    return new;
  end if;
  select * into point from issue_qr_point where id = new.qr_point_id;
  if not found then raise exception 'QR point % does not exist', new.qr_point_id using errcode = '23503', constraint = 'resident_issue_qr_point_exists'; end if;
  if point.building_id is not null then
    select b.path, b.org_path into v_path, v_org from building b where b.id = point.building_id;
  else
    select c.path, c.org_path into v_path, v_org from compound c where c.id = point.compound_id;
  end if;
  new.community_id := lianxin_same_community(new.community_id, point.community_id, 'resident_issue_same_community');
  new.compound_id := point.compound_id;
  new.path := v_path;
  new.org_path := v_org;
  return new;
end $$;
drop trigger resident_issue_place on resident_issue;
create trigger resident_issue_place before insert or update of community_id, household_id, qr_point_id, compound_id, path, org_path on resident_issue
  for each row execute function resident_issue_place();

create trigger anonymous_report_community before insert or update of community_id, issue_id on anonymous_report for each row execute function issue_child_community();
`;

const GRANTS = String.raw`
create function lianxin_qr_grant(p_token_hash text) returns int
language plpgsql volatile security definer set search_path = pg_catalog, public as $$
declare v_point int; v_community int;
begin
  if coalesce(current_setting('app.grant', true), '') <> '' then
    raise exception 'this transaction already holds a grant' using errcode = '42501';
  end if;
  -- The lookup itself reads across communities, for this statement only.
  perform public.lianxin_set_grant(array['g1', '1', '', '0', '', '', '', '', '']);
  select id, community_id into v_point, v_community from public.issue_qr_point where token_hash = p_token_hash;
  if v_point is null then
    perform set_config('app.grant', '', true);
    return null;
  end if;
  perform public.lianxin_set_grant(array['g1', '0', v_community::text, '0', '', '', '', '', '']);
  return v_point;
end $$;
revoke all on function lianxin_qr_grant(text) from public;
grant execute on function lianxin_qr_grant(text) to lianxin_app;

create function lianxin_tracking_grant(p_tracking_hash text) returns int
language plpgsql volatile security definer set search_path = pg_catalog, public as $$
declare v_issue int; v_community int;
begin
  if coalesce(current_setting('app.grant', true), '') <> '' then
    raise exception 'this transaction already holds a grant' using errcode = '42501';
  end if;
  perform public.lianxin_set_grant(array['g1', '1', '', '0', '', '', '', '', '']);
  select issue_id, community_id into v_issue, v_community from public.anonymous_report where tracking_hash = p_tracking_hash;
  if v_issue is null then
    perform set_config('app.grant', '', true);
    return null;
  end if;
  perform public.lianxin_set_grant(array['g1', '0', v_community::text, '0', '', '', '', '', '']);
  return v_issue;
end $$;
revoke all on function lianxin_tracking_grant(text) from public;
grant execute on function lianxin_tracking_grant(text) to lianxin_app;
`;

const OLD_PLACE = String.raw`
drop trigger resident_issue_place on resident_issue;
create or replace function resident_issue_place() returns trigger language plpgsql as $$
declare home household%rowtype;
begin
  select * into home from household where id = new.household_id;
  if not found then raise exception 'household % does not exist', new.household_id using errcode = '23503', constraint = 'resident_issue_household_exists'; end if;
  new.community_id := lianxin_same_community(new.community_id, home.community_id, 'resident_issue_same_community');
  new.compound_id := home.compound_id;
  new.path := home.path;
  new.org_path := home.org_path;
  return new;
end $$;
create trigger resident_issue_place before insert or update of community_id, household_id, compound_id, path, org_path on resident_issue
  for each row execute function resident_issue_place();
`;

export class Migration20261203200100_qr_report_rules extends Migration {
  override async up(): Promise<void> {
    this.addSql(TRIGGERS);
    for (const table of TABLES) this.addSql(policy(table));
    this.addSql(GRANTS);
  }

  override async down(): Promise<void> {
    this.addSql('drop function if exists lianxin_tracking_grant(text); drop function if exists lianxin_qr_grant(text);');
    for (const table of TABLES) this.addSql(dropPolicy(table));
    this.addSql('drop trigger if exists anonymous_report_community on anonymous_report;');
    this.addSql(OLD_PLACE);
    this.addSql('drop trigger if exists issue_qr_point_place on issue_qr_point; drop function if exists issue_qr_point_place();');
  }
}
