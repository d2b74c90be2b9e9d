import { Migration } from '@mikro-orm/migrations';
import { dropPolicy, policy } from './Migration20261123114500_row_level_security';

/*
 * External IDs (what city systems call our nodes) and the source systems a service account speaks
 * for. An external ID takes its community from its node (districts and streets have none: read by
 * anyone who reaches them, written with platform scope only); a binding from its service account.
 */

const TABLES = String.raw`
create table "external_id" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int null, "system" varchar(64) not null, "node_type" text check ("node_type" in ('DISTRICT', 'STREET', 'COMMUNITY', 'COMPOUND', 'BUILDING', 'UNIT', 'HOUSEHOLD', 'PERSON')) not null, "node_id" int not null, "external_id" varchar(128) not null, constraint external_id_system_format check (system ~ '^[a-z0-9][a-z0-9._-]{1,63}$'), constraint external_id_not_blank check (btrim(external_id) <> ''));
alter table "external_id" add constraint "external_id_node_system_unique" unique ("node_type", "node_id", "system");
create unique index "external_id_unique" on "external_id" (coalesce("community_id", 0), "system", "node_type", "external_id");
alter table "external_id" add constraint "external_id_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;

create table "service_account_system" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "service_account_id" int not null, "community_id" int null, "system" varchar(64) not null, "revoked_at" timestamptz null, constraint service_account_system_format check (system ~ '^[a-z0-9][a-z0-9._-]{1,63}$'));
create unique index "service_account_system_active_unique" on "service_account_system" ("service_account_id", "system") where (revoked_at is null);
alter table "service_account_system" add constraint "service_account_system_service_account_id_foreign" foreign key ("service_account_id") references "service_account" ("id") on update cascade on delete restrict;
alter table "service_account_system" add constraint "service_account_system_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;
`;

const TRIGGERS = String.raw`
create function external_id_checks() returns trigger language plpgsql as $$
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
create trigger external_id_checks before insert or update of community_id, node_type, node_id on external_id
  for each row execute function external_id_checks();

create function service_account_system_checks() returns trigger language plpgsql as $$
begin
  select community_id into new.community_id from service_account where id = new.service_account_id;
  return new;
end $$;
create trigger service_account_system_checks before insert or update of community_id, service_account_id on service_account_system
  for each row execute function service_account_system_checks();
`;

// Districts' and streets' IDs (no community) are readable by all who reach the node; only the platform writes them.
const EXTERNAL_ID_POLICY = String.raw`
alter table external_id enable row level security;
alter table external_id force row level security;
create policy external_id_tenant on external_id
  using ((select lianxin_all_communities()) or community_id is null or community_id = any ((select lianxin_community_ids())::int[]))
  with check ((select lianxin_all_communities()) or community_id = any ((select lianxin_community_ids())::int[]));
`;

export class Migration20261202200000_external_ids extends Migration {
  override async up(): Promise<void> {
    this.addSql(TABLES);
    this.addSql(TRIGGERS);
    this.addSql(EXTERNAL_ID_POLICY);
    this.addSql(policy('service_account_system', 'community_id', ' or service_account_id = (select lianxin_service_account_id())'));
    this.addSql('grant select, insert, update on table external_id, service_account_system to lianxin_app;');
    this.addSql('grant usage, select on sequence external_id_id_seq, service_account_system_id_seq to lianxin_app;');
  }

  override async down(): Promise<void> {
    this.addSql(dropPolicy('service_account_system'));
    this.addSql('drop policy if exists external_id_tenant on external_id;');
    this.addSql('drop table if exists "service_account_system" cascade; drop table if exists "external_id" cascade;');
    this.addSql('drop function if exists external_id_checks(); drop function if exists service_account_system_checks();');
  }
}
