import { Migration } from '@mikro-orm/migrations';

/*
 * Money (generated from the entities): community settings for self-governance, co-managed
 * accounts and their custodians, the ledger, expenditure proposals and their steps, monthly
 * statements. Triggers, append-only rules and row-level security follow in money_rules.
 */

export class Migration20261123131853_money extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "co_managed_account" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "compound_id" int not null, "name" varchar(100) not null, "opened_on" date not null, "closed_on" date null, constraint co_managed_account_period check (closed_on is null or closed_on >= opened_on), constraint co_managed_account_name_not_blank check (btrim(name) <> ''));`,
    );
    this.addSql(`alter table "co_managed_account" add constraint "co_managed_account_compound_id_unique" unique ("compound_id");`);

    this.addSql(
      `create table "monthly_statement" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "account_id" int not null, "compound_id" int not null, "month" date not null, "prepared_by" varchar(100) not null, "note" varchar(1000) null, "published_at" timestamptz null, "published_by" varchar(100) null, "content" jsonb null, "content_hash" varchar(64) null, "closing_fen" bigint null, constraint monthly_statement_published_complete check ((published_at is null) = (content_hash is null) and (published_at is null) = (content is null)), constraint monthly_statement_first_of_month check (extract(day from month) = 1));`,
    );
    this.addSql(`create index "monthly_statement_compound_id_month_index" on "monthly_statement" ("compound_id", "month");`);
    this.addSql(
      `alter table "monthly_statement" add constraint "monthly_statement_account_id_month_unique" unique ("account_id", "month");`,
    );

    this.addSql(
      `create table "expenditure_proposal" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "account_id" int not null, "compound_id" int not null, "purpose" varchar(200) not null, "amount_fen" bigint not null, "payee" varchar(200) not null, "category" text check ("category" in ('FEES', 'SUBSIDY', 'DONATION', 'OTHER_INCOME', 'REPAIR', 'CLEANING', 'GREENING', 'SECURITY', 'UTILITIES', 'SUPPLIES', 'STAFF', 'OTHER_EXPENSE', 'CORRECTION')) not null, "attachments" text[] not null default '{}', "status" text check ("status" in ('PROPOSED', 'DISCUSSED', 'REVIEWED', 'RESOLVED', 'PAID', 'REJECTED', 'WITHDRAWN')) not null, "spending_path" text check ("spending_path" in ('FULL', 'SIMPLIFIED')) not null, "quorum_required" boolean not null, "simplified_below_fen" bigint not null, "proposed_by_person_id" int null, "proposed_by_user_id" int null, "version" int not null default 1, constraint expenditure_proposal_payee_not_blank check (btrim(payee) <> ''), constraint expenditure_proposal_purpose_not_blank check (btrim(purpose) <> ''), constraint expenditure_proposal_amount_positive check (amount_fen > 0));`,
    );
    this.addSql(`create index "expenditure_proposal_compound_id_id_index" on "expenditure_proposal" ("compound_id", "id");`);
    this.addSql(`create index "expenditure_proposal_account_id_status_id_index" on "expenditure_proposal" ("account_id", "status", "id");`);

    this.addSql(
      `create table "proposal_transition" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "proposal_id" int not null, "step" text check ("step" in ('PROPOSE', 'DISCUSS', 'REVIEW', 'RESOLVE', 'PAY', 'REJECT', 'WITHDRAW')) not null, "from_status" text check ("from_status" in ('PROPOSED', 'DISCUSSED', 'REVIEWED', 'RESOLVED', 'PAID', 'REJECTED', 'WITHDRAWN')) null, "to_status" text check ("to_status" in ('PROPOSED', 'DISCUSSED', 'REVIEWED', 'RESOLVED', 'PAID', 'REJECTED', 'WITHDRAWN')) not null, "actor_label" varchar(100) not null, "actor_user_id" int null, "actor_role" varchar(30) null, "meeting" varchar(200) null, "meeting_on" date null, "eligible" int null, "attendance" int null, "votes_for" int null, "votes_against" int null, "abstentions" int null, "comment" varchar(1000) null, constraint proposal_transition_vote_total check (attendance is null or coalesce(votes_for, 0) + coalesce(votes_against, 0) + coalesce(abstentions, 0) <= attendance), constraint proposal_transition_attendance check (attendance is null or eligible is null or attendance <= eligible), constraint proposal_transition_votes check (votes_for is null or votes_for >= 0));`,
    );
    this.addSql(`create index "proposal_transition_proposal_id_id_index" on "proposal_transition" ("proposal_id", "id");`);

    this.addSql(
      `create table "ledger_entry" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "account_id" int not null, "compound_id" int not null, "kind" text check ("kind" in ('INCOME', 'EXPENSE', 'REVERSAL')) not null, "category" text check ("category" in ('FEES', 'SUBSIDY', 'DONATION', 'OTHER_INCOME', 'REPAIR', 'CLEANING', 'GREENING', 'SECURITY', 'UTILITIES', 'SUPPLIES', 'STAFF', 'OTHER_EXPENSE', 'CORRECTION')) not null, "amount_fen" bigint not null, "delta_fen" bigint not null, "occurred_on" date not null, "counterparty" varchar(200) null, "description" varchar(500) not null, "invoice_ref" varchar(100) null, "reverses_id" int null, "proposal_id" int null, "recorded_by" varchar(100) not null, constraint ledger_entry_description_not_blank check (btrim(description) <> ''), constraint ledger_entry_reversal_points_back check ((kind = 'REVERSAL') = (reverses_id is not null)), constraint ledger_entry_delta_matches_kind check ((kind = 'INCOME' and delta_fen = amount_fen) or (kind = 'EXPENSE' and delta_fen = -amount_fen) or (kind = 'REVERSAL' and abs(delta_fen) = amount_fen)), constraint ledger_entry_amount_positive check (amount_fen > 0));`,
    );
    this.addSql(`create index "ledger_entry_account_id_occurred_on_id_index" on "ledger_entry" ("account_id", "occurred_on", "id");`);
    this.addSql(`alter table "ledger_entry" add constraint "ledger_entry_proposal_id_unique" unique ("proposal_id");`);
    this.addSql(`alter table "ledger_entry" add constraint "ledger_entry_reverses_id_unique" unique ("reverses_id");`);

    this.addSql(
      `create table "custodian" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "account_id" int not null, "person_id" int not null, "seat" text check ("seat" in ('BRANCH_SECRETARY', 'COMMITTEE_MEMBER', 'OWNER_REPRESENTATIVE')) not null, "since" date not null, "until" date null, constraint custodian_period check (until is null or until >= since));`,
    );
    this.addSql(`create index "custodian_person_id_index" on "custodian" ("person_id");`);
    this.addSql(`create unique index "custodian_person_sitting_unique" on "custodian" ("account_id", "person_id") where (until is null);`);
    this.addSql(`create unique index "custodian_seat_sitting_unique" on "custodian" ("account_id", "seat") where (until is null);`);

    this.addSql(
      `alter table "co_managed_account" add constraint "co_managed_account_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "co_managed_account" add constraint "co_managed_account_compound_id_foreign" foreign key ("compound_id") references "compound" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "monthly_statement" add constraint "monthly_statement_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "monthly_statement" add constraint "monthly_statement_account_id_foreign" foreign key ("account_id") references "co_managed_account" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "monthly_statement" add constraint "monthly_statement_compound_id_foreign" foreign key ("compound_id") references "compound" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "expenditure_proposal" add constraint "expenditure_proposal_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "expenditure_proposal" add constraint "expenditure_proposal_account_id_foreign" foreign key ("account_id") references "co_managed_account" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "expenditure_proposal" add constraint "expenditure_proposal_compound_id_foreign" foreign key ("compound_id") references "compound" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "proposal_transition" add constraint "proposal_transition_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "proposal_transition" add constraint "proposal_transition_proposal_id_foreign" foreign key ("proposal_id") references "expenditure_proposal" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "ledger_entry" add constraint "ledger_entry_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "ledger_entry" add constraint "ledger_entry_account_id_foreign" foreign key ("account_id") references "co_managed_account" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "ledger_entry" add constraint "ledger_entry_compound_id_foreign" foreign key ("compound_id") references "compound" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "ledger_entry" add constraint "ledger_entry_reverses_id_foreign" foreign key ("reverses_id") references "ledger_entry" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "ledger_entry" add constraint "ledger_entry_proposal_id_foreign" foreign key ("proposal_id") references "expenditure_proposal" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "custodian" add constraint "custodian_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "custodian" add constraint "custodian_account_id_foreign" foreign key ("account_id") references "co_managed_account" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "custodian" add constraint "custodian_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "community" add column "party_member_ratio_min" smallint not null default 60, add column "simplified_spending_below_fen" bigint not null default 50000, add column "quorum_spending_above_fen" bigint not null default 500000, add column "statement_due_day" smallint not null default 10, add column "allow_negative_balance" boolean not null default false;`,
    );
    this.addSql(
      `alter table "community" add constraint community_statement_due_day_range check(statement_due_day >= 1 and statement_due_day <= 28);`,
    );
    this.addSql(
      `alter table "community" add constraint community_spending_thresholds check(simplified_spending_below_fen >= 0 and quorum_spending_above_fen >= 0);`,
    );
    this.addSql(
      `alter table "community" add constraint community_party_member_ratio_range check(party_member_ratio_min >= 0 and party_member_ratio_min <= 100);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "monthly_statement" drop constraint "monthly_statement_account_id_foreign";`);

    this.addSql(`alter table "expenditure_proposal" drop constraint "expenditure_proposal_account_id_foreign";`);

    this.addSql(`alter table "ledger_entry" drop constraint "ledger_entry_account_id_foreign";`);

    this.addSql(`alter table "custodian" drop constraint "custodian_account_id_foreign";`);

    this.addSql(`alter table "proposal_transition" drop constraint "proposal_transition_proposal_id_foreign";`);

    this.addSql(`alter table "ledger_entry" drop constraint "ledger_entry_proposal_id_foreign";`);

    this.addSql(`alter table "ledger_entry" drop constraint "ledger_entry_reverses_id_foreign";`);

    this.addSql(`drop table if exists "co_managed_account" cascade;`);

    this.addSql(`drop table if exists "monthly_statement" cascade;`);

    this.addSql(`drop table if exists "expenditure_proposal" cascade;`);

    this.addSql(`drop table if exists "proposal_transition" cascade;`);

    this.addSql(`drop table if exists "ledger_entry" cascade;`);

    this.addSql(`drop table if exists "custodian" cascade;`);

    this.addSql(`alter table "community" drop constraint community_statement_due_day_range;`);
    this.addSql(`alter table "community" drop constraint community_spending_thresholds;`);
    this.addSql(`alter table "community" drop constraint community_party_member_ratio_range;`);
    this.addSql(
      `alter table "community" drop column "party_member_ratio_min", drop column "simplified_spending_below_fen", drop column "quorum_spending_above_fen", drop column "statement_due_day", drop column "allow_negative_balance";`,
    );
  }
}
