import { Migration } from '@mikro-orm/migrations';

/*
 * The change feed in commit order. Each audit entry of a community takes the next position of
 * that community's counter row in a trigger; the row stays locked until the writing transaction
 * ends, so a later writer waits and its positions follow the earlier writer's commit, and a
 * rolled-back writer gives its positions back. A reader that sees position n therefore sees every
 * position below it: no gaps, no reordering, whatever the order in which ids were handed out.
 * Existing entries are numbered in id order (their commits are long past).
 */

const TRIGGER = String.raw`
create function lianxin_feed_seq() returns trigger
language plpgsql security definer set search_path = pg_catalog, public as $$
begin
  if new.community_id is null then
    new.feed_seq := null;
    return new;
  end if;
  insert into change_feed_position as p (community_id, last_seq) values (new.community_id, 1)
    on conflict (community_id) do update set last_seq = p.last_seq + 1
    returning p.last_seq into new.feed_seq;
  return new;
end $$;
revoke all on function lianxin_feed_seq() from public;
create trigger audit_entry_feed_seq before insert on audit_entry for each row execute function lianxin_feed_seq();
`;

export class Migration20261203700000_commit_ordered_feed extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "change_feed_position" ("community_id" int not null, "last_seq" bigint not null, constraint "change_feed_position_pkey" primary key ("community_id"));`,
    );
    // Only the trigger (running as the owner) touches the counters, for whichever community the
    // entry names; the application's role has no grant on the table at all.
    this.addSql(`alter table change_feed_position enable row level security; alter table change_feed_position force row level security;
      do $$ begin execute format('create policy change_feed_position_owner on change_feed_position to %I using (true) with check (true)', current_user); end $$;`);
    this.addSql('revoke all on table change_feed_position from lianxin_app;');
    this.addSql(`alter table "audit_entry" add column "feed_seq" bigint null;`);
    // The owner numbers the existing entries (the log is append-only for everyone else).
    this.addSql('alter table audit_entry no force row level security;');
    this.addSql(`update audit_entry a set feed_seq = s.n
                   from (select id, row_number() over (partition by community_id order by id) as n
                           from audit_entry where community_id is not null) s
                  where a.id = s.id;`);
    this.addSql(`insert into change_feed_position (community_id, last_seq)
                 select community_id, max(feed_seq) from audit_entry where community_id is not null group by community_id;`);
    this.addSql('alter table audit_entry force row level security;');
    this.addSql(`alter table "audit_entry" add constraint "audit_entry_community_id_feed_seq_unique" unique ("community_id", "feed_seq");`);
    this.addSql(TRIGGER);
  }

  override async down(): Promise<void> {
    this.addSql('drop trigger if exists audit_entry_feed_seq on audit_entry; drop function if exists lianxin_feed_seq();');
    this.addSql(`alter table "audit_entry" drop constraint if exists "audit_entry_community_id_feed_seq_unique";`);
    this.addSql(`alter table "audit_entry" drop column if exists "feed_seq";`);
    this.addSql('drop policy if exists change_feed_position_owner on change_feed_position;');
    this.addSql('drop table if exists "change_feed_position" cascade;');
  }
}
