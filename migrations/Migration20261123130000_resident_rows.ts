import { Migration } from '@mikro-orm/migrations';
import { BEGIN_REQUEST_V1 } from './Migration20261123114500_row_level_security';

/*
 * Resident rows behind their own lock; bindings above communities for the officers there.
 *
 * Row-level security so far let a principal see every row of the communities it reaches. District
 * and street officers reach whole districts for the organization, but must never read households or
 * persons. So the tables about residents (households, persons, party memberships, duties) get a
 * policy of their own, keyed on app.resident_community_ids: the communities where the principal
 * holds a role that reads residents. Which roles those are is the application's capability table;
 * it passes them to lianxin_begin_request, so the policy has one source.
 *
 * Figures over resident rows that organization readers may see (household and party-member counts)
 * come from lianxin_community_figures / lianxin_compound_figures: they count across the resident lock
 * (their own SET clause, restored when they return) but only for communities and compounds the
 * caller can already see, and return counts, never rows.
 */

const RESIDENT_TABLES = ['household', 'person', 'party_membership', 'duty_assignment'];

export const SETTINGS = String.raw`
create function lianxin_scope_ids(p_kind text) returns int[] language sql stable as $$
  select coalesce(string_to_array(nullif(current_setting('app.' || p_kind || '_ids', true), ''), ',')::int[], '{}'::int[])
$$;
create function lianxin_all_residents() returns boolean language sql stable as $$
  select coalesce(current_setting('app.all_residents', true), '') = 'on'
$$;
create function lianxin_resident_community_ids() returns int[] language sql stable as $$
  select coalesce(string_to_array(nullif(current_setting('app.resident_community_ids', true), ''), ',')::int[], '{}'::int[])
$$;
`;

function residentPolicy(table: string): string {
  const rule = `((select lianxin_all_residents()) or community_id = any ((select lianxin_resident_community_ids())::int[]))`;
  return `drop policy "${table}_tenant" on "${table}";\ncreate policy "${table}_tenant" on "${table}" using ${rule} with check ${rule};`;
}

/*
 * Bindings above communities (at a district or street) belong to no community: besides the
 * platform, the officers of that district or street may see and make them (app.district_ids and
 * app.street_ids: the districts and streets the caller's bindings cover).
 */
const ROLE_BINDING_POLICY = String.raw`
drop policy role_binding_tenant on role_binding;
create policy role_binding_tenant on role_binding using (
  (select lianxin_all_communities()) or community_id = any ((select lianxin_community_ids())::int[])
  or user_id = (select lianxin_user_id()) or service_account_id = (select lianxin_service_account_id())
  or (scope_type = 'DISTRICT' and scope_id = any ((select lianxin_scope_ids('district'))::int[]))
  or (scope_type = 'STREET' and scope_id = any ((select lianxin_scope_ids('street'))::int[]))
) with check (
  (select lianxin_all_communities()) or community_id = any ((select lianxin_community_ids())::int[])
  or (scope_type = 'DISTRICT' and scope_id = any ((select lianxin_scope_ids('district'))::int[]))
  or (scope_type = 'STREET' and scope_id = any ((select lianxin_scope_ids('street'))::int[]))
);
`;

const ROLE_BINDING_POLICY_V1 = String.raw`
drop policy role_binding_tenant on role_binding;
create policy role_binding_tenant on role_binding
  using ((select lianxin_all_communities()) or community_id = any ((select lianxin_community_ids())::int[]) or user_id = (select lianxin_user_id()) or service_account_id = (select lianxin_service_account_id()))
  with check ((select lianxin_all_communities()) or community_id = any ((select lianxin_community_ids())::int[]) or user_id = (select lianxin_user_id()) or service_account_id = (select lianxin_service_account_id()));
`;

function tenantPolicy(table: string): string {
  const rule = `((select lianxin_all_communities()) or community_id = any ((select lianxin_community_ids())::int[]))`;
  return `drop policy "${table}_tenant" on "${table}";\ncreate policy "${table}_tenant" on "${table}" using ${rule} with check ${rule};`;
}

