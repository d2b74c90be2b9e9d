import { Migration } from '@mikro-orm/migrations';

export class Migration20261203100000_meeting_occurrences extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "meeting_occurrence" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "schedule_id" int null, "compound_id" int null, "kind" text check ("kind" in ('THIRDS', 'OFFICE_HOUR', 'QUARTERLY_JOINT', 'BRANCH_MEETING', 'GROUP_MEETING', 'OWNERS_ASSEMBLY', 'PARTY_ASSEMBLY', 'OTHER')) not null, "title" varchar(100) not null, "starts_at" timestamptz not null, "ends_at" timestamptz not null, "place" varchar(200) null, "status" text check ("status" in ('SCHEDULED', 'HELD', 'CANCELLED')) not null, "check_in_token" varchar(64) not null, "minutes" text null, "minutes_recorded_by" varchar(100) null, "minutes_recorded_at" timestamptz null, constraint meeting_occurrence_minutes check ((minutes is null) = (minutes_recorded_at is null)), constraint meeting_occurrence_ends_after_start check (ends_at > starts_at), constraint meeting_occurrence_title_not_blank check (btrim(title) <> ''));`,
    );
    this.addSql(`alter table "meeting_occurrence" add constraint "meeting_occurrence_check_in_token_unique" unique ("check_in_token");`);
    this.addSql(`create index "meeting_occurrence_community_id_starts_at_index" on "meeting_occurrence" ("community_id", "starts_at");`);
    this.addSql(`alter table "meeting_occurrence" add constraint "meeting_occurrence_once_per_start" unique ("schedule_id", "starts_at");`);

    this.addSql(
      `create table "meeting_issue_intake" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "occurrence_id" int not null, "issue_id" int not null, "recorded_by" varchar(100) not null);`,
    );
    this.addSql(`alter table "meeting_issue_intake" add constraint "meeting_issue_intake_once" unique ("occurrence_id", "issue_id");`);

    this.addSql(
      `create table "meeting_attendance" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "occurrence_id" int not null, "person_id" int not null, "status" text check ("status" in ('INVITED', 'PRESENT', 'ABSENT', 'PROXY')) not null, "proxy_id" int null, "checked_in_at" timestamptz null, constraint meeting_attendance_proxy check ((status = 'PROXY') = (proxy_id is not null) and proxy_id is distinct from person_id));`,
    );
    this.addSql(
      `alter table "meeting_attendance" add constraint "meeting_attendance_once_per_person" unique ("occurrence_id", "person_id");`,
    );

    this.addSql(
      `create table "meeting_agenda_item" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "occurrence_id" int not null, "position" int not null, "title" varchar(200) not null, "issue_id" int null, "proposal_id" int null, constraint meeting_agenda_item_title_not_blank check (btrim(title) <> ''));`,
    );
    this.addSql(`create index "meeting_agenda_item_occurrence_id_position_index" on "meeting_agenda_item" ("occurrence_id", "position");`);

    this.addSql(
      `create table "meeting_decision" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "occurrence_id" int not null, "agenda_item_id" int null, "text" varchar(2000) not null, "votes_for" int null, "votes_against" int null, "abstentions" int null, "issue_step_id" int null, "proposal_transition_id" int null, "recorded_by" varchar(100) not null, "recorded_at" timestamptz not null, constraint meeting_decision_votes check ((votes_for is null or votes_for >= 0) and (votes_against is null or votes_against >= 0) and (abstentions is null or abstentions >= 0)), constraint meeting_decision_text_not_blank check (btrim(text) <> ''));`,
    );
    this.addSql(`create index "meeting_decision_occurrence_id_id_index" on "meeting_decision" ("occurrence_id", "id");`);

    this.addSql(
      `alter table "meeting_occurrence" add constraint "meeting_occurrence_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "meeting_occurrence" add constraint "meeting_occurrence_schedule_id_foreign" foreign key ("schedule_id") references "meeting_schedule" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "meeting_occurrence" add constraint "meeting_occurrence_compound_id_foreign" foreign key ("compound_id") references "compound" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "meeting_issue_intake" add constraint "meeting_issue_intake_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "meeting_issue_intake" add constraint "meeting_issue_intake_occurrence_id_foreign" foreign key ("occurrence_id") references "meeting_occurrence" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "meeting_issue_intake" add constraint "meeting_issue_intake_issue_id_foreign" foreign key ("issue_id") references "resident_issue" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "meeting_attendance" add constraint "meeting_attendance_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "meeting_attendance" add constraint "meeting_attendance_occurrence_id_foreign" foreign key ("occurrence_id") references "meeting_occurrence" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "meeting_attendance" add constraint "meeting_attendance_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "meeting_attendance" add constraint "meeting_attendance_proxy_id_foreign" foreign key ("proxy_id") references "person" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "meeting_agenda_item" add constraint "meeting_agenda_item_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "meeting_agenda_item" add constraint "meeting_agenda_item_occurrence_id_foreign" foreign key ("occurrence_id") references "meeting_occurrence" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "meeting_agenda_item" add constraint "meeting_agenda_item_issue_id_foreign" foreign key ("issue_id") references "resident_issue" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "meeting_agenda_item" add constraint "meeting_agenda_item_proposal_id_foreign" foreign key ("proposal_id") references "expenditure_proposal" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "meeting_decision" add constraint "meeting_decision_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "meeting_decision" add constraint "meeting_decision_occurrence_id_foreign" foreign key ("occurrence_id") references "meeting_occurrence" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "meeting_decision" add constraint "meeting_decision_agenda_item_id_foreign" foreign key ("agenda_item_id") references "meeting_agenda_item" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "meeting_decision" add constraint "meeting_decision_issue_step_id_foreign" foreign key ("issue_step_id") references "issue_step" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "meeting_decision" add constraint "meeting_decision_proposal_transition_id_foreign" foreign key ("proposal_transition_id") references "proposal_transition" ("id") on update cascade on delete restrict;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "meeting_issue_intake" drop constraint "meeting_issue_intake_occurrence_id_foreign";`);

    this.addSql(`alter table "meeting_attendance" drop constraint "meeting_attendance_occurrence_id_foreign";`);

    this.addSql(`alter table "meeting_agenda_item" drop constraint "meeting_agenda_item_occurrence_id_foreign";`);

    this.addSql(`alter table "meeting_decision" drop constraint "meeting_decision_occurrence_id_foreign";`);

    this.addSql(`alter table "meeting_decision" drop constraint "meeting_decision_agenda_item_id_foreign";`);

    this.addSql(`drop table if exists "meeting_occurrence" cascade;`);

    this.addSql(`drop table if exists "meeting_issue_intake" cascade;`);

    this.addSql(`drop table if exists "meeting_attendance" cascade;`);

    this.addSql(`drop table if exists "meeting_agenda_item" cascade;`);

    this.addSql(`drop table if exists "meeting_decision" cascade;`);
  }
}
