import { Migration } from '@mikro-orm/migrations';

/*
 * Services (generated from the entities): property companies, monthly service lists and items,
 * objections, quarterly evaluations; the community's flag thresholds. Triggers and row-level
 * security follow in service_rules.
 */

export class Migration20261123135500_services extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "property_company" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "name" varchar(100) not null, constraint property_company_name_not_blank check (btrim(name) <> ''));`,
    );
    this.addSql(
      `alter table "property_company" add constraint "property_company_community_id_name_unique" unique ("community_id", "name");`,
    );

    this.addSql(
      `create table "service_list" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "compound_id" int not null, "month" date not null, "provider" text check ("provider" in ('COMMITTEE', 'PROPERTY_COMPANY')) not null, "property_company_id" int null, "published_by" varchar(100) not null, constraint service_list_provider check ((provider = 'PROPERTY_COMPANY') = (property_company_id is not null)), constraint service_list_first_of_month check (extract(day from month) = 1));`,
    );
    this.addSql(`alter table "service_list" add constraint "service_list_compound_id_month_unique" unique ("compound_id", "month");`);

    this.addSql(
      `create table "service_item" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "list_id" int not null, "title" varchar(100) not null, "description" varchar(500) null, "schedule" varchar(200) null, constraint service_item_title_not_blank check (btrim(title) <> ''));`,
    );
    this.addSql(`create index "service_item_list_id_id_index" on "service_item" ("list_id", "id");`);

    this.addSql(
      `create table "service_objection" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "item_id" int not null, "household_id" int not null, "text" varchar(1000) not null, "raised_by" varchar(100) not null, "answer" varchar(1000) null, "answered_by" varchar(100) null, "answered_at" timestamptz null, constraint service_objection_answered check ((answer is null) = (answered_at is null)));`,
    );
    this.addSql(`create index "service_objection_item_id_id_index" on "service_objection" ("item_id", "id");`);

    this.addSql(
      `create table "service_evaluation" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "compound_id" int not null, "household_id" int not null, "quarter" date not null, "item_id" int null, "score" smallint not null, "comment" varchar(500) null, constraint service_evaluation_quarter_start check (extract(day from quarter) = 1 and extract(month from quarter)::int % 3 = 1), constraint service_evaluation_score check (score >= 1 and score <= 5));`,
    );
    this.addSql(`create index "service_evaluation_compound_id_quarter_index" on "service_evaluation" ("compound_id", "quarter");`);
    this.addSql(
      `create unique index "service_evaluation_once" on "service_evaluation" ("household_id", "quarter", coalesce("item_id", 0));`,
    );

    this.addSql(
      `alter table "property_company" add constraint "property_company_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );

    this.addSql(
      `alter table "service_list" add constraint "service_list_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "service_list" add constraint "service_list_compound_id_foreign" foreign key ("compound_id") references "compound" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "service_list" add constraint "service_list_property_company_id_foreign" foreign key ("property_company_id") references "property_company" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "service_item" add constraint "service_item_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "service_item" add constraint "service_item_list_id_foreign" foreign key ("list_id") references "service_list" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "service_objection" add constraint "service_objection_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "service_objection" add constraint "service_objection_item_id_foreign" foreign key ("item_id") references "service_item" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "service_objection" add constraint "service_objection_household_id_foreign" foreign key ("household_id") references "household" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "service_evaluation" add constraint "service_evaluation_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "service_evaluation" add constraint "service_evaluation_compound_id_foreign" foreign key ("compound_id") references "compound" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "service_evaluation" add constraint "service_evaluation_household_id_foreign" foreign key ("household_id") references "household" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "service_evaluation" add constraint "service_evaluation_item_id_foreign" foreign key ("item_id") references "service_item" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "community" add column "red_flag_min_score" smallint not null default 85, add column "yellow_flag_below_score" smallint not null default 60;`,
    );
    this.addSql(
      `alter table "community" add constraint community_flag_thresholds check(yellow_flag_below_score >= 0 and yellow_flag_below_score <= red_flag_min_score and red_flag_min_score <= 100);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "service_list" drop constraint "service_list_property_company_id_foreign";`);

    this.addSql(`alter table "service_item" drop constraint "service_item_list_id_foreign";`);

    this.addSql(`alter table "service_objection" drop constraint "service_objection_item_id_foreign";`);

    this.addSql(`alter table "service_evaluation" drop constraint "service_evaluation_item_id_foreign";`);

    this.addSql(`drop table if exists "property_company" cascade;`);

    this.addSql(`drop table if exists "service_list" cascade;`);

    this.addSql(`drop table if exists "service_item" cascade;`);

    this.addSql(`drop table if exists "service_objection" cascade;`);

    this.addSql(`drop table if exists "service_evaluation" cascade;`);

    this.addSql(`alter table "community" drop constraint community_flag_thresholds;`);
    this.addSql(`alter table "community" drop column "red_flag_min_score", drop column "yellow_flag_below_score";`);
  }
}
