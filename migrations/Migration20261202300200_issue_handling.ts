import { Migration } from '@mikro-orm/migrations';

export class Migration20261202300200_issue_handling extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "mediation" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "issue_id" int not null, "mediator_id" int not null, "started_at" timestamptz not null, "outcome" text check ("outcome" in ('AGREED', 'NOT_AGREED')) null, "outcome_note" varchar(1000) null, "ended_at" timestamptz null, constraint mediation_outcome check ((outcome is null) = (ended_at is null)));`,
    );
    this.addSql(`create unique index "mediation_one_open" on "mediation" ("issue_id") where "outcome" is null;`);
    this.addSql(`create index "mediation_issue_id_id_index" on "mediation" ("issue_id", "id");`);

    this.addSql(
      `create table "issue_assignment" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "issue_id" int not null, "person_id" int null, "property_company_id" int null, "capacity" text check ("capacity" in ('BRANCH_SECRETARY', 'GROUP_LEADER', 'GRID_WORKER', 'PARTY_VOLUNTEER', 'MEDIATOR', 'PROPERTY_COMPANY')) not null, "assigned_by" varchar(100) not null, "assigned_at" timestamptz not null, "note" varchar(1000) null, constraint issue_assignment_assignee check ((capacity = 'PROPERTY_COMPANY') = (property_company_id is not null) and (person_id is null) = (property_company_id is not null)));`,
    );
    this.addSql(`create index "issue_assignment_issue_id_id_index" on "issue_assignment" ("issue_id", "id");`);

    this.addSql(
      `alter table "mediation" add constraint "mediation_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "mediation" add constraint "mediation_issue_id_foreign" foreign key ("issue_id") references "resident_issue" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "mediation" add constraint "mediation_mediator_id_foreign" foreign key ("mediator_id") references "person" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "issue_assignment" add constraint "issue_assignment_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "issue_assignment" add constraint "issue_assignment_issue_id_foreign" foreign key ("issue_id") references "resident_issue" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "issue_assignment" add constraint "issue_assignment_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "issue_assignment" add constraint "issue_assignment_property_company_id_foreign" foreign key ("property_company_id") references "property_company" ("id") on update cascade on delete restrict;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "mediation" cascade;`);

    this.addSql(`drop table if exists "issue_assignment" cascade;`);
  }
}
