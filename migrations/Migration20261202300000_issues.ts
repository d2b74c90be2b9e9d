import { Migration } from '@mikro-orm/migrations';

export class Migration20261202300000_issues extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "issue_settings" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "categories" text[] not null, "sla" jsonb not null, "reopen_days" smallint not null, constraint issue_settings_reopen_days check (reopen_days >= 0 and reopen_days <= 90));`,
    );
    this.addSql(`alter table "issue_settings" add constraint "issue_settings_community_id_unique" unique ("community_id");`);

    this.addSql(
      `create table "resident_issue" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "household_id" int not null, "compound_id" int not null, "path" ltree not null default '', "org_path" ltree null, "subject" text check ("subject" in ('HOUSEHOLD', 'BUILDING', 'COMPOUND', 'SPOT')) not null, "spot" varchar(100) null, "category" varchar(50) not null, "priority" text check ("priority" in ('NORMAL', 'URGENT')) not null, "text" varchar(2000) not null, "location" varchar(200) null, "photos" text[] not null default '{}', "name_visible" boolean not null, "reporter_user_id" int not null, "reporter_name" varchar(100) not null, "status" text check ("status" in ('REPORTED', 'ACCEPTED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED', 'ESCALATED', 'REJECTED', 'REOPENED')) not null, "level" text check ("level" in ('BUILDING_GROUP', 'BRANCH', 'COMMUNITY', 'STREET')) not null, "due_at" timestamptz null, "reported_at" timestamptz not null, "resolved_at" timestamptz null, "closed_at" timestamptz null, "rejection_reason" varchar(500) null, "rating" smallint null, "rating_comment" varchar(500) null, constraint resident_issue_rejected check ((status = 'REJECTED') = (rejection_reason is not null)), constraint resident_issue_spot check ((subject = 'SPOT') = (spot is not null)), constraint resident_issue_rating check (rating is null or (rating >= 1 and rating <= 5)), constraint resident_issue_text_not_blank check (btrim(text) <> ''));`,
    );
    this.addSql(`create index "resident_issue_reporter_user_id_id_index" on "resident_issue" ("reporter_user_id", "id");`);
    this.addSql(`create index "resident_issue_compound_id_id_index" on "resident_issue" ("compound_id", "id");`);

    this.addSql(
      `create table "issue_step" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "issue_id" int not null, "from_status" text check ("from_status" in ('REPORTED', 'ACCEPTED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED', 'ESCALATED', 'REJECTED', 'REOPENED')) null, "to_status" text check ("to_status" in ('REPORTED', 'ACCEPTED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED', 'ESCALATED', 'REJECTED', 'REOPENED')) not null, "level" text check ("level" in ('BUILDING_GROUP', 'BRANCH', 'COMMUNITY', 'STREET')) not null, "actor" varchar(100) not null, "role" varchar(40) not null, "at" timestamptz not null, "note" varchar(1000) null);`,
    );
    this.addSql(`create index "issue_step_issue_id_id_index" on "issue_step" ("issue_id", "id");`);

    this.addSql(
      `create table "escalation" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "issue_id" int not null, "from_level" text check ("from_level" in ('BUILDING_GROUP', 'BRANCH', 'COMMUNITY', 'STREET')) not null, "to_level" text check ("to_level" in ('BUILDING_GROUP', 'BRANCH', 'COMMUNITY', 'STREET')) not null, "missed_deadline" timestamptz null, "at" timestamptz not null, "actor" varchar(100) not null, "note" varchar(1000) null);`,
    );
    this.addSql(
      `create unique index "escalation_once_per_deadline" on "escalation" ("issue_id", "missed_deadline") where "missed_deadline" is not null;`,
    );
    this.addSql(`create index "escalation_issue_id_id_index" on "escalation" ("issue_id", "id");`);

    this.addSql(
      `alter table "issue_settings" add constraint "issue_settings_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );

    this.addSql(
      `alter table "resident_issue" add constraint "resident_issue_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "resident_issue" add constraint "resident_issue_household_id_foreign" foreign key ("household_id") references "household" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "resident_issue" add constraint "resident_issue_compound_id_foreign" foreign key ("compound_id") references "compound" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "issue_step" add constraint "issue_step_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "issue_step" add constraint "issue_step_issue_id_foreign" foreign key ("issue_id") references "resident_issue" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "escalation" add constraint "escalation_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "escalation" add constraint "escalation_issue_id_foreign" foreign key ("issue_id") references "resident_issue" ("id") on update cascade on delete restrict;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "issue_step" drop constraint "issue_step_issue_id_foreign";`);

    this.addSql(`alter table "escalation" drop constraint "escalation_issue_id_foreign";`);

    this.addSql(`drop table if exists "issue_settings" cascade;`);

    this.addSql(`drop table if exists "resident_issue" cascade;`);

    this.addSql(`drop table if exists "issue_step" cascade;`);

    this.addSql(`drop table if exists "escalation" cascade;`);
  }
}
