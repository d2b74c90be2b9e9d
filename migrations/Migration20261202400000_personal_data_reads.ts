import { Migration } from '@mikro-orm/migrations';
import { dropPolicy, policy } from './Migration20261123114500_row_level_security';

/*
 * The personal-data read log (who was shown whose personal data plain, and when), append-only and
 * under the tenant policy: a reader can only log reads in communities they reach, and a community's
 * administrators read their community's log.
 *
 * The vulnerability tags follow the article's four kinds (高龄、低保、残疾、其他特殊群体): advanced
 * age (ADVANCED_AGE, 80 and over) is added beside ELDERLY_ALONE (独居老人), which stays: living alone
 * is not the same as advanced age and both matter for a visit. Existing ELDERLY_ALONE households
 * with a resident aged 80 or more on record gain ADVANCED_AGE; nothing else is guessed.
 */
const TAGS_BEFORE = "array['ELDERLY_ALONE', 'LOW_INCOME', 'DISABLED', 'SPECIAL_NEEDS']::text[]";
const TAGS_AFTER = "array['ADVANCED_AGE', 'ELDERLY_ALONE', 'LOW_INCOME', 'DISABLED', 'SPECIAL_NEEDS']::text[]";

export class Migration20261202400000_personal_data_reads extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "personal_data_read" ("id" bigserial primary key, "read_at" timestamptz not null default current_timestamp, "community_id" int not null, "request_id" varchar(64) not null, "reader_user_id" int not null, "reader_person_id" int null, "reader_label" varchar(100) not null, "subject_type" varchar(64) not null, "subject_id" int not null, "field" varchar(64) not null, "data_of" varchar(10) not null);`,
    );
    this.addSql(`create index "personal_data_read_community_id_id_index" on "personal_data_read" ("community_id", "id");`);
    this.addSql(`create index "personal_data_read_subject_type_subject_id_index" on "personal_data_read" ("subject_type", "subject_id");`);
    this.addSql(policy('personal_data_read'));
    this.addSql('revoke update, delete on table personal_data_read from lianxin_app;');
    this.addSql('grant select, insert on table personal_data_read to lianxin_app;');

    this.addSql('alter table "household" drop constraint household_vulnerability_tags_known;');
    this.addSql(`alter table "household" add constraint household_vulnerability_tags_known check(vulnerability_tags <@ ${TAGS_AFTER});`);
    this.addSql('select lianxin_grant_everything();');
    this.addSql(`update household h set vulnerability_tags = array['ADVANCED_AGE'] || h.vulnerability_tags
                  where 'ELDERLY_ALONE' = any (h.vulnerability_tags) and not 'ADVANCED_AGE' = any (h.vulnerability_tags)
                    and exists (select 1 from person p where p.household_id = h.id and p.archived_at is null
                                   and p.birth_year <= extract(year from current_date)::int - 80);`);
    this.addSql("select set_config('app.grant', '', true);");
  }

  override async down(): Promise<void> {
    this.addSql('select lianxin_grant_everything();');
    this.addSql(
      "update household set vulnerability_tags = array_remove(vulnerability_tags, 'ADVANCED_AGE') where 'ADVANCED_AGE' = any (vulnerability_tags);",
    );
    this.addSql("select set_config('app.grant', '', true);");
    this.addSql('alter table "household" drop constraint household_vulnerability_tags_known;');
    this.addSql(`alter table "household" add constraint household_vulnerability_tags_known check(vulnerability_tags <@ ${TAGS_BEFORE});`);
    this.addSql(dropPolicy('personal_data_read'));
    this.addSql('drop table if exists "personal_data_read" cascade;');
  }
}
