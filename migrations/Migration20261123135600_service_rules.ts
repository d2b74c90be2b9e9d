import { Migration } from '@mikro-orm/migrations';
import { dropPolicy, policy } from './Migration20261123114500_row_level_security';

/*
 * Services' rules in the database (tables: the migration before): tenant keys from the parent row,
 * referenced households and companies of the same community, an evaluation's compound taken from
 * its household, and row-level security.
 */

const TABLES = ['property_company', 'service_list', 'service_item', 'service_objection', 'service_evaluation'];

const TRIGGERS = String.raw`
create function service_list_checks() returns trigger language plpgsql as $$
declare parent_community int;
begin
  select community_id into parent_community from compound where id = new.compound_id;
  if not found then raise exception 'compound % does not exist', new.compound_id using errcode = '23503', constraint = 'service_list_compound_exists'; end if;
  new.community_id := lianxin_same_community(new.community_id, parent_community, 'service_list_same_community');
  perform lianxin_require_same_community('property_company', new.property_company_id, new.community_id, 'service_list_company_same_community');
  return new;
end $$;
create trigger service_list_checks before insert or update of community_id, compound_id, property_company_id on service_list
  for each row execute function service_list_checks();

create function service_item_checks() returns trigger language plpgsql as $$
declare parent_community int;
begin
  select community_id into parent_community from service_list where id = new.list_id;
  if not found then raise exception 'list % does not exist', new.list_id using errcode = '23503', constraint = 'service_item_list_exists'; end if;
  new.community_id := lianxin_same_community(new.community_id, parent_community, 'service_item_same_community');
  return new;
end $$;
create trigger service_item_checks before insert or update of community_id, list_id on service_item for each row execute function service_item_checks();

create function service_objection_checks() returns trigger language plpgsql as $$
declare parent_community int;
begin
  select community_id into parent_community from service_item where id = new.item_id;
  if not found then raise exception 'item % does not exist', new.item_id using errcode = '23503', constraint = 'service_objection_item_exists'; end if;
  new.community_id := lianxin_same_community(new.community_id, parent_community, 'service_objection_same_community');
  perform lianxin_require_same_community('household', new.household_id, new.community_id, 'service_objection_household_same_community');
  return new;
end $$;
create trigger service_objection_checks before insert or update of community_id, item_id, household_id on service_objection
  for each row execute function service_objection_checks();

create function service_evaluation_checks() returns trigger language plpgsql as $$
declare home household%rowtype;
begin
  select * into home from household where id = new.household_id;
  if not found then raise exception 'household % does not exist', new.household_id using errcode = '23503', constraint = 'service_evaluation_household_exists'; end if;
  new.community_id := lianxin_same_community(new.community_id, home.community_id, 'service_evaluation_same_community');
  new.compound_id := home.compound_id;
  perform lianxin_require_same_community('service_item', new.item_id, new.community_id, 'service_evaluation_item_same_community');
  return new;
end $$;
create trigger service_evaluation_checks before insert or update of community_id, household_id, compound_id, item_id on service_evaluation
  for each row execute function service_evaluation_checks();
`;

export class Migration20261123135600_service_rules extends Migration {
  override async up(): Promise<void> {
    this.addSql(TRIGGERS);
    for (const table of TABLES) this.addSql(policy(table));
  }

  override async down(): Promise<void> {
    for (const table of TABLES) this.addSql(dropPolicy(table));
    for (const name of ['service_list', 'service_item', 'service_objection', 'service_evaluation']) {
      this.addSql(`drop trigger if exists ${name}_checks on ${name}; drop function if exists ${name}_checks();`);
    }
  }
}
