import { Migration } from '@mikro-orm/migrations';

/*
 * The change feed in commit order. Each audit entry of a community takes the next position of
 * that community (its highest position + 1) in a trigger, under a transaction-level advisory lock
 * on the community: the lock is held until the writing transaction ends, so a later writer waits
 * and reads the highest position only after the earlier writer committed (or rolled back, whose
 * positions then never existed). A reader that sees position n therefore sees every position
 * below it: no gaps, no reordering, whatever the order in which ids were handed out.
 *
 * Within a transaction the last position is remembered in a transaction-local setting, so a
 * statement writing a thousand entries looks the highest position up once, not a thousand times
 * (a counter row updated per entry grew quadratically in one transaction: 10,000 entries took a
 * second). A rolled-back savepoint rolls the setting back with it.
 *
 * Needs READ COMMITTED writers (the platform's): a snapshot older than the lock would read a stale
 * highest position, and the unique constraint would then refuse the write rather than reorder.
 * Existing entries are numbered in id order (their commits are long past).
 */

const TRIGGER = String.raw`
create function lianxin_feed_seq() returns trigger
language plpgsql security definer set search_path = pg_catalog, public as $$
declare
  setting text := 'lianxin_feed.c' || new.community_id;
  last text := current_setting(setting, true);
begin
  if new.community_id is null then
    new.feed_seq := null;
    return new;
  end if;
  if last is null or last = '' then
    -- 1818847091: the feed's class of advisory locks; the community is the object.
    perform pg_advisory_xact_lock(1818847091, new.community_id);
    last := coalesce((select a.feed_seq from audit_entry a where a.community_id = new.community_id and a.feed_seq is not null
                       order by a.feed_seq desc limit 1), 0)::text;
  end if;
  new.feed_seq := last::bigint + 1;
  perform set_config(setting, new.feed_seq::text, true);
  return new;
end $$;
revoke all on function lianxin_feed_seq() from public;
create trigger audit_entry_feed_seq before insert on audit_entry for each row execute function lianxin_feed_seq();
`;

export class Migration20261203700000_commit_ordered_feed extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "audit_entry" add column "feed_seq" bigint null;`);
    // The owner numbers the existing entries (the log is append-only for everyone else).
    this.addSql('alter table audit_entry no force row level security;');
    this.addSql(`update audit_entry a set feed_seq = s.n
                   from (select id, row_number() over (partition by community_id order by id) as n
                           from audit_entry where community_id is not null) s
                  where a.id = s.id;`);
    this.addSql('alter table audit_entry force row level security;');
    this.addSql(`alter table "audit_entry" add constraint "audit_entry_community_id_feed_seq_unique" unique ("community_id", "feed_seq");`);
    this.addSql(TRIGGER);
  }

  override async down(): Promise<void> {
    this.addSql('drop trigger if exists audit_entry_feed_seq on audit_entry; drop function if exists lianxin_feed_seq();');
    this.addSql(`alter table "audit_entry" drop constraint if exists "audit_entry_community_id_feed_seq_unique";`);
    this.addSql(`alter table "audit_entry" drop column if exists "feed_seq";`);
  }
}
