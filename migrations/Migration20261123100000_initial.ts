import { Migration } from '@mikro-orm/migrations';

export class Migration20261123100000_initial extends Migration {
  override async up(): Promise<void> {
    // ltree holds the materialized ancestry of every hierarchy node (a trusted extension since PostgreSQL 13).
    this.addSql(`create extension if not exists ltree;`);
    this.addSql(
      `create table "district" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "archived_at" timestamptz null, "path" ltree not null default '', "name" varchar(100) not null, "city" varchar(100) not null, constraint district_name_not_blank check (btrim(name) <> ''));`,
    );
    this.addSql(`alter table "district" add constraint "district_city_name_unique" unique ("city", "name");`);

    this.addSql(
      `create table "street" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "archived_at" timestamptz null, "path" ltree not null default '', "district_id" int not null, "name" varchar(100) not null, constraint street_name_not_blank check (btrim(name) <> ''));`,
    );
    this.addSql(`alter table "street" add constraint "street_district_id_name_unique" unique ("district_id", "name");`);

    this.addSql(
      `create table "community" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "archived_at" timestamptz null, "path" ltree not null default '', "district_id" int not null, "street_id" int not null, "name" varchar(100) not null, "area_km2" numeric(8,2) null, "registered_residents" int null, constraint community_residents_non_negative check (registered_residents is null or registered_residents >= 0), constraint community_area_positive check (area_km2 is null or area_km2 > 0), constraint community_name_not_blank check (btrim(name) <> ''));`,
    );
    this.addSql(`create index "community_district_id_index" on "community" ("district_id");`);
    this.addSql(`alter table "community" add constraint "community_street_id_name_unique" unique ("street_id", "name");`);

    this.addSql(
      `create table "unit" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "archived_at" timestamptz null, "community_id" int not null, "path" ltree not null default '', "org_path" ltree null, "building_id" int not null, "name" varchar(50) not null, constraint unit_name_not_blank check (btrim(name) <> ''));`,
    );
    this.addSql(`create index "unit_building_id_id_index" on "unit" ("building_id", "id");`);
    this.addSql(`alter table "unit" add constraint "unit_building_id_name_unique" unique ("building_id", "name");`);

    this.addSql(
      `create table "household" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "archived_at" timestamptz null, "community_id" int not null, "path" ltree not null default '', "org_path" ltree null, "compound_id" int not null, "building_id" int not null, "unit_id" int not null, "door_no" varchar(20) not null, "area_sqm" numeric(8,2) null, constraint household_area_range check (area_sqm is null or (area_sqm > 0 and area_sqm < 10000)), constraint household_door_no_not_blank check (btrim(door_no) <> ''));`,
    );
    this.addSql(`create index "household_community_id_index" on "household" ("community_id");`);
    this.addSql(`create index "household_compound_id_index" on "household" ("compound_id");`);
    this.addSql(`create index "household_building_id_id_index" on "household" ("building_id", "id");`);
    this.addSql(`alter table "household" add constraint "household_unit_id_door_no_unique" unique ("unit_id", "door_no");`);

    this.addSql(
      `create table "person" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "archived_at" timestamptz null, "community_id" int not null, "household_id" int null, "name" varchar(50) not null, "gender" text check ("gender" in ('FEMALE', 'MALE')) null, "birth_year" smallint null, "path" ltree not null default '', "org_path" ltree null, constraint person_birth_year_range check (birth_year is null or (birth_year >= 1900 and birth_year <= 2100)), constraint person_name_not_blank check (btrim(name) <> ''));`,
    );
    this.addSql(`create index "person_community_id_index" on "person" ("community_id");`);
    this.addSql(`create index "person_household_id_id_index" on "person" ("household_id", "id");`);

    this.addSql(
      `create table "community_committee" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "archived_at" timestamptz null, "community_id" int not null, "name" varchar(100) not null, "brand_name" varchar(100) null, "secretary_id" int null, constraint community_committee_name_not_blank check (btrim(name) <> ''));`,
    );
    this.addSql(`alter table "community_committee" add constraint "community_committee_community_id_unique" unique ("community_id");`);

    this.addSql(
      `create table "compound_branch" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "archived_at" timestamptz null, "community_id" int not null, "path" ltree not null default '', "committee_id" int not null, "name" varchar(100) not null, "kind" text check ("kind" in ('STANDALONE', 'JOINT')) not null, "established_on" date null, "secretary_id" int null, constraint compound_branch_name_not_blank check (btrim(name) <> ''));`,
    );
    this.addSql(`alter table "compound_branch" add constraint "compound_branch_community_id_name_unique" unique ("community_id", "name");`);

    this.addSql(
      `create table "party_membership" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "person_id" int not null, "branch_id" int null, "organization_relation" text check ("organization_relation" in ('LOCAL', 'EXTERNAL')) not null, "status" text check ("status" in ('PROBATIONARY', 'FULL')) not null, "home_organization" varchar(200) null, "joined_on" date null, "ended_on" date null, constraint party_membership_external_has_home check (organization_relation <> 'EXTERNAL' or home_organization is not null), constraint party_membership_local_has_branch check (organization_relation <> 'LOCAL' or branch_id is not null), constraint party_membership_period check (ended_on is null or joined_on is null or ended_on >= joined_on));`,
    );
    this.addSql(`create index "party_membership_branch_id_index" on "party_membership" ("branch_id");`);
    this.addSql(`create index "party_membership_person_id_index" on "party_membership" ("person_id");`);
    this.addSql(`create unique index "party_membership_active_unique" on "party_membership" ("person_id") where (ended_on is null);`);

    this.addSql(
      `create table "compound" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "archived_at" timestamptz null, "community_id" int not null, "path" ltree not null default '', "org_path" ltree null, "name" varchar(100) not null, "property_mode" text check ("property_mode" in ('NONE', 'COMPANY', 'SELF_MANAGED', 'RED_PROPERTY')) not null, "built_year" smallint null, "branch_id" int null, constraint compound_built_year_range check (built_year is null or (built_year >= 1900 and built_year <= 2100)), constraint compound_name_not_blank check (btrim(name) <> ''));`,
    );
    this.addSql(`create index "compound_branch_id_index" on "compound" ("branch_id");`);
    this.addSql(`create index "compound_community_id_id_index" on "compound" ("community_id", "id");`);
    this.addSql(`alter table "compound" add constraint "compound_community_id_name_unique" unique ("community_id", "name");`);

    this.addSql(
      `create table "compound_branch_assignment" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "compound_id" int not null, "branch_id" int not null, "since" date not null, "until" date null, "reason" text check ("reason" in ('ASSIGNED', 'GRADUATED', 'REASSIGNED')) not null, constraint compound_branch_assignment_period check (until is null or until >= since));`,
    );
    this.addSql(`create index "compound_branch_assignment_branch_id_index" on "compound_branch_assignment" ("branch_id");`);
    this.addSql(
      `create unique index "compound_branch_assignment_open_unique" on "compound_branch_assignment" ("compound_id") where (until is null);`,
    );
    this.addSql(
      `create index "compound_branch_assignment_compound_id_since_index" on "compound_branch_assignment" ("compound_id", "since");`,
    );

    this.addSql(
      `create table "building_group" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "archived_at" timestamptz null, "community_id" int not null, "path" ltree not null default '', "branch_id" int not null, "name" varchar(100) not null, "leader_id" int null, constraint building_group_name_not_blank check (btrim(name) <> ''));`,
    );
    this.addSql(`alter table "building_group" add constraint "building_group_branch_id_name_unique" unique ("branch_id", "name");`);

    this.addSql(
      `create table "building" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "archived_at" timestamptz null, "community_id" int not null, "path" ltree not null default '', "org_path" ltree null, "compound_id" int not null, "group_id" int null, "name" varchar(50) not null, "floors" smallint null, constraint building_floors_range check (floors is null or (floors >= 1 and floors <= 200)), constraint building_name_not_blank check (btrim(name) <> ''));`,
    );
    this.addSql(`create index "building_group_id_index" on "building" ("group_id");`);
    this.addSql(`create index "building_compound_id_id_index" on "building" ("compound_id", "id");`);
    this.addSql(`alter table "building" add constraint "building_compound_id_name_unique" unique ("compound_id", "name");`);

    this.addSql(
      `create table "member_household" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "archived_at" timestamptz null, "community_id" int not null, "path" ltree not null default '', "org_path" ltree null, "household_id" int not null, "designated_on" date not null, "undesignated_on" date null, "displays_plate" boolean not null default true, "duties" varchar(500) null, "pledge" varchar(500) null, "specialties" varchar(500) null, constraint member_household_period check (undesignated_on is null or undesignated_on >= designated_on));`,
    );
    this.addSql(`create index "member_household_household_id_index" on "member_household" ("household_id");`);
    this.addSql(
      `create unique index "member_household_active_unique" on "member_household" ("household_id") where (undesignated_on is null);`,
    );

    this.addSql(
      `create table "duty_assignment" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "person_id" int not null, "role" text check ("role" in ('BUILDING_HEAD', 'UNIT_HEAD', 'POLICY_PUBLICIST', 'SENTIMENT_INFORMANT', 'SAFETY_PATROLLER', 'CIVILITY_PERSUADER')) not null, "compound_id" int not null, "building_id" int null, "unit_id" int null, "started_on" date not null, "ended_on" date null, constraint duty_assignment_unit_head_has_unit check (role <> 'UNIT_HEAD' or unit_id is not null), constraint duty_assignment_building_head_has_building check (role <> 'BUILDING_HEAD' or building_id is not null), constraint duty_assignment_period check (ended_on is null or ended_on >= started_on));`,
    );
    this.addSql(
      `create unique index "duty_assignment_unit_head_unique" on "duty_assignment" ("unit_id") where (role = 'UNIT_HEAD' and ended_on is null);`,
    );
    this.addSql(
      `create unique index "duty_assignment_building_head_unique" on "duty_assignment" ("building_id") where (role = 'BUILDING_HEAD' and ended_on is null);`,
    );
    this.addSql(`create index "duty_assignment_compound_id_index" on "duty_assignment" ("compound_id");`);
    this.addSql(`create index "duty_assignment_person_id_index" on "duty_assignment" ("person_id");`);

    this.addSql(
      `alter table "street" add constraint "street_district_id_foreign" foreign key ("district_id") references "district" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "community" add constraint "community_district_id_foreign" foreign key ("district_id") references "district" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "community" add constraint "community_street_id_foreign" foreign key ("street_id") references "street" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "unit" add constraint "unit_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "unit" add constraint "unit_building_id_foreign" foreign key ("building_id") references "building" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "household" add constraint "household_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "household" add constraint "household_compound_id_foreign" foreign key ("compound_id") references "compound" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "household" add constraint "household_building_id_foreign" foreign key ("building_id") references "building" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "household" add constraint "household_unit_id_foreign" foreign key ("unit_id") references "unit" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "person" add constraint "person_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "person" add constraint "person_household_id_foreign" foreign key ("household_id") references "household" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "community_committee" add constraint "community_committee_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "community_committee" add constraint "community_committee_secretary_id_foreign" foreign key ("secretary_id") references "person" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "compound_branch" add constraint "compound_branch_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "compound_branch" add constraint "compound_branch_committee_id_foreign" foreign key ("committee_id") references "community_committee" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "compound_branch" add constraint "compound_branch_secretary_id_foreign" foreign key ("secretary_id") references "person" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "party_membership" add constraint "party_membership_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "party_membership" add constraint "party_membership_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "party_membership" add constraint "party_membership_branch_id_foreign" foreign key ("branch_id") references "compound_branch" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "compound" add constraint "compound_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "compound" add constraint "compound_branch_id_foreign" foreign key ("branch_id") references "compound_branch" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "compound_branch_assignment" add constraint "compound_branch_assignment_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "compound_branch_assignment" add constraint "compound_branch_assignment_compound_id_foreign" foreign key ("compound_id") references "compound" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "compound_branch_assignment" add constraint "compound_branch_assignment_branch_id_foreign" foreign key ("branch_id") references "compound_branch" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "building_group" add constraint "building_group_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "building_group" add constraint "building_group_branch_id_foreign" foreign key ("branch_id") references "compound_branch" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "building_group" add constraint "building_group_leader_id_foreign" foreign key ("leader_id") references "person" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "building" add constraint "building_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "building" add constraint "building_compound_id_foreign" foreign key ("compound_id") references "compound" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "building" add constraint "building_group_id_foreign" foreign key ("group_id") references "building_group" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "member_household" add constraint "member_household_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "member_household" add constraint "member_household_household_id_foreign" foreign key ("household_id") references "household" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "duty_assignment" add constraint "duty_assignment_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "duty_assignment" add constraint "duty_assignment_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "duty_assignment" add constraint "duty_assignment_compound_id_foreign" foreign key ("compound_id") references "compound" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "duty_assignment" add constraint "duty_assignment_building_id_foreign" foreign key ("building_id") references "building" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "duty_assignment" add constraint "duty_assignment_unit_id_foreign" foreign key ("unit_id") references "unit" ("id") on update cascade on delete restrict;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "street" drop constraint "street_district_id_foreign";`);

    this.addSql(`alter table "community" drop constraint "community_district_id_foreign";`);

    this.addSql(`alter table "community" drop constraint "community_street_id_foreign";`);

    this.addSql(`alter table "unit" drop constraint "unit_community_id_foreign";`);

    this.addSql(`alter table "household" drop constraint "household_community_id_foreign";`);

    this.addSql(`alter table "person" drop constraint "person_community_id_foreign";`);

    this.addSql(`alter table "community_committee" drop constraint "community_committee_community_id_foreign";`);

    this.addSql(`alter table "compound_branch" drop constraint "compound_branch_community_id_foreign";`);

    this.addSql(`alter table "party_membership" drop constraint "party_membership_community_id_foreign";`);

    this.addSql(`alter table "compound" drop constraint "compound_community_id_foreign";`);

    this.addSql(`alter table "compound_branch_assignment" drop constraint "compound_branch_assignment_community_id_foreign";`);

    this.addSql(`alter table "building_group" drop constraint "building_group_community_id_foreign";`);

    this.addSql(`alter table "building" drop constraint "building_community_id_foreign";`);

    this.addSql(`alter table "member_household" drop constraint "member_household_community_id_foreign";`);

    this.addSql(`alter table "duty_assignment" drop constraint "duty_assignment_community_id_foreign";`);

    this.addSql(`alter table "household" drop constraint "household_unit_id_foreign";`);

    this.addSql(`alter table "duty_assignment" drop constraint "duty_assignment_unit_id_foreign";`);

    this.addSql(`alter table "person" drop constraint "person_household_id_foreign";`);

    this.addSql(`alter table "member_household" drop constraint "member_household_household_id_foreign";`);

    this.addSql(`alter table "community_committee" drop constraint "community_committee_secretary_id_foreign";`);

    this.addSql(`alter table "compound_branch" drop constraint "compound_branch_secretary_id_foreign";`);

    this.addSql(`alter table "party_membership" drop constraint "party_membership_person_id_foreign";`);

    this.addSql(`alter table "building_group" drop constraint "building_group_leader_id_foreign";`);

    this.addSql(`alter table "duty_assignment" drop constraint "duty_assignment_person_id_foreign";`);

    this.addSql(`alter table "compound_branch" drop constraint "compound_branch_committee_id_foreign";`);

    this.addSql(`alter table "party_membership" drop constraint "party_membership_branch_id_foreign";`);

    this.addSql(`alter table "compound" drop constraint "compound_branch_id_foreign";`);

    this.addSql(`alter table "compound_branch_assignment" drop constraint "compound_branch_assignment_branch_id_foreign";`);

    this.addSql(`alter table "building_group" drop constraint "building_group_branch_id_foreign";`);

    this.addSql(`alter table "household" drop constraint "household_compound_id_foreign";`);

    this.addSql(`alter table "compound_branch_assignment" drop constraint "compound_branch_assignment_compound_id_foreign";`);

    this.addSql(`alter table "building" drop constraint "building_compound_id_foreign";`);

    this.addSql(`alter table "duty_assignment" drop constraint "duty_assignment_compound_id_foreign";`);

    this.addSql(`alter table "building" drop constraint "building_group_id_foreign";`);

    this.addSql(`alter table "unit" drop constraint "unit_building_id_foreign";`);

    this.addSql(`alter table "household" drop constraint "household_building_id_foreign";`);

    this.addSql(`alter table "duty_assignment" drop constraint "duty_assignment_building_id_foreign";`);

    this.addSql(`drop table if exists "district" cascade;`);

    this.addSql(`drop table if exists "street" cascade;`);

    this.addSql(`drop table if exists "community" cascade;`);

    this.addSql(`drop table if exists "unit" cascade;`);

    this.addSql(`drop table if exists "household" cascade;`);

    this.addSql(`drop table if exists "person" cascade;`);

    this.addSql(`drop table if exists "community_committee" cascade;`);

    this.addSql(`drop table if exists "compound_branch" cascade;`);

    this.addSql(`drop table if exists "party_membership" cascade;`);

    this.addSql(`drop table if exists "compound" cascade;`);

    this.addSql(`drop table if exists "compound_branch_assignment" cascade;`);

    this.addSql(`drop table if exists "building_group" cascade;`);

    this.addSql(`drop table if exists "building" cascade;`);

    this.addSql(`drop table if exists "member_household" cascade;`);

    this.addSql(`drop table if exists "duty_assignment" cascade;`);
  }
}
