import { Migration } from '@mikro-orm/migrations';

/*
 * Fees (generated from the entities): schedules, charges, payments, waivers. Triggers, append-only
 * rules and row-level security follow in fee_rules.
 */

export class Migration20261123140500_fees extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "fee_schedule" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "compound_id" int not null, "name" varchar(100) not null, "basis" text check ("basis" in ('PER_HOUSEHOLD', 'PER_SQM')) not null, "rate_fen" bigint not null, "period" text check ("period" in ('MONTHLY', 'QUARTERLY', 'YEARLY')) not null, "agreed_on" date not null, "effective_from" date not null, "effective_to" date null, constraint fee_schedule_period check (effective_to is null or effective_to > effective_from), constraint fee_schedule_name_not_blank check (btrim(name) <> ''), constraint fee_schedule_rate_positive check (rate_fen > 0));`,
    );

    this.addSql(
      `create table "fee_charge" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "schedule_id" int not null, "household_id" int not null, "compound_id" int not null, "building_id" int not null, "period" date not null, "amount_fen" bigint not null, "paid_fen" bigint not null default 0, "waived_fen" bigint not null default 0, constraint fee_charge_settled_within_amount check (paid_fen >= 0 and waived_fen >= 0 and paid_fen + waived_fen <= amount_fen), constraint fee_charge_amount check (amount_fen >= 0));`,
    );
    this.addSql(`create index "fee_charge_building_id_period_index" on "fee_charge" ("building_id", "period");`);
    this.addSql(`create index "fee_charge_compound_id_period_index" on "fee_charge" ("compound_id", "period");`);
    this.addSql(
      `alter table "fee_charge" add constraint "fee_charge_schedule_id_household_id_period_unique" unique ("schedule_id", "household_id", "period");`,
    );

    this.addSql(
      `create table "fee_waiver" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "charge_id" int not null, "amount_fen" bigint not null, "reason" varchar(500) not null, "granted_by" varchar(100) not null, constraint fee_waiver_amount_positive check (amount_fen > 0));`,
    );
    this.addSql(`alter table "fee_waiver" add constraint "fee_waiver_charge_id_unique" unique ("charge_id");`);

    this.addSql(
      `create table "fee_payment" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "charge_id" int not null, "amount_fen" bigint not null, "paid_on" date not null, "receipt_ref" varchar(100) null, "recorded_by" varchar(100) not null, constraint fee_payment_amount_positive check (amount_fen > 0));`,
    );
    this.addSql(`create index "fee_payment_charge_id_index" on "fee_payment" ("charge_id");`);

    this.addSql(
      `alter table "fee_schedule" add constraint "fee_schedule_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "fee_schedule" add constraint "fee_schedule_compound_id_foreign" foreign key ("compound_id") references "compound" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "fee_charge" add constraint "fee_charge_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "fee_charge" add constraint "fee_charge_schedule_id_foreign" foreign key ("schedule_id") references "fee_schedule" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "fee_charge" add constraint "fee_charge_household_id_foreign" foreign key ("household_id") references "household" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "fee_charge" add constraint "fee_charge_compound_id_foreign" foreign key ("compound_id") references "compound" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "fee_charge" add constraint "fee_charge_building_id_foreign" foreign key ("building_id") references "building" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "fee_waiver" add constraint "fee_waiver_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "fee_waiver" add constraint "fee_waiver_charge_id_foreign" foreign key ("charge_id") references "fee_charge" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "fee_payment" add constraint "fee_payment_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "fee_payment" add constraint "fee_payment_charge_id_foreign" foreign key ("charge_id") references "fee_charge" ("id") on update cascade on delete restrict;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "fee_charge" drop constraint "fee_charge_schedule_id_foreign";`);

    this.addSql(`alter table "fee_waiver" drop constraint "fee_waiver_charge_id_foreign";`);

    this.addSql(`alter table "fee_payment" drop constraint "fee_payment_charge_id_foreign";`);

    this.addSql(`drop table if exists "fee_schedule" cascade;`);

    this.addSql(`drop table if exists "fee_charge" cascade;`);

    this.addSql(`drop table if exists "fee_waiver" cascade;`);

    this.addSql(`drop table if exists "fee_payment" cascade;`);
  }
}
