import { Migration } from '@mikro-orm/migrations';

/*
 * No one moves money alone: what the database keeps for the rule.
 *
 * - One login per person on record: at most one active (not disabled) user account per person.
 *   Existing duplicates stop the migration with the persons named: which login to keep is a
 *   decision for the community, not for a migration.
 * - Who created each login (`created_by_id`; null for accounts made outside the API), readable by
 *   the application role like the other non-secret columns.
 * - lianxin_appointed_by(): the login, if any, of the proposer (or of any login of the proposer's
 *   person) found by walking up from a user account through who created it and who granted the
 *   bindings that give it the capability in use, then through who created and granted every
 *   ancestor in turn — one recursive statement. It must see every user and binding whatever the
 *   request's communities (a chain may pass through an officer above the community), so it is a
 *   SECURITY DEFINER function that reads them under a grant for everything, as
 *   lianxin_begin_request does for the principal, and restores the request's own grant.
 */

const DUPLICATES = String.raw`
do $$
declare v_people text;
begin
  select string_agg(format('person %s: %s', person_id, logins), '; ') into v_people
    from (select person_id, string_agg(login, ', ' order by id) as logins from user_account
           where person_id is not null and disabled_at is null group by person_id having count(*) > 1) d;
  if v_people is not null then
    raise exception 'one login per person: these persons have more than one active login (%); disable all but one of each (update user_account set disabled_at = now() where login = ...) and migrate again', v_people;
  end if;
end $$;
`;

const APPOINTED_BY = String.raw`
create function lianxin_appointed_by(p_user int, p_bindings int[], p_proposer_user int, p_proposer_person int) returns text
language plpgsql security definer set search_path = pg_catalog, public as $$
declare
  v_grant text := current_setting('app.grant', true);
  v_login text;
begin
  perform lianxin_grant_everything();
  with recursive chain(user_id) as (
    select s.parent from (
      select u.created_by_id as parent from user_account u where u.id = p_user
      union
      select b.granted_by_id from role_binding b where b.id = any(p_bindings) and b.user_id = p_user
    ) s where s.parent is not null
    union
    select x.parent from chain c cross join lateral (
      select u.created_by_id as parent from user_account u where u.id = c.user_id
      union all
      select b.granted_by_id from role_binding b where b.user_id = c.user_id
    ) x where x.parent is not null
  )
  select u.login into v_login from chain c join user_account u on u.id = c.user_id
   where u.id = p_proposer_user or (p_proposer_person is not null and u.person_id = p_proposer_person)
   order by u.id limit 1;
  perform set_config('app.grant', coalesce(v_grant, ''), true);
  return v_login;
end $$;
revoke all on function lianxin_appointed_by(int, int[], int, int) from public;
grant execute on function lianxin_appointed_by(int, int[], int, int) to lianxin_app;
`;

export class Migration20261201200100_money_mandates extends Migration {
  override async up(): Promise<void> {
    this.addSql(DUPLICATES);
    this.addSql(`alter table "user_account" add column "created_by_id" int null;`);
    this.addSql(
      `alter table "user_account" add constraint "user_account_created_by_id_foreign" foreign key ("created_by_id") references "user_account" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(`create unique index "user_account_person_active_unique" on "user_account" ("person_id") where (disabled_at is null);`);
    // user_account's columns are granted one by one (its secrets are not): add the new one.
    this.addSql('grant select (created_by_id) on table user_account to lianxin_app;');
    this.addSql(APPOINTED_BY);
  }

  override async down(): Promise<void> {
    this.addSql('drop function if exists lianxin_appointed_by(int, int[], int, int);');
    this.addSql('revoke select (created_by_id) on table user_account from lianxin_app;');
    this.addSql(`drop index "user_account_person_active_unique";`);
    this.addSql(`alter table "user_account" drop constraint "user_account_created_by_id_foreign";`);
    this.addSql(`alter table "user_account" drop column "created_by_id";`);
  }
}
