import { Migration } from '@mikro-orm/migrations';

/*
 * The personal-data read log names the principal who read: a user (as before) or a service account
 * (an integration's API key reading door numbers plain where it writes them). Existing entries are
 * users' reads: `reader_kind` defaults to 'user' and `reader_user_id` keeps its meaning; it becomes
 * nullable, and a check keeps exactly one reader id per entry, of the kind the entry says.
 */
export class Migration20261206500000_personal_reads_by_service_accounts extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "personal_data_read" add column "reader_kind" varchar(10) not null default 'user', add column "reader_service_account_id" int null, add column "reader_api_key_id" int null;`,
    );
    this.addSql('alter table "personal_data_read" alter column "reader_user_id" drop not null;');
    this.addSql(
      `alter table "personal_data_read" add constraint "personal_data_read_one_reader" check ((reader_kind = 'user' and reader_user_id is not null and reader_service_account_id is null) or (reader_kind = 'service' and reader_service_account_id is not null and reader_user_id is null));`,
    );
  }

  override async down(): Promise<void> {
    // Service accounts' entries cannot be kept under a user: they go with the columns that name them.
    this.addSql('select lianxin_grant_everything();');
    this.addSql(`delete from "personal_data_read" where reader_kind = 'service';`);
    this.addSql("select set_config('app.grant', '', true);");
    this.addSql('alter table "personal_data_read" drop constraint "personal_data_read_one_reader";');
    this.addSql('alter table "personal_data_read" alter column "reader_user_id" set not null;');
    this.addSql(
      'alter table "personal_data_read" drop column "reader_kind", drop column "reader_service_account_id", drop column "reader_api_key_id";',
    );
  }
}
