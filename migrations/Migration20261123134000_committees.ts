import { Migration } from '@mikro-orm/migrations';

/*
 * Property committees (generated from the entities): committees with their terms and members,
 * elections and candidates. Triggers and row-level security follow in committee_rules.
 */

export class Migration20261123134000_committees extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "committee_election" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "compound_id" int not null, "status" text check ("status" in ('NOMINATING', 'VOTED', 'CONFIRMED', 'CANCELLED')) not null, "seats" smallint not null, "term_start" date not null, "term_end" date not null, "held_on" date null, "eligible_voters" int null, "votes_cast" int null, "cancel_reason" varchar(500) null, "version" int not null default 1, constraint committee_election_term check (term_end > term_start), constraint committee_election_votes check (votes_cast is null or eligible_voters is null or votes_cast <= eligible_voters), constraint committee_election_seats check (seats >= 3 and seats <= 15));`,
    );
    this.addSql(
      `create unique index "committee_election_open_unique" on "committee_election" ("compound_id") where (status in ('NOMINATING', 'VOTED'));`,
    );
    this.addSql(`create index "committee_election_compound_id_id_index" on "committee_election" ("compound_id", "id");`);

    this.addSql(
      `create table "property_committee" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "compound_id" int not null, "name" varchar(100) not null, "kind" text check ("kind" in ('ELECTED', 'INTERIM')) not null, "status" text check ("status" in ('SITTING', 'RECALLED', 'TERM_ENDED')) not null, "term_start" date not null, "term_end" date null, "ended_on" date null, "end_reason" varchar(500) null, "party_secretary_id" int null, "election_id" int null, constraint property_committee_ended check ((status = 'SITTING') = (ended_on is null)), constraint property_committee_term check (term_end is null or term_end > term_start));`,
    );
    this.addSql(`create index "property_committee_compound_id_term_start_index" on "property_committee" ("compound_id", "term_start");`);
    this.addSql(
      `create unique index "property_committee_sitting_unique" on "property_committee" ("compound_id") where (status = 'SITTING');`,
    );

    this.addSql(
      `create table "committee_member" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "committee_id" int not null, "person_id" int not null, "name" varchar(100) not null, "role" text check ("role" in ('CHAIR', 'VICE_CHAIR', 'MEMBER')) not null, "party_member" boolean not null);`,
    );
    this.addSql(`create index "committee_member_person_id_index" on "committee_member" ("person_id");`);
    this.addSql(`create unique index "committee_member_one_chair" on "committee_member" ("committee_id") where (role = 'CHAIR');`);
    this.addSql(`create unique index "committee_member_unique" on "committee_member" ("committee_id", "person_id");`);

    this.addSql(
      `create table "candidate" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "election_id" int not null, "person_id" int not null, "name" varchar(100) not null, "party_member" boolean not null, "nomination" text check ("nomination" in ('BUILDING_GROUP', 'RESIDENTS', 'SELF')) not null, "nominating_group_id" int null, "review" text check ("review" in ('PENDING', 'APPROVED', 'REJECTED')) not null, "review_reason" varchar(500) null, "reviewed_by" varchar(100) null, "votes" int null, "elected" boolean not null default false, constraint candidate_group_nomination check ((nomination = 'BUILDING_GROUP') = (nominating_group_id is not null)), constraint candidate_review_reason check (review <> 'REJECTED' or review_reason is not null), constraint candidate_votes check (votes is null or votes >= 0));`,
    );
    this.addSql(`create unique index "candidate_unique" on "candidate" ("election_id", "person_id");`);

    this.addSql(
      `alter table "committee_election" add constraint "committee_election_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "committee_election" add constraint "committee_election_compound_id_foreign" foreign key ("compound_id") references "compound" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "property_committee" add constraint "property_committee_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "property_committee" add constraint "property_committee_compound_id_foreign" foreign key ("compound_id") references "compound" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "property_committee" add constraint "property_committee_party_secretary_id_foreign" foreign key ("party_secretary_id") references "person" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "property_committee" add constraint "property_committee_election_id_foreign" foreign key ("election_id") references "committee_election" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "committee_member" add constraint "committee_member_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "committee_member" add constraint "committee_member_committee_id_foreign" foreign key ("committee_id") references "property_committee" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "committee_member" add constraint "committee_member_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "candidate" add constraint "candidate_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "candidate" add constraint "candidate_election_id_foreign" foreign key ("election_id") references "committee_election" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "candidate" add constraint "candidate_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "candidate" add constraint "candidate_nominating_group_id_foreign" foreign key ("nominating_group_id") references "building_group" ("id") on update cascade on delete restrict;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "property_committee" drop constraint "property_committee_election_id_foreign";`);

    this.addSql(`alter table "candidate" drop constraint "candidate_election_id_foreign";`);

    this.addSql(`alter table "committee_member" drop constraint "committee_member_committee_id_foreign";`);

    this.addSql(`drop table if exists "committee_election" cascade;`);

    this.addSql(`drop table if exists "property_committee" cascade;`);

    this.addSql(`drop table if exists "committee_member" cascade;`);

    this.addSql(`drop table if exists "candidate" cascade;`);
  }
}
