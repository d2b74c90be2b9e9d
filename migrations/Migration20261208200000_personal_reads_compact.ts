import { Migration } from '@mikro-orm/migrations';
import { dropPolicy, policy } from './Migration20261123114500_row_level_security';

/*
 * The personal-data read log, written compactly: a request that shows 400 door numbers plain wrote
 * 400 rows (three index entries and the policy's check each, ≈ 6 ms of PostgreSQL per request);
 * it now writes one row per (community, reader, kind of object, field, whose data) with the
 * objects' ids in an array, the same who, whose, which field and when. The entries are what they
 * were: `personal_data_read` becomes a view that unnests the batches (under the batch table's own
 * policy: security_invoker), one entry per id, keyed `batch id × 2^20 + position` so that pages
 * keep one ascending key; a batch therefore holds at most 2^20 − 1 ids (the writer splits larger
 * ones). Existing entries move into batches, grouped by the request that wrote them.
 */
const READER = `"reader_kind", "reader_user_id", "reader_service_account_id", "reader_api_key_id", "reader_person_id", "reader_label"`;
const SAME_BATCH = `"read_at", "community_id", "request_id", ${READER}, "subject_type", "field", "data_of"`;

export class Migration20261208200000_personal_reads_compact extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "personal_data_read_batch" ("id" bigserial primary key, "read_at" timestamptz not null default current_timestamp, "community_id" int not null, "request_id" varchar(64) not null, "reader_kind" varchar(10) not null default 'user', "reader_user_id" int null, "reader_service_account_id" int null, "reader_api_key_id" int null, "reader_person_id" int null, "reader_label" varchar(100) not null, "subject_type" varchar(64) not null, "subject_ids" int[] not null, "field" varchar(64) not null, "data_of" varchar(10) not null, constraint "personal_data_read_batch_one_reader" check ((reader_kind = 'user' and reader_user_id is not null and reader_service_account_id is null) or (reader_kind = 'service' and reader_service_account_id is not null and reader_user_id is null)), constraint "personal_data_read_batch_subjects" check (cardinality(subject_ids) >= 1 and cardinality(subject_ids) <= 1048575));`,
    );
    this.addSql(`create index "personal_data_read_batch_community_id_id_index" on "personal_data_read_batch" ("community_id", "id");`);
    this.addSql(`create index "personal_data_read_batch_subject_ids_index" on "personal_data_read_batch" using gin ("subject_ids");`);
    this.addSql(policy('personal_data_read_batch'));
    this.addSql('revoke update, delete on table personal_data_read_batch from lianxin_app;');
    this.addSql('grant select, insert on table personal_data_read_batch to lianxin_app;');

    this.addSql('select lianxin_grant_everything();');
    this.addSql(
      `insert into "personal_data_read_batch" (${SAME_BATCH}, "subject_ids")
       select ${SAME_BATCH}, array_agg("subject_id" order by "id") from "personal_data_read" group by ${SAME_BATCH} order by min("id");`,
    );
    this.addSql("select set_config('app.grant', '', true);");
    this.addSql(dropPolicy('personal_data_read'));
    this.addSql('drop table "personal_data_read";');
    this.addSql(
      `create view "personal_data_read" with (security_invoker = true) as
       select b.id * 1048576 + s.n as "id", b."read_at", b."community_id", b."request_id", ${READER.replace(/"reader/g, 'b."reader')},
              b."subject_type", s."subject_id", b."field", b."data_of", b."id" as "batch_id", s.n::int as "position"
         from "personal_data_read_batch" b cross join lateral unnest(b."subject_ids") with ordinality as s("subject_id", n);`,
    );
    this.addSql('grant select on table personal_data_read to lianxin_app;');
  }

  override async down(): Promise<void> {
    this.addSql('drop view "personal_data_read";');
    this.addSql(
      `create table "personal_data_read" ("id" bigserial primary key, "read_at" timestamptz not null default current_timestamp, "community_id" int not null, "request_id" varchar(64) not null, "reader_user_id" int null, "reader_person_id" int null, "reader_label" varchar(100) not null, "subject_type" varchar(64) not null, "subject_id" int not null, "field" varchar(64) not null, "data_of" varchar(10) not null, "reader_kind" varchar(10) not null default 'user', "reader_service_account_id" int null, "reader_api_key_id" int null, constraint "personal_data_read_one_reader" check ((reader_kind = 'user' and reader_user_id is not null and reader_service_account_id is null) or (reader_kind = 'service' and reader_service_account_id is not null and reader_user_id is null)));`,
    );
    this.addSql(`create index "personal_data_read_community_id_id_index" on "personal_data_read" ("community_id", "id");`);
    this.addSql(`create index "personal_data_read_subject_type_subject_id_index" on "personal_data_read" ("subject_type", "subject_id");`);
    this.addSql(policy('personal_data_read'));
    this.addSql('revoke update, delete on table personal_data_read from lianxin_app;');
    this.addSql('grant select, insert on table personal_data_read to lianxin_app;');
    this.addSql('select lianxin_grant_everything();');
    this.addSql(
      `insert into "personal_data_read" (${SAME_BATCH}, "subject_id")
       select ${SAME_BATCH.replace(/"/g, '')}, s.subject_id from "personal_data_read_batch" b
         cross join lateral unnest(b.subject_ids) with ordinality as s(subject_id, n) order by b.id, s.n;`,
    );
    this.addSql("select set_config('app.grant', '', true);");
    this.addSql(dropPolicy('personal_data_read_batch'));
    this.addSql('drop table "personal_data_read_batch";');
  }
}