export const BEGIN = String.raw`
-- The request's first statement. p_kind: anonymous | user | oidc | api_key; p_key: the user id,
-- "issuer subject" (OIDC) or the API key id; p_resident_roles: the roles that read residents.
-- Returns the principal and its live bindings as JSON (null when no such principal), then switches
-- to lianxin_app with the row-level-security settings.
create function lianxin_begin_request(p_kind text, p_key text, p_resident_roles text[]) returns jsonb
language plpgsql security invoker as $$
declare
  v_user user_account%rowtype;
  v_account service_account%rowtype;
  v_key_id int;
  v_secret text;
  v_expires timestamptz;
  v_revoked timestamptz;
  v_key_account int;
  v_bindings jsonb := '[]'::jsonb;
  v_all boolean := false;
  v_ids int[] := '{}';
  v_residents_all boolean := false;
  v_resident_ids int[] := '{}';
  v_district_ids int[] := '{}';
  v_street_ids int[] := '{}';
  v_principal jsonb := null;
begin
  -- Read identity rows whatever the owner's row security says; the role switch follows.
  perform set_config('app.all_communities', 'on', true);
  perform set_config('app.all_residents', 'on', true);
  if p_kind = 'user' then
    select * into v_user from user_account where id = p_key::int and disabled_at is null;
  elsif p_kind = 'oidc' then
    select * into v_user from user_account
     where oidc_issuer = split_part(p_key, ' ', 1) and oidc_subject = substr(p_key, length(split_part(p_key, ' ', 1)) + 2) and disabled_at is null;
  elsif p_kind = 'api_key' then
    select k.id, k.secret_hash, k.expires_at, k.revoked_at, k.service_account_id into v_key_id, v_secret, v_expires, v_revoked, v_key_account
      from api_key k join service_account s on s.id = k.service_account_id
     where k.key_id = p_key and s.disabled_at is null;
    if found then select * into v_account from service_account where id = v_key_account; end if;
  end if;

  if v_user.id is not null or v_account.id is not null then
    with live as (
      select b.* from role_binding b
       where b.revoked_at is null and (b.user_id = v_user.id or b.service_account_id = v_account.id)
    ), reach as (
      -- Each binding's communities: its own, or every community of its district or street.
      select l.role, l.scope_type, coalesce(l.community_id, x.id) as community_id
        from live l
        left join community x on (l.scope_type = 'DISTRICT' and x.district_id = l.scope_id) or (l.scope_type = 'STREET' and x.street_id = l.scope_id)
    )
    select (select coalesce(jsonb_agg(jsonb_build_object(
               'id', b.id, 'role', b.role, 'scopeType', b.scope_type, 'scopeId', b.scope_id, 'communityId', b.community_id,
               'path', coalesce(d.path, s.path, c.path, br.path, g.path, cp.path, h.path)::text,
               'orgPath', coalesce(cp.org_path, h.org_path)::text,
               'scopeName', coalesce(d.name, s.name, c.name, br.name, g.name, cp.name, h.door_no),
               'grantedAt', b.created_at) order by b.id), '[]'::jsonb)
              from live b
              left join district d on b.scope_type = 'DISTRICT' and d.id = b.scope_id
              left join street s on b.scope_type = 'STREET' and s.id = b.scope_id
              left join community c on b.scope_type = 'COMMUNITY' and c.id = b.scope_id
              left join compound_branch br on b.scope_type = 'BRANCH' and br.id = b.scope_id
              left join building_group g on b.scope_type = 'GROUP' and g.id = b.scope_id
              left join compound cp on b.scope_type = 'COMPOUND' and cp.id = b.scope_id
              left join household h on b.scope_type = 'HOUSEHOLD' and h.id = b.scope_id),
           coalesce((select bool_or(scope_type = 'PLATFORM') from live), false),
           coalesce((select array_agg(distinct community_id) from reach where community_id is not null), '{}'),
           coalesce((select bool_or(scope_type = 'PLATFORM' and role = any (p_resident_roles)) from live), false),
           coalesce((select array_agg(distinct community_id) from reach where community_id is not null and role = any (p_resident_roles)), '{}')
      into v_bindings, v_all, v_ids, v_residents_all, v_resident_ids;
    -- Districts and streets the bindings cover (a district covers its streets).
    select coalesce(array_agg(distinct scope_id) filter (where scope_type = 'DISTRICT'), '{}')
      into v_district_ids from role_binding
     where revoked_at is null and (user_id = v_user.id or service_account_id = v_account.id);
    select coalesce(array_agg(distinct s.id), '{}') into v_street_ids
      from street s
     where s.district_id = any (v_district_ids)
        or s.id in (select scope_id from role_binding where revoked_at is null and scope_type = 'STREET' and (user_id = v_user.id or service_account_id = v_account.id));
    v_principal := jsonb_build_object(
      'userId', v_user.id, 'login', v_user.login, 'displayName', v_user.display_name, 'personId', v_user.person_id,
      'serviceAccountId', v_account.id, 'serviceAccountName', v_account.name,
      'apiKeyId', v_key_id, 'secretHash', v_secret, 'expiresAt', v_expires, 'revokedAt', v_revoked,
      'bindings', v_bindings, 'allCommunities', v_all, 'communityIds', to_jsonb(v_ids),
      'allResidents', v_residents_all, 'residentCommunityIds', to_jsonb(v_resident_ids));
  end if;

  perform set_config('role', 'lianxin_app', true);
  perform set_config('app.all_communities', case when v_all then 'on' else 'off' end, true);
  perform set_config('app.community_ids', array_to_string(v_ids, ','), true);
  perform set_config('app.all_residents', case when v_residents_all then 'on' else 'off' end, true);
  perform set_config('app.resident_community_ids', array_to_string(v_resident_ids, ','), true);
  perform set_config('app.district_ids', array_to_string(v_district_ids, ','), true);
  perform set_config('app.street_ids', array_to_string(v_street_ids, ','), true);
  perform set_config('app.user_id', coalesce(v_user.id::text, ''), true);
  perform set_config('app.service_account_id', coalesce(v_account.id::text, ''), true);
  return v_principal;
end $$;
`;

