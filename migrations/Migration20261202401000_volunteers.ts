import { Migration } from '@mikro-orm/migrations';

export class Migration20261202401000_volunteers extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "volunteer_team" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "compound_id" int null, "name" varchar(100) not null, "kind" text check ("kind" in ('PATROL', 'CULTURE', 'ENVIRONMENT', 'MEDIATION', 'ELDER_CARE', 'PARTY_MEMBER', 'OTHER')) not null, "leader_id" int null, constraint volunteer_team_name_not_blank check (btrim(name) <> ''));`,
    );

    this.addSql(
      `create table "volunteer_honour" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "compound_id" int null, "team_id" int null, "person_id" int null, "title" varchar(100) not null, "awarded_by" varchar(100) not null, "awarded_on" date not null, constraint volunteer_honour_title_not_blank check (btrim(title) <> ''));`,
    );

    this.addSql(
      `create table "volunteer_activity" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "team_id" int not null, "title" varchar(100) not null, "starts_at" timestamptz not null, "duration_minutes" int not null, "recurrence" varchar(200) null, "place" varchar(200) null, "check_in_code" varchar(32) not null, constraint volunteer_activity_title_not_blank check (btrim(title) <> ''), constraint volunteer_activity_duration check (duration_minutes > 0 and duration_minutes <= 1440));`,
    );
    this.addSql(`create index "volunteer_activity_team_id_index" on "volunteer_activity" ("team_id");`);

    this.addSql(
      `create table "volunteer_hours" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "team_id" int not null, "person_id" int not null, "activity_id" int null, "served_on" date not null, "minutes" int not null, "reverses_id" int null, "reason" varchar(200) null, "recorded_by" varchar(100) not null, constraint volunteer_hours_reversal_negative check (reverses_id is null or minutes < 0), constraint volunteer_hours_nonzero check (minutes <> 0 and minutes >= -1440 and minutes <= 1440));`,
    );
    this.addSql(`alter table "volunteer_hours" add constraint "volunteer_hours_reverses_unique" unique ("reverses_id");`);
    this.addSql(`create index "volunteer_hours_team_id_index" on "volunteer_hours" ("team_id");`);
    this.addSql(`create index "volunteer_hours_person_id_index" on "volunteer_hours" ("person_id");`);

    this.addSql(
      `create table "volunteer_attendance" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "activity_id" int not null, "person_id" int not null, "occurs_on" date not null, "signed_up_at" timestamptz null, "checked_in_at" timestamptz null, "checked_out_at" timestamptz null, constraint volunteer_attendance_order check (checked_out_at is null or (checked_in_at is not null and checked_out_at >= checked_in_at)));`,
    );
    this.addSql(
      `alter table "volunteer_attendance" add constraint "volunteer_attendance_activity_id_person_id_occurs_on_unique" unique ("activity_id", "person_id", "occurs_on");`,
    );

    this.addSql(
      `alter table "volunteer_team" add constraint "volunteer_team_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "volunteer_team" add constraint "volunteer_team_compound_id_foreign" foreign key ("compound_id") references "compound" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "volunteer_team" add constraint "volunteer_team_leader_id_foreign" foreign key ("leader_id") references "person" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "volunteer_honour" add constraint "volunteer_honour_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "volunteer_honour" add constraint "volunteer_honour_compound_id_foreign" foreign key ("compound_id") references "compound" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "volunteer_honour" add constraint "volunteer_honour_team_id_foreign" foreign key ("team_id") references "volunteer_team" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "volunteer_honour" add constraint "volunteer_honour_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "volunteer_activity" add constraint "volunteer_activity_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "volunteer_activity" add constraint "volunteer_activity_team_id_foreign" foreign key ("team_id") references "volunteer_team" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "volunteer_hours" add constraint "volunteer_hours_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "volunteer_hours" add constraint "volunteer_hours_team_id_foreign" foreign key ("team_id") references "volunteer_team" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "volunteer_hours" add constraint "volunteer_hours_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "volunteer_hours" add constraint "volunteer_hours_activity_id_foreign" foreign key ("activity_id") references "volunteer_activity" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "volunteer_hours" add constraint "volunteer_hours_reverses_id_foreign" foreign key ("reverses_id") references "volunteer_hours" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "volunteer_attendance" add constraint "volunteer_attendance_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "volunteer_attendance" add constraint "volunteer_attendance_activity_id_foreign" foreign key ("activity_id") references "volunteer_activity" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "volunteer_attendance" add constraint "volunteer_attendance_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade on delete restrict;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "volunteer_honour" drop constraint "volunteer_honour_team_id_foreign";`);

    this.addSql(`alter table "volunteer_activity" drop constraint "volunteer_activity_team_id_foreign";`);

    this.addSql(`alter table "volunteer_hours" drop constraint "volunteer_hours_team_id_foreign";`);

    this.addSql(`alter table "volunteer_hours" drop constraint "volunteer_hours_activity_id_foreign";`);

    this.addSql(`alter table "volunteer_attendance" drop constraint "volunteer_attendance_activity_id_foreign";`);

    this.addSql(`alter table "volunteer_hours" drop constraint "volunteer_hours_reverses_id_foreign";`);

    this.addSql(`drop table if exists "volunteer_team" cascade;`);

    this.addSql(`drop table if exists "volunteer_honour" cascade;`);

    this.addSql(`drop table if exists "volunteer_activity" cascade;`);

    this.addSql(`drop table if exists "volunteer_hours" cascade;`);

    this.addSql(`drop table if exists "volunteer_attendance" cascade;`);
  }
}
