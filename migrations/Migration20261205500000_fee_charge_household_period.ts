import { Migration } from '@mikro-orm/migrations';

/*
 * A payment or a waiver moves the figures' month row by the difference, and a household between
 * settled and in arrears when what it owes for the month crosses zero: the trigger sums that
 * household's charges of the month. Without an index by household it read every charge of the
 * compound's month (about 400 in the bench's district, 306 buffers, ~50 ms under load) for each
 * payment; with this one it reads the household's own.
 */
export class Migration20261205500000_fee_charge_household_period extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "fee_charge_household_id_period_index" on "fee_charge" ("household_id", "period");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "fee_charge_household_id_period_index";`);
  }
}
