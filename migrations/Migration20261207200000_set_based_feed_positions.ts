import { Migration } from '@mikro-orm/migrations';

/*
 * Feed positions for a whole statement at once. A request's audit entries are written by one
 * INSERT … SELECT (2,000 of them for a bulk upsert of 1,000 households); the per-row trigger spent
 * ~50 µs a row on a loaded machine (a plpgsql call, reading and writing the transaction-local
 * setting), ~100 ms a call. Now that statement reserves a community's positions once —
 * lianxin_feed_reserve takes the same advisory lock and reads the same highest position as the
 * trigger, and advances the same setting by the number of entries — and numbers its rows from the
 * reservation; the row trigger runs only for rows that come without a position (every other
 * writer: scripts, reseals), so both kinds of writer can be mixed in one transaction.
 *
 * A position given by the writer is checked at the end of every statement: per community, the
 * statement's positions are exactly the last `count` ones the transaction has taken (ending at the
 * setting, contiguous), and an entry without a community has none. With the unique constraint on
 * (community, position) — every lower position is committed or this transaction's — a statement
 * cannot leave a gap, repeat a position, or write one it did not take under the lock.
 */

const UP = String.raw`
create function lianxin_feed_reserve(community int, entries int) returns bigint
language plpgsql volatile security definer set search_path = pg_catalog, public as $$
declare
  setting text := 'lianxin_feed.c' || community;
  last text := current_setting(setting, true);
begin
  if community is null or entries is null or entries < 1 then
    raise exception 'lianxin_feed_reserve needs a community and at least one entry' using errcode = '22023';
  end if;
  if last is null or last = '' then
    -- 1818847091: the feed's class of advisory locks (as lianxin_feed_seq); the community is the object.
    perform pg_advisory_xact_lock(1818847091, community);
    last := coalesce((select a.feed_seq from audit_entry a where a.community_id = community and a.feed_seq is not null
                       order by a.feed_seq desc limit 1), 0)::text;
  end if;
  perform set_config(setting, (last::bigint + entries)::text, true);
  return last::bigint;
end $$;
revoke all on function lianxin_feed_reserve(int, int) from public;
grant execute on function lianxin_feed_reserve(int, int) to lianxin_app;

create function lianxin_feed_seq_check() returns trigger
language plpgsql set search_path = pg_catalog, public as $$
declare bad record;
begin
  select n.community_id, count(*) as entries, min(n.feed_seq) as first, max(n.feed_seq) as last,
         count(n.feed_seq) as numbered
    into bad
    from new_entries n
   group by n.community_id
  having (n.community_id is null and count(n.feed_seq) > 0)
      or (n.community_id is not null
          and (count(n.feed_seq) <> count(*)
               or max(n.feed_seq) - min(n.feed_seq) + 1 <> count(*)
               or max(n.feed_seq) is distinct from nullif(current_setting('lianxin_feed.c' || n.community_id, true), '')::bigint))
   limit 1;
  if found then
    raise exception 'audit entries of community % carry feed positions % to % that are not the % last taken under the feed lock',
      bad.community_id, bad.first, bad.last, bad.entries
      using errcode = '23514', constraint = 'audit_entry_feed_seq_taken';
  end if;
  return null;
end $$;

drop trigger audit_entry_feed_seq on audit_entry;
create trigger audit_entry_feed_seq before insert on audit_entry for each row
  when (new.feed_seq is null and new.community_id is not null) execute function lianxin_feed_seq();
create trigger audit_entry_feed_seq_check after insert on audit_entry referencing new table as new_entries
  for each statement execute function lianxin_feed_seq_check();
`;

const DOWN = String.raw`
drop trigger if exists audit_entry_feed_seq_check on audit_entry;
drop function if exists lianxin_feed_seq_check();
drop function if exists lianxin_feed_reserve(int, int);
drop trigger if exists audit_entry_feed_seq on audit_entry;
create trigger audit_entry_feed_seq before insert on audit_entry for each row execute function lianxin_feed_seq();
`;

export class Migration20261207200000_set_based_feed_positions extends Migration {
  override async up(): Promise<void> {
    this.addSql(UP);
  }

  override async down(): Promise<void> {
    this.addSql(DOWN);
  }
}
