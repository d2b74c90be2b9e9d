import { Migration } from '@mikro-orm/migrations';

export class Migration20261203200000_qr_reports extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "issue_qr_point" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "compound_id" int not null, "building_id" int null, "spot" varchar(100) null, "token_hash" varchar(64) not null, "token_set_at" timestamptz not null, "created_by" varchar(100) not null, constraint issue_qr_point_spot_not_blank check (spot is null or btrim(spot) <> ''), constraint issue_qr_point_token_hash check (token_hash ~ '^[0-9a-f]{64}\$'));`,
    );
    this.addSql(`alter table "issue_qr_point" add constraint "issue_qr_point_token_hash_unique" unique ("token_hash");`);

    this.addSql(
      `create table "anonymous_report" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "issue_id" int not null, "qr_point_id" int not null, "phone_sealed" varchar(400) not null, "phone_index" varchar(64) not null, "tracking_hash" varchar(64) not null, constraint anonymous_report_tracking_hash check (tracking_hash ~ '^[0-9a-f]{64}\$'), constraint anonymous_report_phone_sealed check (phone_sealed ~ '^v1:'));`,
    );
    this.addSql(`alter table "anonymous_report" add constraint "anonymous_report_issue_id_unique" unique ("issue_id");`);
    this.addSql(`create index "anonymous_report_phone_index_index" on "anonymous_report" ("phone_index");`);
    this.addSql(`alter table "anonymous_report" add constraint "anonymous_report_tracking_hash_unique" unique ("tracking_hash");`);

    this.addSql(
      `alter table "issue_qr_point" add constraint "issue_qr_point_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "issue_qr_point" add constraint "issue_qr_point_compound_id_foreign" foreign key ("compound_id") references "compound" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "issue_qr_point" add constraint "issue_qr_point_building_id_foreign" foreign key ("building_id") references "building" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "anonymous_report" add constraint "anonymous_report_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
    );
    this.addSql(
      `alter table "anonymous_report" add constraint "anonymous_report_issue_id_foreign" foreign key ("issue_id") references "resident_issue" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "anonymous_report" add constraint "anonymous_report_qr_point_id_foreign" foreign key ("qr_point_id") references "issue_qr_point" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(`alter table "resident_issue" add column "qr_point_id" int null;`);
    this.addSql(`alter table "resident_issue" alter column "household_id" drop not null;`);
    this.addSql(
      `alter table "resident_issue" add constraint "resident_issue_qr_point_id_foreign" foreign key ("qr_point_id") references "issue_qr_point" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "resident_issue" add constraint resident_issue_origin check((household_id is null) <> (qr_point_id is null));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "resident_issue" drop constraint "resident_issue_qr_point_id_foreign";`);

    this.addSql(`alter table "anonymous_report" drop constraint "anonymous_report_qr_point_id_foreign";`);

    this.addSql(`drop table if exists "issue_qr_point" cascade;`);

    this.addSql(`drop table if exists "anonymous_report" cascade;`);

    this.addSql(`alter table "resident_issue" drop constraint resident_issue_origin;`);
    this.addSql(`alter table "resident_issue" drop column "qr_point_id";`);

    this.addSql(`alter table "resident_issue" alter column "household_id" set not null;`);
  }
}
