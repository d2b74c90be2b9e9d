import { Migration } from '@mikro-orm/migrations';
import { dropPolicy, policy } from './Migration20261123114500_row_level_security';

/*
 * Stations' and grids' rules in the database (tables: the migration before): every row's community
 * is its parents' (a station's compound; a slot's, inspection's, roster entry's and check-in's
 * station; an inspection item's inspection and item; a roster entry's, check-in's and posting's
 * person; a grid's station; an area's grid, compound and building; a posting binding's posting
 * and role binding); an area's building is of its compound; inspections are append-only; a
 * check-in is never deleted (the application role has no DELETE, and a trigger refuses it) and only its check-out is written, once; opening slots may be deleted (replaced as a list); row-level security; the
 * "八有" items for the communities that exist.
 */

const TABLES = [
  'service_station',
  'station_opening_slot',
  'station_standard_item',
  'station_inspection',
  'station_inspection_item',
  'station_roster_entry',
  'station_check_in',
  'grid_unit',
  'grid_area',
  'grid_posting',
  'grid_posting_binding',
];
const CHECKED = TABLES.filter((t) => t !== 'station_standard_item');

const TRIGGERS = String.raw`
create function station_community_of(p_table text, p_id int) returns int language plpgsql stable set search_path = pg_catalog, public as $$
declare found_community int;
begin
  if p_id is null then return null; end if;
  execute format('select community_id from public.%I where id = $1', p_table) into found_community using p_id;
  if found_community is null then
    raise exception '% % does not exist', p_table, p_id using errcode = '23503', constraint = 'station_parent_exists';
  end if;
  return found_community;
end $$;

create function station_checks() returns trigger language plpgsql set search_path = pg_catalog, public as $$
declare parents int[]; c int;
begin
  -- IF, not CASE: a branch naming another table's column is only planned when taken.
  if TG_TABLE_NAME = 'service_station' then
    parents := array[station_community_of('compound', new.compound_id)];
  elsif TG_TABLE_NAME in ('station_opening_slot', 'station_inspection') then
    parents := array[station_community_of('service_station', new.station_id)];
  elsif TG_TABLE_NAME = 'station_inspection_item' then
    parents := array[station_community_of('station_inspection', new.inspection_id), station_community_of('station_standard_item', new.item_id)];
  elsif TG_TABLE_NAME in ('station_roster_entry', 'station_check_in') then
    parents := array[station_community_of('service_station', new.station_id), station_community_of('person', new.person_id)];
  elsif TG_TABLE_NAME = 'grid_unit' then
    parents := array[station_community_of('service_station', new.station_id)];
  elsif TG_TABLE_NAME = 'grid_area' then
    parents := array[station_community_of('grid_unit', new.grid_id), station_community_of('compound', new.compound_id),
                     station_community_of('building', new.building_id)];
    if new.building_id is not null and not exists (select 1 from building b where b.id = new.building_id and b.compound_id = new.compound_id) then
      raise exception 'the building is not of the compound' using errcode = '23514', constraint = 'grid_area_building_of_compound';
    end if;
  elsif TG_TABLE_NAME = 'grid_posting' then
    parents := array[station_community_of('grid_unit', new.grid_id), station_community_of('person', new.person_id)];
  else
    parents := array[station_community_of('grid_posting', new.posting_id), station_community_of('role_binding', new.role_binding_id)];
  end if;
  foreach c in array parents loop
    if c is not null then new.community_id := lianxin_same_community(new.community_id, c, TG_TABLE_NAME || '_same_community'); end if;
  end loop;
  return new;
end $$;

-- A check-in is a record of presence: never deleted; its check-out is written once and nothing else changes.
create function station_check_in_write_once() returns trigger language plpgsql set search_path = pg_catalog, public as $$
begin
  if TG_OP = 'DELETE' then
    raise exception 'check-ins are append-only' using errcode = '42501';
  end if;
  if old.checked_out_at is not null or new.checked_out_at is null
     or (new.station_id, new.person_id, new.community_id, new.checked_in_at, new.created_at)
        is distinct from (old.station_id, old.person_id, old.community_id, old.checked_in_at, old.created_at) then
    raise exception 'a check-in only gets its check-out, once' using errcode = '23514', constraint = 'station_check_in_write_once';
  end if;
  return new;
end $$;
`;

const DEFAULT_ITEMS = ['有场所', '有牌子', '有制度', '有人员', '有设施', '有活动', '有服务', '有台账'];

export class Migration20261203400100_station_rules extends Migration {
  override async up(): Promise<void> {
    this.addSql(TRIGGERS);
    for (const table of CHECKED)
      this.addSql(`create trigger ${table}_checks before insert or update on ${table} for each row execute function station_checks();`);
    for (const table of TABLES) this.addSql(policy(table));
    this.addSql(
      'create trigger station_check_in_write_once before update or delete on station_check_in for each row execute function station_check_in_write_once();',
    );
    // Opening hours are a list replaced as a whole (setStationOpeningHours); the audit log keeps every slot replaced.
    this.addSql('grant delete on table station_opening_slot to lianxin_app;');
    for (const table of ['station_inspection', 'station_inspection_item']) {
      this.addSql(
        `create trigger ${table}_append_only before update or delete on ${table} for each row execute function lianxin_append_only();`,
      );
      this.addSql(`revoke update, delete on table ${table} from lianxin_app;`);
    }
    // The module's defaults as of this migration (stations-defaults.ts), kept here as they were.
    this.addSql('select lianxin_grant_everything();');
    const names = DEFAULT_ITEMS.map((n) => `'${n}'`).join(', ');
    this.addSql(
      `insert into station_standard_item (community_id, name, position)
       select c.id, d.name, d.position from community c cross join unnest(array[${names}]) with ordinality as d(name, position)`,
    );
    this.addSql("select set_config('app.grant', '', true);");
  }

  override async down(): Promise<void> {
    this.addSql('grant update on table station_inspection, station_inspection_item to lianxin_app;');
    this.addSql('revoke delete on table station_opening_slot from lianxin_app;');
    this.addSql('drop trigger if exists station_inspection_append_only on station_inspection;');
    this.addSql('drop trigger if exists station_inspection_item_append_only on station_inspection_item;');
    this.addSql('drop trigger if exists station_check_in_write_once on station_check_in;');
    for (const table of TABLES) this.addSql(dropPolicy(table));
    for (const table of CHECKED) this.addSql(`drop trigger if exists ${table}_checks on ${table};`);
    this.addSql(
      'drop function if exists station_check_in_write_once(); drop function if exists station_checks(); drop function if exists station_community_of(text, int);',
    );
  }
}
