import { Migration } from '@mikro-orm/migrations';

/*
 * A successful sign-in is an audited change like any other: lianxin_record_sign_in sets the
 * account's last_login_at and writes the entry (the account, its new last sign-in, the source) in
 * the community of the account's person, so that community's administrators see sign-ins as they
 * see failed ones (lianxin_audit_failed_login). The caller is anonymous until the session opens,
 * so it runs as definer under a grant for everything for the duration of the call. Every row the
 * application changes thus has its audit entry (a test compares them).
 */
const SIGN_IN = String.raw`
create function lianxin_record_sign_in(p_request_id text, p_user_id int, p_source text) returns void
language plpgsql volatile security definer set search_path = pg_catalog, public as $$
declare
  v_grant text := current_setting('app.grant', true);
  v_user user_account%rowtype;
  v_community int;
begin
  perform lianxin_grant_everything();
  select * into v_user from user_account where id = p_user_id and disabled_at is null for update;
  if found then
    update user_account set last_login_at = now() where id = p_user_id;
    select p.community_id into v_community from person p where p.id = v_user.person_id;
    insert into audit_entry (community_id, request_id, actor_user_id, actor_service_account_id, actor_label, action, entity, entity_id, operation, changes)
    values (v_community, left(p_request_id, 64), p_user_id, null, v_user.login, 'login', 'UserAccount', p_user_id, 'UPDATE',
            jsonb_build_object(
              'lastLoginAt', jsonb_build_object('before', to_jsonb(v_user.last_login_at), 'after', to_jsonb(now())),
              'source', jsonb_build_object('before', null, 'after', left(p_source, 64))));
  end if;
  perform set_config('app.grant', coalesce(v_grant, ''), true);
end $$;
revoke all on function lianxin_record_sign_in(text, int, text) from public;
grant execute on function lianxin_record_sign_in(text, int, text) to lianxin_app;
`;

export class Migration20261201400000_sign_in_audit extends Migration {
  override async up(): Promise<void> {
    this.addSql(SIGN_IN);
  }

  override async down(): Promise<void> {
    this.addSql('drop function if exists lianxin_record_sign_in(text, int, text);');
  }
}
