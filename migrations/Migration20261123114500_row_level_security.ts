import { Migration } from '@mikro-orm/migrations';

/*
 * The second lock: row-level security.
 *
 * Requests run as the role lianxin_app — neither superuser nor owner of any table — switched to at
 * the start of each request transaction (SET LOCAL ROLE, like PostgREST's authenticator pattern),
 * so a missing `where` in application code cannot reach another community's rows. Every tenant
 * table has FORCE ROW LEVEL SECURITY and a policy keyed on the transaction-local settings
 * app.community_ids (the communities the principal may touch) and app.all_communities (platform
 * scope). Settings read through (select …) so each query evaluates them once, not per row.
 *
 * lianxin_begin_request() does the request's first round trip: it reads the principal and its role
 * bindings (as the connecting role), derives the communities they reach, switches the role and sets
 * the settings. Password and key hashes are readable only through SECURITY DEFINER functions.
 */

const TENANT_TABLES = [
  'community_committee',
  'compound_branch',
  'building_group',
  'compound',
  'compound_branch_assignment',
  'building',
  'unit',
  'household',
  'member_household',
  'person',
  'party_membership',
  'duty_assignment',
];
// Tables whose rows may belong to no community (platform level): visible with platform scope only.
const OPTIONAL_TENANT_TABLES = ['role_binding', 'service_account', 'api_key'];

const ROLE = String.raw`
do $$
begin
  create role lianxin_app nologin;
exception
  when duplicate_object then null;
  when insufficient_privilege then
    raise exception 'the database user cannot create the role lianxin_app: grant it CREATEROLE, or create lianxin_app (NOLOGIN) and grant it to this user';
end $$;
do $$
begin
  execute format('grant lianxin_app to %I', current_user);
exception
  when others then null; -- a superuser may SET ROLE without membership; membership may already exist
end $$;
grant usage on schema public to lianxin_app;
grant select, insert, update on all tables in schema public to lianxin_app;
grant usage, select on all sequences in schema public to lianxin_app;
revoke all on table mikro_orm_migrations from lianxin_app;
revoke update on table audit_entry from lianxin_app;
revoke select on table user_account from lianxin_app;
grant select (id, created_at, updated_at, login, display_name, person_id, oidc_issuer, oidc_subject, failed_logins, locked_until, last_login_at, disabled_at)
  on table user_account to lianxin_app;
revoke select on table api_key from lianxin_app;
grant select (id, created_at, updated_at, service_account_id, community_id, key_id, label, last_used_at, expires_at, revoked_at)
  on table api_key to lianxin_app;
`;

export const SETTINGS = String.raw`
create function lianxin_all_communities() returns boolean language sql stable as $$
  select coalesce(current_setting('app.all_communities', true), '') = 'on'
$$;
create function lianxin_community_ids() returns int[] language sql stable as $$
  select coalesce(string_to_array(nullif(current_setting('app.community_ids', true), ''), ',')::int[], '{}'::int[])
$$;
create function lianxin_user_id() returns int language sql stable as $$
  select nullif(current_setting('app.user_id', true), '')::int
$$;
create function lianxin_service_account_id() returns int language sql stable as $$
  select nullif(current_setting('app.service_account_id', true), '')::int
$$;
`;

/** The tenant policy of a table (exported: later migrations give new tables the same one). */
export function policy(table: string, key = 'community_id', extra = ''): string {
  const rule = `((select lianxin_all_communities()) or ${key} = any ((select lianxin_community_ids())::int[])${extra})`;
  return [
    `alter table "${table}" enable row level security;`,
    `alter table "${table}" force row level security;`,
    `create policy "${table}_tenant" on "${table}" using ${rule} with check ${rule};`,
  ].join('\n');
}

/** Undoes `policy`. */
export function dropPolicy(table: string): string {
  return `drop policy if exists "${table}_tenant" on "${table}"; alter table "${table}" no force row level security; alter table "${table}" disable row level security;`;
}

const POLICIES = [
  policy('community', 'id'),
  ...TENANT_TABLES.map((t) => policy(t, 'community_id')),
  policy(
    'role_binding',
    'community_id',
    ' or user_id = (select lianxin_user_id()) or service_account_id = (select lianxin_service_account_id())',
  ),
  policy('service_account', 'community_id', ' or id = (select lianxin_service_account_id())'),
  policy('api_key', 'community_id'),
].join('\n');

