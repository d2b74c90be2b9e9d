import { Migration } from '@mikro-orm/migrations';

/*
 * Whoever acts on a principal's credentials — mints an API key for a service account, disables a
 * user or a service account — must hold every role it holds, over every scope it reaches. Some of
 * those bindings sit where the caller cannot see (a platform grant of INTEGRATION at a district to a
 * community's service account): row-level security would hide exactly the bindings that matter.
 * This function answers every live binding of one principal, whatever the caller may see, but only
 * its role and where it sits (no names, nothing personal): enough to decide, nothing to read.
 */
const UP = String.raw`
create function lianxin_live_bindings(p_user_id int, p_service_account_id int)
returns table (role text, scope_type text, path text, org_path text, community_id int)
language plpgsql volatile security definer set search_path = pg_catalog, public as $$
declare v_grant text := current_setting('app.grant', true);
begin
  perform lianxin_grant_everything();
  return query
    select b.role::text, b.scope_type::text,
           coalesce(d.path, s.path, c.path, br.path, g.path, cp.path, h.path)::text,
           coalesce(cp.org_path, h.org_path)::text,
           b.community_id
      from role_binding b
      left join district d on b.scope_type = 'DISTRICT' and d.id = b.scope_id
      left join street s on b.scope_type = 'STREET' and s.id = b.scope_id
      left join community c on b.scope_type = 'COMMUNITY' and c.id = b.scope_id
      left join compound_branch br on b.scope_type = 'BRANCH' and br.id = b.scope_id
      left join building_group g on b.scope_type = 'GROUP' and g.id = b.scope_id
      left join compound cp on b.scope_type = 'COMPOUND' and cp.id = b.scope_id
      left join household h on b.scope_type = 'HOUSEHOLD' and h.id = b.scope_id
     where b.revoked_at is null
       and ((p_user_id is not null and b.user_id = p_user_id) or (p_service_account_id is not null and b.service_account_id = p_service_account_id));
  perform set_config('app.grant', coalesce(v_grant, ''), true);
end $$;
`;

export class Migration20261201100100_principal_bindings extends Migration {
  override async up(): Promise<void> {
    this.addSql(UP);
  }

  override async down(): Promise<void> {
    this.addSql('drop function if exists lianxin_live_bindings(int, int);');
  }
}
