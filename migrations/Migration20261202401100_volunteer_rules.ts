import { Migration } from '@mikro-orm/migrations';
import { dropPolicy, policy } from './Migration20261123114500_row_level_security';

/*
 * Volunteers' rules in the database (tables: the migration before): every row's community is its
 * parents' (a team's compound and leader, an activity's team, an attendance's activity and person,
 * an hours entry's team and person, an honour's compound, team and person); the hours ledger is
 * append-only and a reversal negates exactly the entry it reverses; row-level security.
 */

const TABLES = ['volunteer_team', 'volunteer_activity', 'volunteer_attendance', 'volunteer_hours', 'volunteer_honour'];

const TRIGGERS = String.raw`
create function volunteer_community_of(p_table text, p_id int) returns int language plpgsql stable as $$
declare found_community int;
begin
  if p_id is null then return null; end if;
  execute format('select community_id from %I where id = $1', p_table) into found_community using p_id;
  if found_community is null then
    raise exception '% % does not exist', p_table, p_id using errcode = '23503', constraint = 'volunteer_parent_exists';
  end if;
  return found_community;
end $$;

create function volunteer_checks() returns trigger language plpgsql as $$
declare parents int[]; c int;
begin
  -- IF, not CASE: a branch naming another table's column is only planned when taken.
  if TG_TABLE_NAME = 'volunteer_team' then
    parents := array[volunteer_community_of('compound', new.compound_id), volunteer_community_of('person', new.leader_id)];
  elsif TG_TABLE_NAME = 'volunteer_activity' then
    parents := array[volunteer_community_of('volunteer_team', new.team_id)];
  elsif TG_TABLE_NAME = 'volunteer_attendance' then
    parents := array[volunteer_community_of('volunteer_activity', new.activity_id), volunteer_community_of('person', new.person_id)];
  elsif TG_TABLE_NAME = 'volunteer_hours' then
    parents := array[volunteer_community_of('volunteer_team', new.team_id), volunteer_community_of('person', new.person_id)];
  else
    parents := array[volunteer_community_of('compound', new.compound_id), volunteer_community_of('volunteer_team', new.team_id),
                     volunteer_community_of('person', new.person_id)];
  end if;
  foreach c in array parents loop
    if c is not null then new.community_id := lianxin_same_community(new.community_id, c, TG_TABLE_NAME || '_same_community'); end if;
  end loop;
  return new;
end $$;

create function volunteer_hours_reversal() returns trigger language plpgsql as $$
declare original volunteer_hours%rowtype;
begin
  if new.reverses_id is null then return new; end if;
  select * into original from volunteer_hours where id = new.reverses_id;
  if original.reverses_id is not null or original.minutes <> -new.minutes or original.person_id <> new.person_id or original.team_id <> new.team_id then
    raise exception 'a reversal negates exactly the entry it reverses' using errcode = '23514', constraint = 'volunteer_hours_reversal_exact';
  end if;
  return new;
end $$;
`;

export class Migration20261202401100_volunteer_rules extends Migration {
  override async up(): Promise<void> {
    this.addSql(TRIGGERS);
    for (const table of TABLES) {
      this.addSql(`create trigger ${table}_checks before insert or update on ${table} for each row execute function volunteer_checks();`);
      this.addSql(policy(table));
    }
    this.addSql(
      'create trigger volunteer_hours_reversal before insert on volunteer_hours for each row execute function volunteer_hours_reversal();',
    );
    this.addSql(
      'create trigger volunteer_hours_append_only before update or delete on volunteer_hours for each row execute function lianxin_append_only();',
    );
    this.addSql('revoke update, delete on table volunteer_hours from lianxin_app;');
  }

  override async down(): Promise<void> {
    this.addSql('grant update on table volunteer_hours to lianxin_app;');
    this.addSql(
      'drop trigger if exists volunteer_hours_append_only on volunteer_hours; drop trigger if exists volunteer_hours_reversal on volunteer_hours;',
    );
    for (const table of TABLES) {
      this.addSql(dropPolicy(table));
      this.addSql(`drop trigger if exists ${table}_checks on ${table};`);
    }
    this.addSql(
      'drop function if exists volunteer_hours_reversal(); drop function if exists volunteer_checks(); drop function if exists volunteer_community_of(text, int);',
    );
  }
}
