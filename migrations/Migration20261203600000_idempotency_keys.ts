import { Migration } from '@mikro-orm/migrations';

/*
 * Idempotency keys of mutations (docs/integration.md, "Idempotency"): one row per (principal, key)
 * holding the hash of the request and, once it has run, its answer. Platform machinery, not tenant
 * data: a key belongs to whoever sent it, so row-level security limits each caller to its own rows
 * (a user's `u:<id>`, a service account's `s:<id>`), whatever communities it reaches. Expired rows are
 * purged a batch at a time by each keyed request (lianxin_purge_idempotency_keys), across callers,
 * hence SECURITY DEFINER; it deletes nothing that has not expired.
 */

const TABLE = String.raw`
create table lianxin_idempotency_key (
  principal varchar(32) not null,
  key varchar(255) not null,
  request_hash varchar(64) not null,
  response jsonb null,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  constraint lianxin_idempotency_key_pkey primary key (principal, key)
);
create index lianxin_idempotency_key_expires_at_index on lianxin_idempotency_key (expires_at);
alter table lianxin_idempotency_key enable row level security;
-- Not forced: the owner (the purge function below) deletes expired rows of every caller.
create policy lianxin_idempotency_key_own on lianxin_idempotency_key
  using (principal = 'u:' || (select lianxin_user_id()) or principal = 's:' || (select lianxin_service_account_id()))
  with check (principal = 'u:' || (select lianxin_user_id()) or principal = 's:' || (select lianxin_service_account_id()));
grant select, insert, update, delete on table lianxin_idempotency_key to lianxin_app;

create function lianxin_purge_idempotency_keys(p_now timestamptz, p_batch int) returns int
language plpgsql volatile security definer set search_path = pg_catalog, public as $$
declare purged int;
begin
  delete from lianxin_idempotency_key k
   where k.ctid = any (array(select e.ctid from lianxin_idempotency_key e where e.expires_at <= p_now
                              order by e.expires_at limit p_batch for update skip locked));
  get diagnostics purged = row_count;
  return purged;
end $$;
revoke all on function lianxin_purge_idempotency_keys(timestamptz, int) from public;
grant execute on function lianxin_purge_idempotency_keys(timestamptz, int) to lianxin_app;
`;

export class Migration20261203600000_idempotency_keys extends Migration {
  override async up(): Promise<void> {
    this.addSql(TABLE);
  }

  override async down(): Promise<void> {
    this.addSql('drop function if exists lianxin_purge_idempotency_keys(timestamptz, int);');
    this.addSql('drop table if exists lianxin_idempotency_key cascade;');
  }
}