// The audit log: read within the caller's communities (platform entries by the platform only);
// any caller may append, including entries about platform-level objects (a district, a grant).
const AUDIT_POLICIES = String.raw`
alter table audit_entry enable row level security;
alter table audit_entry force row level security;
create policy audit_entry_read on audit_entry for select
  using ((select lianxin_all_communities()) or community_id = any ((select lianxin_community_ids())::int[]));
create policy audit_entry_append on audit_entry for insert
  with check (community_id is null or (select lianxin_all_communities()) or community_id = any ((select lianxin_community_ids())::int[]));
`;

const SCOPE_TRIGGERS = String.raw`
-- A binding's community is its scope's (none above communities); the scope must exist.
create function role_binding_scope() returns trigger language plpgsql as $$
declare found_community int;
begin
  if new.scope_type = 'PLATFORM' then
    new.community_id := null;
  elsif new.scope_type in ('DISTRICT', 'STREET') then
    if new.scope_type = 'DISTRICT' then perform 1 from district where id = new.scope_id; else perform 1 from street where id = new.scope_id; end if;
    if not found then raise exception 'scope does not exist' using errcode = '23503', constraint = 'role_binding_scope_exists'; end if;
    new.community_id := null;
  else
    execute format('select %s from %I where id = $1',
      case new.scope_type when 'COMMUNITY' then 'id' else 'community_id' end,
      case new.scope_type when 'COMMUNITY' then 'community' when 'BRANCH' then 'compound_branch' when 'GROUP' then 'building_group'
                          when 'COMPOUND' then 'compound' when 'HOUSEHOLD' then 'household' end)
      into found_community using new.scope_id;
    if found_community is null then raise exception 'scope does not exist' using errcode = '23503', constraint = 'role_binding_scope_exists'; end if;
    new.community_id := found_community;
  end if;
  return new;
end $$;
create trigger role_binding_scope before insert or update of scope_type, scope_id on role_binding for each row execute function role_binding_scope();

create function api_key_community() returns trigger language plpgsql as $$
begin
  select community_id into new.community_id from service_account where id = new.service_account_id;
  return new;
end $$;
create trigger api_key_community before insert or update of service_account_id on api_key for each row execute function api_key_community();
`;

/** Exported for the migration that replaces it, to restore it on the way down. */
export const BEGIN_REQUEST_V1 = String.raw`
-- The request's first statement. p_kind: anonymous | user | oidc | api_key; p_key: the user id,
-- "issuer subject" (OIDC) or the API key id. Returns the principal and its live bindings as JSON
-- (null when no such principal), then switches to lianxin_app with the row-level-security settings.
create function lianxin_begin_request(p_kind text, p_key text) returns jsonb
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
  v_principal jsonb := null;
begin
  -- Read identity rows whatever the table owner's row security says; the role switch follows.
  perform set_config('app.all_communities', 'on', true);
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
    select coalesce(jsonb_agg(jsonb_build_object(
             'id', b.id, 'role', b.role, 'scopeType', b.scope_type, 'scopeId', b.scope_id, 'communityId', b.community_id,
             'path', coalesce(d.path, s.path, c.path, br.path, g.path, cp.path, h.path)::text,
             'orgPath', coalesce(cp.org_path, h.org_path)::text,
             'scopeName', coalesce(d.name, s.name, c.name, br.name, g.name, cp.name, h.door_no),
             'grantedAt', b.created_at) order by b.id), '[]'::jsonb),
           bool_or(b.scope_type = 'PLATFORM'),
           coalesce(array_agg(distinct b.community_id) filter (where b.community_id is not null), '{}')
               || coalesce((select array_agg(x.id) from community x
                             where x.district_id in (select scope_id from role_binding r where r.revoked_at is null and r.scope_type = 'DISTRICT'
                                                       and (r.user_id = v_user.id or r.service_account_id = v_account.id))
                                or x.street_id in (select scope_id from role_binding r where r.revoked_at is null and r.scope_type = 'STREET'
                                                       and (r.user_id = v_user.id or r.service_account_id = v_account.id))), '{}')
      into v_bindings, v_all, v_ids
      from role_binding b
      left join district d on b.scope_type = 'DISTRICT' and d.id = b.scope_id
      left join street s on b.scope_type = 'STREET' and s.id = b.scope_id
      left join community c on b.scope_type = 'COMMUNITY' and c.id = b.scope_id
      left join compound_branch br on b.scope_type = 'BRANCH' and br.id = b.scope_id
      left join building_group g on b.scope_type = 'GROUP' and g.id = b.scope_id
      left join compound cp on b.scope_type = 'COMPOUND' and cp.id = b.scope_id
      left join household h on b.scope_type = 'HOUSEHOLD' and h.id = b.scope_id
     where b.revoked_at is null and (b.user_id = v_user.id or b.service_account_id = v_account.id);
    v_principal := jsonb_build_object(
      'userId', v_user.id, 'login', v_user.login, 'displayName', v_user.display_name, 'personId', v_user.person_id,
      'serviceAccountId', v_account.id, 'serviceAccountName', v_account.name,
      'apiKeyId', v_key_id, 'secretHash', v_secret, 'expiresAt', v_expires, 'revokedAt', v_revoked,
      'bindings', v_bindings, 'allCommunities', coalesce(v_all, false), 'communityIds', to_jsonb(coalesce(v_ids, '{}')));
  end if;

  perform set_config('role', 'lianxin_app', true);
  perform set_config('app.all_communities', case when coalesce(v_all, false) then 'on' else 'off' end, true);
  perform set_config('app.community_ids', array_to_string(coalesce(v_ids, '{}'), ','), true);
  perform set_config('app.user_id', coalesce(v_user.id::text, ''), true);
  perform set_config('app.service_account_id', coalesce(v_account.id::text, ''), true);
  return v_principal;
end $$;

`;

