import { Migration } from '@mikro-orm/migrations';
import { dropPolicy, policy } from './Migration20261123114500_row_level_security';

/*
 * Webhooks: subscriptions, their sealed signing secrets, deliveries and their tries, each in its
 * subscription's community (row-level security; a child row's community is its parent's). A
 * statement-level trigger on the audit log queues the community's dispatcher (one waiting job per
 * community, graphile-worker's job key) in the writer's own transaction when the change is of a
 * kind the feed carries and the community has an active webhook; the job row stays locked by the
 * writer until it commits, so the dispatcher cannot run before the change is visible.
 */

const TABLES = ['webhook_subscription', 'webhook_secret', 'webhook_delivery', 'webhook_attempt'];

const TRIGGERS = String.raw`
create function webhook_child_community() returns trigger language plpgsql as $$
declare parent_community int;
begin
  if TG_TABLE_NAME = 'webhook_attempt' then
    select community_id into parent_community from webhook_delivery where id = new.delivery_id;
  else
    select community_id into parent_community from webhook_subscription where id = new.subscription_id;
  end if;
  if not found then raise exception 'the parent of % does not exist', TG_TABLE_NAME using errcode = '23503', constraint = TG_TABLE_NAME || '_parent_exists'; end if;
  new.community_id := lianxin_same_community(new.community_id, parent_community, TG_TABLE_NAME || '_same_community');
  return new;
end $$;

create function webhook_dispatch_on_change() returns trigger language plpgsql as $$
begin
  perform graphile_worker.add_job('webhooks.dispatch', json_build_object('communityId', x.community_id),
            job_key => 'webhooks.dispatch:' || x.community_id, job_key_mode => 'preserve_run_at')
     from (select distinct n.community_id from new_entries n
            where n.community_id is not null
              and n.entity in ('Community', 'Compound', 'Building', 'Unit', 'Household', 'Person')
              and exists (select 1 from webhook_subscription s where s.community_id = n.community_id and s.active)
            order by 1) x;
  return null;
end $$;
create trigger audit_entry_webhook_dispatch after insert on audit_entry referencing new table as new_entries
  for each statement execute function webhook_dispatch_on_change();
`;

export class Migration20261203700100_webhooks extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "webhook_subscription" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "url" varchar(2000) not null, "event_types" text[] not null, "description" varchar(200) null, "active" boolean not null default true, "last_feed_seq" bigint not null default 0, "created_by" varchar(100) not null);`,
    );
    this.addSql(`create index "webhook_subscription_community_id_active_index" on "webhook_subscription" ("community_id", "active");`);
    this.addSql(
      `create table "webhook_secret" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "subscription_id" int not null, "sealed" text not null, "ended_at" timestamptz null);`,
    );
    this.addSql(
      `create table "webhook_delivery" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "subscription_id" int not null, "feed_seq" bigint not null, "event_type" varchar(64) not null, "body" text not null, "status" varchar(16) not null, "attempts" int not null default 0, "max_attempts" int not null, "next_attempt_at" timestamptz null, "delivered_at" timestamptz null, "last_status_code" int null);`,
    );
    this.addSql(`create index "webhook_delivery_subscription_id_id_index" on "webhook_delivery" ("subscription_id", "id");`);
    this.addSql(
      `alter table "webhook_delivery" add constraint "webhook_delivery_subscription_id_feed_seq_unique" unique ("subscription_id", "feed_seq");`,
    );
    this.addSql(
      `create table "webhook_attempt" ("id" serial primary key, "created_at" timestamptz not null default current_timestamp, "updated_at" timestamptz not null default current_timestamp, "community_id" int not null, "delivery_id" int not null, "attempted_at" timestamptz not null, "status_code" int null, "error" varchar(500) null, "duration_ms" int not null);`,
    );
    this.addSql(`create index "webhook_attempt_delivery_id_id_index" on "webhook_attempt" ("delivery_id", "id");`);

    for (const table of TABLES) {
      this.addSql(
        `alter table "${table}" add constraint "${table}_community_id_foreign" foreign key ("community_id") references "community" ("id") on update no action on delete restrict;`,
      );
    }
    this.addSql(
      `alter table "webhook_secret" add constraint "webhook_secret_subscription_id_foreign" foreign key ("subscription_id") references "webhook_subscription" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "webhook_delivery" add constraint "webhook_delivery_subscription_id_foreign" foreign key ("subscription_id") references "webhook_subscription" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "webhook_attempt" add constraint "webhook_attempt_delivery_id_foreign" foreign key ("delivery_id") references "webhook_delivery" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(TRIGGERS);
    for (const table of TABLES.slice(1)) {
      this.addSql(
        `create trigger ${table}_community before insert or update on ${table} for each row execute function webhook_child_community();`,
      );
    }
    for (const table of TABLES) this.addSql(policy(table));
    // The log of tries is a log: kept as written.
    this.addSql('revoke update, delete on table webhook_attempt from lianxin_app;');
    this.addSql('revoke delete on table webhook_subscription, webhook_secret, webhook_delivery from lianxin_app;');
  }

  override async down(): Promise<void> {
    this.addSql('drop trigger if exists audit_entry_webhook_dispatch on audit_entry;');
    for (const table of TABLES) this.addSql(dropPolicy(table));
    this.addSql('drop table if exists "webhook_attempt" cascade;');
    this.addSql('drop table if exists "webhook_delivery" cascade;');
    this.addSql('drop table if exists "webhook_secret" cascade;');
    this.addSql('drop table if exists "webhook_subscription" cascade;');
    this.addSql('drop function if exists webhook_dispatch_on_change(); drop function if exists webhook_child_community();');
  }
}
