import { Migration } from '@mikro-orm/migrations';

export class Migration20261202400100_care extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "care_help_item" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "name" varchar(50) not null, "position" int not null, "retired_on" date null, constraint care_help_item_name_not_blank check (btrim(name) <> ''));`,
    );
    this.addSql(`alter table "care_help_item" add constraint "care_help_item_community_id_name_unique" unique ("community_id", "name");`);

    this.addSql(
      `create table "care_staff" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "person_id" int not null, "appointed_on" date not null, "ended_on" date null, "appointed_by" varchar(100) not null, constraint care_staff_period check (ended_on is null or ended_on >= appointed_on));`,
    );
    this.addSql(`create unique index "care_staff_active_unique" on "care_staff" ("person_id") where (ended_on is null);`);

    this.addSql(
      `create table "care_link" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "household_id" int not null, "member_id" int not null, "tag" varchar(20) not null, "consent_by" varchar(50) not null, "consented_on" date not null, "consent_scope" varchar(500) not null, "linked_on" date not null, "ended_on" date null, "ended_reason" varchar(200) null, "path" ltree not null default '', "org_path" ltree null, constraint care_link_tag_known check (array[tag]::text[] <@ array['ADVANCED_AGE', 'ELDERLY_ALONE', 'LOW_INCOME', 'DISABLED', 'SPECIAL_NEEDS']::text[]), constraint care_link_consent_before_link check (consented_on <= linked_on), constraint care_link_period check (ended_on is null or ended_on >= linked_on));`,
    );
    this.addSql(`create index "care_link_member_id_index" on "care_link" ("member_id");`);
    this.addSql(`create index "care_link_household_id_index" on "care_link" ("household_id");`);
    this.addSql(`create unique index "care_link_active_unique" on "care_link" ("household_id", "member_id") where (ended_on is null);`);

    this.addSql(
      `create table "care_visit" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "link_id" int not null, "help_item_id" int not null, "visited_on" date not null, "done" varchar(1000) not null, "outcome" text check ("outcome" in ('SOLVED', 'PASSED_ON', 'OPEN')) not null, "minutes_spent" int not null, "recorded_by" varchar(100) not null, constraint care_visit_done_not_blank check (btrim(done) <> ''), constraint care_visit_minutes check (minutes_spent >= 0 and minutes_spent <= 1440));`,
    );
    this.addSql(`create index "care_visit_link_id_visited_on_index" on "care_visit" ("link_id", "visited_on");`);

    this.addSql(
      `alter table "care_help_item" add constraint "care_help_item_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );

    this.addSql(
      `alter table "care_staff" add constraint "care_staff_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "care_staff" add constraint "care_staff_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "care_link" add constraint "care_link_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "care_link" add constraint "care_link_household_id_foreign" foreign key ("household_id") references "household" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "care_link" add constraint "care_link_member_id_foreign" foreign key ("member_id") references "person" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "care_visit" add constraint "care_visit_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "care_visit" add constraint "care_visit_link_id_foreign" foreign key ("link_id") references "care_link" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "care_visit" add constraint "care_visit_help_item_id_foreign" foreign key ("help_item_id") references "care_help_item" ("id") on update cascade on delete restrict;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "care_visit" drop constraint "care_visit_help_item_id_foreign";`);

    this.addSql(`alter table "care_visit" drop constraint "care_visit_link_id_foreign";`);

    this.addSql(`drop table if exists "care_help_item" cascade;`);

    this.addSql(`drop table if exists "care_staff" cascade;`);

    this.addSql(`drop table if exists "care_link" cascade;`);

    this.addSql(`drop table if exists "care_visit" cascade;`);
  }
}
