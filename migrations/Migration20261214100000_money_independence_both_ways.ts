import { Migration } from '@mikro-orm/migrations';

/*
 * No one moves money alone, in both directions. lianxin_appointed_by() (money_mandates) answers
 * whether the proposer appointed the person resolving or paying; nothing asked whether that person
 * appointed the proposer. A community admin could create a login for an unaware resident, grant it
 * a role, have it propose, and resolve and pay the spend alone; a branch secretary could do the same
 * with a second secretary login over the branch.
 *
 * lianxin_appointer_of(): the login of the caller (or any login of the caller's person) found by
 * walking up from the proposer — from the proposer's login and every login of the proposer's person,
 * through who created each and who granted any of its bindings (revoked ones included: a revoked
 * grant still made the appointment), then through who created and granted every ancestor in turn.
 * One recursive statement, SECURITY DEFINER like lianxin_appointed_by (a chain may pass through an
 * officer above the community), restoring the request's own grant. The service asks both functions
 * in one statement; either finding a login refuses the act (NOT_INDEPENDENT).
 */

const APPOINTER_OF = String.raw`
create function lianxin_appointer_of(p_user int, p_person int, p_proposer_user int, p_proposer_person int) returns text
language plpgsql security definer set search_path = pg_catalog, public as $$
declare
  v_grant text := current_setting('app.grant', true);
  v_login text;
begin
  perform lianxin_grant_everything();
  with recursive proposer(user_id) as (
    select u.id from user_account u
     where u.id = p_proposer_user or (p_proposer_person is not null and u.person_id = p_proposer_person)
  ), chain(user_id) as (
    select s.parent from (
      select u.created_by_id as parent from user_account u join proposer p on p.user_id = u.id
      union
      select b.granted_by_id from role_binding b join proposer p on p.user_id = b.user_id
    ) s where s.parent is not null
    union
    select x.parent from chain c cross join lateral (
      select u.created_by_id as parent from user_account u where u.id = c.user_id
      union all
      select b.granted_by_id from role_binding b where b.user_id = c.user_id
    ) x where x.parent is not null
  )
  select u.login into v_login from chain c join user_account u on u.id = c.user_id
   where u.id = p_user or (p_person is not null and u.person_id = p_person)
   order by u.id limit 1;
  perform set_config('app.grant', coalesce(v_grant, ''), true);
  return v_login;
end $$;
revoke all on function lianxin_appointer_of(int, int, int, int) from public;
grant execute on function lianxin_appointer_of(int, int, int, int) to lianxin_app;
`;

export class Migration20261214100000_money_independence_both_ways extends Migration {
  override async up(): Promise<void> {
    this.addSql(APPOINTER_OF);
  }

  override async down(): Promise<void> {
    this.addSql('drop function if exists lianxin_appointer_of(int, int, int, int);');
  }
}
