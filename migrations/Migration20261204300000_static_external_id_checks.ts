import { Migration } from '@mikro-orm/migrations';

/*
 * external_id_checks without dynamic SQL: one static lookup per node type, planned once per
 * connection. The EXECUTE per row planned its statement for every external ID a bulk upsert
 * inserts (1,000 a call). Same rules: under row-level security another community's node is as
 * missing as one that does not exist; districts and streets belong to no community.
 */

const STATIC = String.raw`
create or replace function external_id_checks() returns trigger language plpgsql as $$
declare node_community int;
begin
  case new.node_type
    when 'DISTRICT' then perform 1 from district where id = new.node_id;
    when 'STREET' then perform 1 from street where id = new.node_id;
    when 'COMMUNITY' then select id into node_community from community where id = new.node_id;
    when 'COMPOUND' then select community_id into node_community from compound where id = new.node_id;
    when 'BUILDING' then select community_id into node_community from building where id = new.node_id;
    when 'UNIT' then select community_id into node_community from unit where id = new.node_id;
    when 'HOUSEHOLD' then select community_id into node_community from household where id = new.node_id;
    when 'PERSON' then select community_id into node_community from person where id = new.node_id;
    else null; -- the table's check refuses other types; here they are simply not found
  end case;
  if not found then
    raise exception '% % does not exist', new.node_type, new.node_id using errcode = '23503', constraint = 'external_id_node_exists';
  end if;
  if node_community is null then
    if new.community_id is not null then
      raise exception 'a district or street belongs to no community' using errcode = '23514', constraint = 'external_id_same_community';
    end if;
  else
    new.community_id := lianxin_same_community(new.community_id, node_community, 'external_id_same_community');
  end if;
  return new;
end $$;
`;

const DYNAMIC = String.raw`
create or replace function external_id_checks() returns trigger language plpgsql as $$
declare node_community int; found_rows int;
begin
  -- Under row-level security: another community's node is as missing as one that does not exist.
  if new.node_type in ('DISTRICT', 'STREET') then
    execute format('select null::int from %I where id = $1', lower(new.node_type)) into node_community using new.node_id;
  elsif new.node_type = 'COMMUNITY' then
    select id into node_community from community where id = new.node_id;
  else
    execute format('select community_id from %I where id = $1', lower(new.node_type)) into node_community using new.node_id;
  end if;
  get diagnostics found_rows = row_count;
  if found_rows = 0 then
    raise exception '% % does not exist', new.node_type, new.node_id using errcode = '23503', constraint = 'external_id_node_exists';
  end if;
  if node_community is null then
    if new.community_id is not null then
      raise exception 'a district or street belongs to no community' using errcode = '23514', constraint = 'external_id_same_community';
    end if;
  else
    new.community_id := lianxin_same_community(new.community_id, node_community, 'external_id_same_community');
  end if;
  return new;
end $$;
`;

export class Migration20261204300000_static_external_id_checks extends Migration {
  override async up(): Promise<void> {
    this.addSql(STATIC);
  }

  override async down(): Promise<void> {
    this.addSql(DYNAMIC);
  }
}