export const FIGURES = String.raw`
create function lianxin_community_figures(p_ids int[]) returns table (community_id int, households int, party_members int)
language sql stable security invoker set app.all_residents = 'on' as $$
  select c.id,
         (select count(*)::int from household h where h.community_id = c.id and h.archived_at is null),
         (select count(*)::int from party_membership m where m.community_id = c.id and m.ended_on is null)
    from community c
   where c.id = any (p_ids)
$$;
create function lianxin_compound_figures(p_ids int[]) returns table (compound_id int, households int)
language sql stable security invoker set app.all_residents = 'on' as $$
  select cp.id, (select count(*)::int from household h where h.compound_id = cp.id and h.archived_at is null)
    from compound cp
   where cp.id = any (p_ids)
$$;
`;

export class Migration20261123130000_resident_rows extends Migration {
  override async up(): Promise<void> {
    this.addSql(SETTINGS);
    this.addSql(RESIDENT_TABLES.map(residentPolicy).join('\n'));
    this.addSql(ROLE_BINDING_POLICY);
    this.addSql('drop function lianxin_begin_request(text, text);');
    this.addSql(BEGIN);
    this.addSql(FIGURES);
  }

  override async down(): Promise<void> {
    this.addSql('drop function if exists lianxin_compound_figures(int[]); drop function if exists lianxin_community_figures(int[]);');
    this.addSql('drop function if exists lianxin_begin_request(text, text, text[]);');
    this.addSql(BEGIN_REQUEST_V1);
    this.addSql(RESIDENT_TABLES.map(tenantPolicy).join('\n'));
    this.addSql(ROLE_BINDING_POLICY_V1);
    this.addSql(
      'drop function if exists lianxin_resident_community_ids(); drop function if exists lianxin_all_residents(); drop function if exists lianxin_scope_ids(text);',
    );
  }
}
