import { Migration } from '@mikro-orm/migrations';

/*
 * A charge's period is the first day of a month (a quarter's and a year's are too): the service
 * has always charged periodStart(...), and the month roll-up's payment difference finds the month
 * row by `month = period`, so a charge dated mid-month would be counted by a recount but never by
 * its payments. The database now refuses one, whoever writes it.
 */
export class Migration20261210300000_fee_charge_period_month_start extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "fee_charge" add constraint "fee_charge_period_month_start" check (date_trunc('month', period::timestamp without time zone)::date = period);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "fee_charge" drop constraint "fee_charge_period_month_start";`);
  }
}
