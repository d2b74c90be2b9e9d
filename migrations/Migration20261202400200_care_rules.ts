import { Migration } from '@mikro-orm/migrations';
import { dropPolicy, policy } from './Migration20261123114500_row_level_security';

/*
 * Care links' rules in the database (tables: the migration before): tenant keys from the parent
 * row; a link's place and organization paths copied from its household (kept when the household
 * moves under another group); the member of the household's community; a visit's help item of the
 * link's community; visits append-only; row-level security; the article's seven kinds of help for
 * every existing community (new communities get them when created).
 */

const TABLES = ['care_help_item', 'care_link', 'care_visit', 'care_staff'];

const TRIGGERS = String.raw`
create function care_link_checks() returns trigger language plpgsql as $$
declare home household%rowtype; member_community int;
begin
  select * into home from household where id = new.household_id;
  if not found then raise exception 'household % does not exist', new.household_id using errcode = '23503', constraint = 'care_link_household_exists'; end if;
  select community_id into member_community from person where id = new.member_id;
  if not found then raise exception 'person % does not exist', new.member_id using errcode = '23503', constraint = 'care_link_member_exists'; end if;
  new.community_id := lianxin_same_community(new.community_id, home.community_id, 'care_link_same_community');
  perform lianxin_same_community(member_community, home.community_id, 'care_link_same_community');
  new.path := home.path;
  new.org_path := home.org_path;
  return new;
end $$;
create trigger care_link_checks before insert or update of community_id, household_id, member_id on care_link
  for each row execute function care_link_checks();

create function care_link_follow_household() returns trigger language plpgsql as $$
begin
  update care_link set path = new.path, org_path = new.org_path where household_id = new.id;
  return null;
end $$;
create trigger care_link_follow_household after update of path, org_path on household
  for each row when (old.path::text is distinct from new.path::text or old.org_path::text is distinct from new.org_path::text)
  execute function care_link_follow_household();

create function care_visit_checks() returns trigger language plpgsql as $$
declare link_community int; item_community int;
begin
  select community_id into link_community from care_link where id = new.link_id;
  if not found then raise exception 'care link % does not exist', new.link_id using errcode = '23503', constraint = 'care_visit_link_exists'; end if;
  select community_id into item_community from care_help_item where id = new.help_item_id;
  if not found then raise exception 'help item % does not exist', new.help_item_id using errcode = '23503', constraint = 'care_visit_item_exists'; end if;
  new.community_id := lianxin_same_community(new.community_id, link_community, 'care_visit_same_community');
  perform lianxin_same_community(item_community, link_community, 'care_visit_same_community');
  return new;
end $$;
create trigger care_visit_checks before insert on care_visit for each row execute function care_visit_checks();
create trigger care_visit_append_only before update or delete on care_visit for each row execute function lianxin_append_only();

create function care_staff_checks() returns trigger language plpgsql as $$
declare person_community int;
begin
  select community_id into person_community from person where id = new.person_id;
  if not found then raise exception 'person % does not exist', new.person_id using errcode = '23503', constraint = 'care_staff_person_exists'; end if;
  new.community_id := lianxin_same_community(new.community_id, person_community, 'care_staff_same_community');
  return new;
end $$;
create trigger care_staff_checks before insert or update of community_id, person_id on care_staff for each row execute function care_staff_checks();
`;

export class Migration20261202400200_care_rules extends Migration {
  override async up(): Promise<void> {
    this.addSql(TRIGGERS);
    for (const table of TABLES) this.addSql(policy(table));
    this.addSql('revoke update, delete on table care_visit from lianxin_app;');
    this.addSql('select lianxin_grant_everything();');
    // The module's defaults as of this migration (care-defaults.ts), kept here as they were.
    const names = ['政策宣传', '走访慰问', '生活帮扶', '就医协助', '矛盾调解', '安全排查', '诉求代办'].map((n) => `'${n}'`).join(', ');
    this.addSql(
      `insert into care_help_item (community_id, name, position)
       select c.id, d.name, d.position from community c cross join unnest(array[${names}]) with ordinality as d(name, position)`,
    );
    this.addSql("select set_config('app.grant', '', true);");
  }

  override async down(): Promise<void> {
    this.addSql('grant update on table care_visit to lianxin_app;');
    for (const table of TABLES) this.addSql(dropPolicy(table));
    this.addSql(
      'drop trigger if exists care_visit_append_only on care_visit; drop trigger if exists care_visit_checks on care_visit; drop function if exists care_visit_checks();',
    );
    this.addSql('drop trigger if exists care_staff_checks on care_staff; drop function if exists care_staff_checks();');
    this.addSql('drop trigger if exists care_link_follow_household on household; drop function if exists care_link_follow_household();');
    this.addSql('drop trigger if exists care_link_checks on care_link; drop function if exists care_link_checks();');
  }
}
