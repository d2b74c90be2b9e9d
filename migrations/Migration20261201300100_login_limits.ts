import { Migration } from '@mikro-orm/migrations';

/*
 * Sign-in limits and the audit of failed sign-ins.
 *
 * lianxin_login_attempt is rate-limiter-flexible's PostgreSQL store (its own table layout: key,
 * points, expire in ms), shared by every API instance: keys `login_source:<login>|<source>` (failed
 * attempts per login and client source) and `login_source_all:<source>` (failed attempts per
 * source, any login). Each attempt is counted by one upsert before the password is checked, so
 * parallel guesses cannot all be evaluated. The limiter runs outside the request's transaction as
 * the pool's role; it deletes a pair's row after a successful sign-in and its expired rows.
 *
 * lianxin_audit_failed_login writes the audit entry of a failed sign-in (never the password) in
 * the community of the account tried, so that community's administrators see attempts on their
 * users; attempts on unknown logins belong to no community (platform administrators see them).
 * It reads the account's person across row-level security (the caller is anonymous), hence
 * SECURITY DEFINER under a grant for everything for the duration of the call.
 */

const LIMITS = String.raw`
create table lianxin_login_attempt (
  key varchar(255) primary key,
  points integer not null default 0,
  expire bigint
);
grant select, insert, update, delete on table lianxin_login_attempt to lianxin_app;

create function lianxin_audit_failed_login(p_request_id text, p_login text, p_user_id int, p_source text, p_reason text) returns void
language plpgsql volatile security definer set search_path = pg_catalog, public as $$
declare v_grant text := current_setting('app.grant', true);
begin
  perform lianxin_grant_everything();
  insert into audit_entry (community_id, request_id, actor_user_id, actor_service_account_id, actor_label, action, entity, entity_id, operation, changes)
  select (select p.community_id from user_account u join person p on p.id = u.person_id where u.id = p_user_id),
         left(p_request_id, 64), null, null, 'anonymous', 'login', 'UserAccount', p_user_id, 'DENIED',
         jsonb_build_object(
           'login', jsonb_build_object('before', null, 'after', left(p_login, 64)),
           'source', jsonb_build_object('before', null, 'after', left(p_source, 64)),
           'reason', jsonb_build_object('before', null, 'after', p_reason));
  perform set_config('app.grant', coalesce(v_grant, ''), true);
end $$;
revoke all on function lianxin_audit_failed_login(text, text, int, text, text) from public;
grant execute on function lianxin_audit_failed_login(text, text, int, text, text) to lianxin_app;
`;

export class Migration20261201300100_login_limits extends Migration {
  override async up(): Promise<void> {
    this.addSql(LIMITS);
  }

  override async down(): Promise<void> {
    this.addSql('drop function if exists lianxin_audit_failed_login(text, text, int, text, text);');
    this.addSql('drop table if exists lianxin_login_attempt;');
  }
}
