import { Migration } from '@mikro-orm/migrations';

export class Migration20261202300400_meeting_schedules extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "meeting_schedule" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "compound_id" int null, "kind" text check ("kind" in ('THIRDS', 'FRIDAY_OFFICE_HOUR', 'QUARTERLY_JOINT', 'CUSTOM')) not null, "title" varchar(100) not null, "rule" varchar(200) not null, "starts_on" date not null, "start_time" varchar(5) not null, "next_working_day" boolean not null, "holidays" date[] not null default '{}', constraint meeting_schedule_start_time check (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]\$'), constraint meeting_schedule_title_not_blank check (btrim(title) <> ''));`,
    );
    this.addSql(`create index "meeting_schedule_community_id_id_index" on "meeting_schedule" ("community_id", "id");`);

    this.addSql(
      `alter table "meeting_schedule" add constraint "meeting_schedule_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "meeting_schedule" add constraint "meeting_schedule_compound_id_foreign" foreign key ("compound_id") references "compound" ("id") on update cascade on delete restrict;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "meeting_schedule" cascade;`);
  }
}