const FUNCTIONS =
  BEGIN_REQUEST_V1 +
  String.raw`
-- Login needs the password hash, which lianxin_app cannot select: this definer function returns it
-- for one login only.
create function lianxin_login_lookup(p_login text) returns table (id int, password_hash text, failed_logins int, locked_until timestamptz)
language sql security definer set search_path = public as $$
  select u.id, u.password_hash, u.failed_logins, u.locked_until from user_account u where u.login = lower(p_login) and u.disabled_at is null
$$;
revoke all on function lianxin_login_lookup(text) from public;
grant execute on function lianxin_login_lookup(text) to lianxin_app;

-- Marks an API key used (at most once a minute: no write per request).
create function lianxin_touch_api_key(p_id int) returns void
language sql security definer set search_path = public as $$
  update api_key set last_used_at = now() where id = p_id and (last_used_at is null or last_used_at < now() - interval '1 minute')
$$;
revoke all on function lianxin_touch_api_key(int) from public;
grant execute on function lianxin_touch_api_key(int) to lianxin_app;
`;

export class Migration20261123114500_row_level_security extends Migration {
  override async up(): Promise<void> {
    this.addSql(ROLE);
    this.addSql(SETTINGS);
    this.addSql(POLICIES);
    this.addSql(AUDIT_POLICIES);
    this.addSql(SCOPE_TRIGGERS);
    this.addSql(FUNCTIONS);
    this.addSql(`alter default privileges in schema public grant select, insert, update on tables to lianxin_app;`);
    this.addSql(`alter default privileges in schema public grant usage, select on sequences to lianxin_app;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter default privileges in schema public revoke select, insert, update on tables from lianxin_app;`);
    this.addSql(`alter default privileges in schema public revoke usage, select on sequences from lianxin_app;`);
    this.addSql('drop function if exists lianxin_touch_api_key(int);');
    this.addSql('drop function if exists lianxin_login_lookup(text);');
    this.addSql('drop function if exists lianxin_begin_request(text, text);');
    this.addSql('drop trigger if exists api_key_community on api_key; drop function if exists api_key_community();');
    this.addSql('drop trigger if exists role_binding_scope on role_binding; drop function if exists role_binding_scope();');
    this.addSql('drop policy if exists audit_entry_read on audit_entry; drop policy if exists audit_entry_append on audit_entry;');
    for (const table of ['community', ...TENANT_TABLES, ...OPTIONAL_TENANT_TABLES]) this.addSql(dropPolicy(table));
    for (const fn of ['lianxin_all_communities', 'lianxin_community_ids', 'lianxin_user_id', 'lianxin_service_account_id'])
      this.addSql(`drop function if exists ${fn}();`);
    this.addSql(
      'revoke all on all tables in schema public from lianxin_app; revoke all on all sequences in schema public from lianxin_app; revoke usage on schema public from lianxin_app;',
    );
  }
}
