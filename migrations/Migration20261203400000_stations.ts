import { Migration } from '@mikro-orm/migrations';

export class Migration20261203400000_stations extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "station_standard_item" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "name" varchar(50) not null, "position" int not null, "retired_on" date null, constraint station_standard_item_name_not_blank check (btrim(name) <> ''));`,
    );
    this.addSql(
      `alter table "station_standard_item" add constraint "station_standard_item_community_id_name_unique" unique ("community_id", "name");`,
    );

    this.addSql(
      `create table "service_station" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "compound_id" int null, "name" varchar(100) not null, "kind" text check ("kind" in ('PARTY_MASSES_STATION', 'CONVENIENCE_POST', 'CULTURE_SPORTS_CENTRE', 'SHARED_VENUE', 'OTHER')) not null, "area_square_meters" int null, "facilities" text[] not null default '{}', constraint service_station_area check (area_square_meters is null or (area_square_meters > 0 and area_square_meters <= 100000)), constraint service_station_name_not_blank check (btrim(name) <> ''));`,
    );

    this.addSql(
      `create table "station_roster_entry" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "station_id" int not null, "person_id" int not null, "weekday" int null, "starts_at" varchar(5) null, "ends_at" varchar(5) null, "from_on" date not null, "until_on" date null, constraint station_roster_entry_dates check (until_on is null or until_on >= from_on), constraint station_roster_entry_slot check ((weekday is null and starts_at is null and ends_at is null) or (weekday >= 1 and weekday <= 7 and starts_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]\$' and ends_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]\$' and ends_at > starts_at)));`,
    );
    this.addSql(`create index "station_roster_entry_station_id_index" on "station_roster_entry" ("station_id");`);

    this.addSql(
      `create table "station_opening_slot" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "station_id" int not null, "weekday" int not null, "opens_at" varchar(5) not null, "closes_at" varchar(5) not null, constraint station_opening_slot_times check (opens_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]\$' and closes_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]\$' and closes_at > opens_at), constraint station_opening_slot_weekday check (weekday >= 1 and weekday <= 7));`,
    );

    this.addSql(
      `create table "station_inspection" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "station_id" int not null, "inspected_on" date not null, "inspector" varchar(100) not null, "photos" text[] not null default '{}', "note" varchar(500) null, "recorded_by" varchar(100) not null, constraint station_inspection_inspector_not_blank check (btrim(inspector) <> ''));`,
    );
    this.addSql(`create index "station_inspection_station_id_index" on "station_inspection" ("station_id");`);

    this.addSql(
      `create table "station_inspection_item" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "inspection_id" int not null, "item_id" int not null, "met" boolean not null);`,
    );
    this.addSql(
      `alter table "station_inspection_item" add constraint "station_inspection_item_inspection_id_item_id_unique" unique ("inspection_id", "item_id");`,
    );

    this.addSql(
      `create table "station_check_in" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "station_id" int not null, "person_id" int not null, "checked_in_at" timestamptz not null, "checked_out_at" timestamptz null, constraint station_check_in_order check (checked_out_at is null or checked_out_at >= checked_in_at));`,
    );
    this.addSql(`create unique index "station_check_in_one_open" on "station_check_in" ("person_id") where (checked_out_at is null);`);
    this.addSql(`create index "station_check_in_station_id_checked_in_at_index" on "station_check_in" ("station_id", "checked_in_at");`);

    this.addSql(
      `create table "grid_unit" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "name" varchar(100) not null, "station_id" int null, constraint grid_unit_name_not_blank check (btrim(name) <> ''));`,
    );
    this.addSql(`alter table "grid_unit" add constraint "grid_unit_community_id_name_unique" unique ("community_id", "name");`);

    this.addSql(
      `create table "grid_posting" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "grid_id" int not null, "person_id" int not null, "post" text check ("post" in ('CHIEF', 'WORKER')) not null, "started_on" date not null, "ended_on" date null, constraint grid_posting_dates check (ended_on is null or ended_on >= started_on));`,
    );
    this.addSql(`create unique index "grid_posting_one_chief" on "grid_posting" ("grid_id") where (ended_on is null and post = 'CHIEF');`);
    this.addSql(`create unique index "grid_posting_one_active" on "grid_posting" ("grid_id", "person_id") where (ended_on is null);`);
    this.addSql(`create index "grid_posting_grid_id_index" on "grid_posting" ("grid_id");`);

    this.addSql(
      `create table "grid_area" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "grid_id" int not null, "compound_id" int not null, "building_id" int null);`,
    );

    this.addSql(
      `create table "grid_posting_binding" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "posting_id" int not null, "role_binding_id" int not null);`,
    );
    this.addSql(
      `alter table "grid_posting_binding" add constraint "grid_posting_binding_role_binding_id_unique" unique ("role_binding_id");`,
    );

    this.addSql(
      `alter table "station_standard_item" add constraint "station_standard_item_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );

    this.addSql(
      `alter table "service_station" add constraint "service_station_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "service_station" add constraint "service_station_compound_id_foreign" foreign key ("compound_id") references "compound" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "station_roster_entry" add constraint "station_roster_entry_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "station_roster_entry" add constraint "station_roster_entry_station_id_foreign" foreign key ("station_id") references "service_station" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "station_roster_entry" add constraint "station_roster_entry_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "station_opening_slot" add constraint "station_opening_slot_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "station_opening_slot" add constraint "station_opening_slot_station_id_foreign" foreign key ("station_id") references "service_station" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "station_inspection" add constraint "station_inspection_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "station_inspection" add constraint "station_inspection_station_id_foreign" foreign key ("station_id") references "service_station" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "station_inspection_item" add constraint "station_inspection_item_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "station_inspection_item" add constraint "station_inspection_item_inspection_id_foreign" foreign key ("inspection_id") references "station_inspection" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "station_inspection_item" add constraint "station_inspection_item_item_id_foreign" foreign key ("item_id") references "station_standard_item" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "station_check_in" add constraint "station_check_in_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "station_check_in" add constraint "station_check_in_station_id_foreign" foreign key ("station_id") references "service_station" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "station_check_in" add constraint "station_check_in_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "grid_unit" add constraint "grid_unit_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "grid_unit" add constraint "grid_unit_station_id_foreign" foreign key ("station_id") references "service_station" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "grid_posting" add constraint "grid_posting_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "grid_posting" add constraint "grid_posting_grid_id_foreign" foreign key ("grid_id") references "grid_unit" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "grid_posting" add constraint "grid_posting_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "grid_area" add constraint "grid_area_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "grid_area" add constraint "grid_area_grid_id_foreign" foreign key ("grid_id") references "grid_unit" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "grid_area" add constraint "grid_area_compound_id_foreign" foreign key ("compound_id") references "compound" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "grid_area" add constraint "grid_area_building_id_foreign" foreign key ("building_id") references "building" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "grid_posting_binding" add constraint "grid_posting_binding_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "grid_posting_binding" add constraint "grid_posting_binding_posting_id_foreign" foreign key ("posting_id") references "grid_posting" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "grid_posting_binding" add constraint "grid_posting_binding_role_binding_id_foreign" foreign key ("role_binding_id") references "role_binding" ("id") on update cascade on delete restrict;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "station_inspection_item" drop constraint "station_inspection_item_item_id_foreign";`);

    this.addSql(`alter table "station_roster_entry" drop constraint "station_roster_entry_station_id_foreign";`);

    this.addSql(`alter table "station_opening_slot" drop constraint "station_opening_slot_station_id_foreign";`);

    this.addSql(`alter table "station_inspection" drop constraint "station_inspection_station_id_foreign";`);

    this.addSql(`alter table "station_check_in" drop constraint "station_check_in_station_id_foreign";`);

    this.addSql(`alter table "grid_unit" drop constraint "grid_unit_station_id_foreign";`);

    this.addSql(`alter table "station_inspection_item" drop constraint "station_inspection_item_inspection_id_foreign";`);

    this.addSql(`alter table "grid_posting" drop constraint "grid_posting_grid_id_foreign";`);

    this.addSql(`alter table "grid_area" drop constraint "grid_area_grid_id_foreign";`);

    this.addSql(`alter table "grid_posting_binding" drop constraint "grid_posting_binding_posting_id_foreign";`);

    this.addSql(`drop table if exists "station_standard_item" cascade;`);

    this.addSql(`drop table if exists "service_station" cascade;`);

    this.addSql(`drop table if exists "station_roster_entry" cascade;`);

    this.addSql(`drop table if exists "station_opening_slot" cascade;`);

    this.addSql(`drop table if exists "station_inspection" cascade;`);

    this.addSql(`drop table if exists "station_inspection_item" cascade;`);

    this.addSql(`drop table if exists "station_check_in" cascade;`);

    this.addSql(`drop table if exists "grid_unit" cascade;`);

    this.addSql(`drop table if exists "grid_posting" cascade;`);

    this.addSql(`drop table if exists "grid_area" cascade;`);

    this.addSql(`drop table if exists "grid_posting_binding" cascade;`);
  }
}
