import { Migration } from '@mikro-orm/migrations';

export class Migration20261123114358_identity_and_audit extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "audit_entry" ("id" bigserial primary key, "occurred_at" timestamptz not null default current_timestamp, "community_id" int null, "request_id" varchar(64) not null, "actor_user_id" int null, "actor_service_account_id" int null, "actor_label" varchar(100) not null, "action" varchar(64) not null, "entity" varchar(64) not null, "entity_id" int null, "operation" varchar(10) not null, "changes" jsonb not null);`,
    );
    this.addSql(`create index "audit_entry_entity_entity_id_index" on "audit_entry" ("entity", "entity_id");`);
    this.addSql(`create index "audit_entry_community_id_id_index" on "audit_entry" ("community_id", "id");`);

    this.addSql(
      `create table "service_account" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "name" varchar(64) not null, "description" varchar(200) null, "community_id" int null, "disabled_at" timestamptz null, constraint service_account_name_format check (name ~ '^[a-z0-9][a-z0-9._-]{1,63}\$'));`,
    );
    this.addSql(`alter table "service_account" add constraint "service_account_name_unique" unique ("name");`);

    this.addSql(
      `create table "api_key" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "service_account_id" int not null, "community_id" int null, "key_id" varchar(24) not null, "secret_hash" varchar(64) not null, "label" varchar(100) null, "last_used_at" timestamptz null, "expires_at" timestamptz null, "revoked_at" timestamptz null);`,
    );
    this.addSql(`create index "api_key_service_account_id_index" on "api_key" ("service_account_id");`);
    this.addSql(`alter table "api_key" add constraint "api_key_key_id_unique" unique ("key_id");`);

    this.addSql(
      `create table "user_account" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "login" varchar(64) not null, "display_name" varchar(100) not null, "person_id" int null, "password_hash" text null, "oidc_issuer" varchar(200) null, "oidc_subject" varchar(200) null, "failed_logins" int not null default 0, "locked_until" timestamptz null, "last_login_at" timestamptz null, "disabled_at" timestamptz null, constraint user_account_login_format check (login ~ '^[a-z0-9][a-z0-9._-]{1,63}\$'));`,
    );
    this.addSql(`create index "user_account_person_id_index" on "user_account" ("person_id");`);
    this.addSql(
      `alter table "user_account" add constraint "user_account_oidc_issuer_oidc_subject_unique" unique ("oidc_issuer", "oidc_subject");`,
    );
    this.addSql(`alter table "user_account" add constraint "user_account_login_unique" unique ("login");`);

    this.addSql(
      `create table "role_binding" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "user_id" int null, "service_account_id" int null, "role" text check ("role" in ('PLATFORM_ADMIN', 'DISTRICT_OFFICER', 'STREET_OFFICER', 'COMMUNITY_ADMIN', 'BRANCH_SECRETARY', 'GROUP_LEADER', 'GRID_WORKER', 'FINANCE_SUPERVISOR', 'COMMITTEE_MEMBER', 'OWNER_REPRESENTATIVE', 'MEMBER', 'RESIDENT', 'INTEGRATION')) not null, "scope_type" text check ("scope_type" in ('PLATFORM', 'DISTRICT', 'STREET', 'COMMUNITY', 'BRANCH', 'GROUP', 'COMPOUND', 'HOUSEHOLD')) not null, "scope_id" int null, "community_id" int null, "granted_by_id" int null, "revoked_at" timestamptz null, "revoked_by_id" int null, constraint role_binding_scope_id check ((scope_type = 'PLATFORM') = (scope_id is null)), constraint role_binding_one_principal check ((user_id is null) <> (service_account_id is null)));`,
    );
    this.addSql(
      `create unique index "role_binding_active_unique" on "role_binding" (coalesce(user_id, 0), coalesce(service_account_id, 0), role, scope_type, coalesce(scope_id, 0)) where (revoked_at is null);`,
    );
    this.addSql(`create index "role_binding_community_id_index" on "role_binding" ("community_id");`);
    this.addSql(`create index "role_binding_service_account_id_index" on "role_binding" ("service_account_id");`);
    this.addSql(`create index "role_binding_user_id_index" on "role_binding" ("user_id");`);

    this.addSql(
      `alter table "service_account" add constraint "service_account_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "api_key" add constraint "api_key_service_account_id_foreign" foreign key ("service_account_id") references "service_account" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "api_key" add constraint "api_key_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "user_account" add constraint "user_account_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "role_binding" add constraint "role_binding_user_id_foreign" foreign key ("user_id") references "user_account" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "role_binding" add constraint "role_binding_service_account_id_foreign" foreign key ("service_account_id") references "service_account" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "role_binding" add constraint "role_binding_community_id_foreign" foreign key ("community_id") references "community" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "role_binding" add constraint "role_binding_granted_by_id_foreign" foreign key ("granted_by_id") references "user_account" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "role_binding" add constraint "role_binding_revoked_by_id_foreign" foreign key ("revoked_by_id") references "user_account" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(`alter table "household" add column "vulnerability_tags" text[] not null default '{}';`);
    this.addSql(
      `alter table "household" add constraint household_vulnerability_tags_known check(vulnerability_tags <@ array['ELDERLY_ALONE', 'LOW_INCOME', 'DISABLED', 'SPECIAL_NEEDS']::text[]);`,
    );

    this.addSql(`alter table "person" add column "phone" varchar(20) null, add column "id_number" varchar(18) null;`);
    this.addSql(
      `alter table "person" add constraint person_id_number_format check(id_number is null or id_number ~ '^[0-9]{17}[0-9X]\$');`,
    );
    this.addSql(`alter table "person" add constraint person_phone_format check(phone is null or phone ~ '^[0-9+ -]{5,20}\$');`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "api_key" drop constraint "api_key_service_account_id_foreign";`);

    this.addSql(`alter table "role_binding" drop constraint "role_binding_service_account_id_foreign";`);

    this.addSql(`alter table "role_binding" drop constraint "role_binding_user_id_foreign";`);

    this.addSql(`alter table "role_binding" drop constraint "role_binding_granted_by_id_foreign";`);

    this.addSql(`alter table "role_binding" drop constraint "role_binding_revoked_by_id_foreign";`);

    this.addSql(`drop table if exists "audit_entry" cascade;`);

    this.addSql(`drop table if exists "service_account" cascade;`);

    this.addSql(`drop table if exists "api_key" cascade;`);

    this.addSql(`drop table if exists "user_account" cascade;`);

    this.addSql(`drop table if exists "role_binding" cascade;`);

    this.addSql(`alter table "household" drop constraint household_vulnerability_tags_known;`);
    this.addSql(`alter table "household" drop column "vulnerability_tags";`);

    this.addSql(`alter table "person" drop constraint person_id_number_format;`);
    this.addSql(`alter table "person" drop constraint person_phone_format;`);
    this.addSql(`alter table "person" drop column "phone", drop column "id_number";`);
  }
}
