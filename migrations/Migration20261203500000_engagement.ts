import { Migration } from '@mikro-orm/migrations';

export class Migration20261203500000_engagement extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "reporting_relation" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "membership_id" int not null, "home_branch_id" int not null, "recorded_on" date not null, "ended_on" date null, constraint reporting_relation_period check (ended_on is null or ended_on >= recorded_on));`,
    );
    this.addSql(
      `create unique index "reporting_relation_active_unique" on "reporting_relation" ("membership_id") where (ended_on is null);`,
    );
    this.addSql(`create index "reporting_relation_home_branch_id_index" on "reporting_relation" ("home_branch_id");`);

    this.addSql(
      `create table "service_offer" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "compound_id" int null, "kind" text check ("kind" in ('PROJECT', 'SERVICE')) not null, "title" varchar(100) not null, "description" varchar(1000) not null, "published_on" date not null, "closed_on" date null, constraint service_offer_period check (closed_on is null or closed_on >= published_on), constraint service_offer_title_not_blank check (btrim(title) <> ''));`,
    );
    this.addSql(`create index "service_offer_compound_id_index" on "service_offer" ("compound_id");`);

    this.addSql(
      `create table "service_claim" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "offer_id" int not null, "membership_id" int not null, "claimed_on" date not null, "minutes" int null, "outcome" varchar(1000) null, "completed_on" date null, constraint service_claim_period check (completed_on is null or completed_on >= claimed_on), constraint service_claim_done_has_outcome check (completed_on is null or (outcome is not null and minutes is not null)), constraint service_claim_minutes check (minutes is null or (minutes >= 0 and minutes <= 100000)));`,
    );
    this.addSql(
      `create unique index "service_claim_open_unique" on "service_claim" ("offer_id", "membership_id") where (completed_on is null);`,
    );
    this.addSql(`create index "service_claim_membership_id_index" on "service_claim" ("membership_id");`);
    this.addSql(`create index "service_claim_offer_id_index" on "service_claim" ("offer_id");`);

    this.addSql(
      `create table "member_profile" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "person_id" int not null, "compound_id" int not null, "post" varchar(100) null, "duties" varchar(500) null, "pledge" varchar(500) null, "responsibility_zone" varchar(200) null, "pioneer_post" varchar(100) null, "shown" text[] not null default '{}', constraint member_profile_shown_known check (shown <@ array['POST', 'DUTIES', 'PLEDGE', 'RESPONSIBILITY_ZONE', 'PIONEER_POST']::text[]));`,
    );
    this.addSql(`alter table "member_profile" add constraint "member_profile_person_id_unique" unique ("person_id");`);

    this.addSql(
      `create table "cross_appointment" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "person_id" int not null, "compound_id" int null, "post" text check ("post" in ('PARTY_BUILDING_INSTRUCTOR', 'PARTY_BUILDING_LIAISON', 'PUBLIC_OPINION_LIAISON', 'SOCIAL_CONDITIONS_SUPERVISOR')) not null, "counterpart" varchar(200) not null, "started_on" date not null, "ended_on" date null, "appointed_by" varchar(100) not null, constraint cross_appointment_counterpart_not_blank check (btrim(counterpart) <> ''), constraint cross_appointment_period check (ended_on is null or ended_on >= started_on));`,
    );
    this.addSql(`create index "cross_appointment_compound_id_index" on "cross_appointment" ("compound_id");`);
    this.addSql(`create index "cross_appointment_person_id_index" on "cross_appointment" ("person_id");`);

    this.addSql(
      `alter table "reporting_relation" add constraint "reporting_relation_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "reporting_relation" add constraint "reporting_relation_membership_id_foreign" foreign key ("membership_id") references "party_membership" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "reporting_relation" add constraint "reporting_relation_home_branch_id_foreign" foreign key ("home_branch_id") references "compound_branch" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "service_offer" add constraint "service_offer_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "service_offer" add constraint "service_offer_compound_id_foreign" foreign key ("compound_id") references "compound" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "service_claim" add constraint "service_claim_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "service_claim" add constraint "service_claim_offer_id_foreign" foreign key ("offer_id") references "service_offer" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "service_claim" add constraint "service_claim_membership_id_foreign" foreign key ("membership_id") references "party_membership" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "member_profile" add constraint "member_profile_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "member_profile" add constraint "member_profile_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "member_profile" add constraint "member_profile_compound_id_foreign" foreign key ("compound_id") references "compound" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "cross_appointment" add constraint "cross_appointment_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "cross_appointment" add constraint "cross_appointment_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "cross_appointment" add constraint "cross_appointment_compound_id_foreign" foreign key ("compound_id") references "compound" ("id") on update cascade on delete restrict;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "service_claim" drop constraint "service_claim_offer_id_foreign";`);

    this.addSql(`drop table if exists "reporting_relation" cascade;`);

    this.addSql(`drop table if exists "service_offer" cascade;`);

    this.addSql(`drop table if exists "service_claim" cascade;`);

    this.addSql(`drop table if exists "member_profile" cascade;`);

    this.addSql(`drop table if exists "cross_appointment" cascade;`);
  }
}
