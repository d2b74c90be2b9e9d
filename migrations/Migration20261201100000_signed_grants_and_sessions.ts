import { Migration } from '@mikro-orm/migrations';
import {
  BEGIN as BEGIN_REQUEST_V2,
  FIGURES as FIGURES_V2,
  SETTINGS as RESIDENT_SETTINGS_V1,
} from './Migration20261123130000_resident_rows';
import { SETTINGS as SETTINGS_V1 } from './Migration20261123114500_row_level_security';

/*
 * Row-level security as a real second lock.
 *
 * Until now the API connected as the tables' owner (or a superuser) and switched to lianxin_app
 * with SET ROLE; the row-level-security settings were plain custom settings (app.community_ids …)
 * that any statement could overwrite with set_config. A single compromised query could RESET ROLE,
 * or set app.all_communities = 'on', and read every community.
 *
 * Now:
 * - lianxin_app is a LOGIN role the API connects as directly: neither superuser, owner nor
 *   BYPASSRLS, and a member of no role, so there is nothing to switch to. Its password is set
 *   outside migrations (by the server in development, by the operator in production).
 * - The settings are one signed grant, app.grant = "<payload>.<HMAC>", where the HMAC (SHA-256,
 *   keyed with a per-database secret the application role cannot read) covers the payload, the
 *   backend's pid and the transaction's start: a grant cannot be forged, edited, or carried into
 *   another transaction. Policies read it through the same accessor functions as before, which
 *   now verify the signature (a missing or forged grant reaches nothing).
 * - lianxin_begin_request is SECURITY DEFINER and checks the caller's proof itself: the secret of
 *   an API key, or the secret of a sign-in session (platform tokens carry it); a request can begin
 *   only once per transaction. Sessions (lianxin_session) make tokens revocable one by one, and
 *   user_account.tokens_valid_after revokes all of a user's tokens at once (OIDC tokens included).
 * - Functions that count across the resident lock (figures) or read identity rows sign a grant for
 *   everything for the duration of their own work and then restore the caller's.
 */

const KEY = String.raw`
create table lianxin_grant_key (id int primary key default 1 check (id = 1), ipad bytea not null, opad bytea not null);
revoke all on table lianxin_grant_key from lianxin_app;
do $$
declare
  k bytea := sha256(convert_to(gen_random_uuid()::text || clock_timestamp()::text || gen_random_uuid()::text, 'UTF8')) || decode(repeat('00', 32), 'hex');
  ip bytea := k;
  op bytea := k;
begin
  -- HMAC's inner and outer keys, stored so each MAC is two built-in sha256 calls (no extension needed).
  for i in 0..63 loop
    ip := set_byte(ip, i, get_byte(k, i) # 54);
    op := set_byte(op, i, get_byte(k, i) # 92);
  end loop;
  insert into lianxin_grant_key (ipad, opad) values (ip, op);
end $$;
`;

const GRANT_FUNCTIONS = String.raw`
-- The MAC of a grant payload, bound to this backend and this transaction. Not for the application.
create function lianxin_grant_mac(p_payload text) returns text
language sql stable security definer set search_path = pg_catalog, public as $$
  select encode(sha256(k.opad || sha256(k.ipad || convert_to(
           p_payload || ';' || pg_backend_pid()::text || ';' || ((extract(epoch from transaction_timestamp()) * 1000000)::bigint)::text, 'UTF8'))), 'hex')
    from public.lianxin_grant_key k
$$;
revoke all on function lianxin_grant_mac(text) from public;

-- Signs and sets the transaction's grant. Fields: version, all communities (1/0), community ids,
-- all residents (1/0), resident community ids, district ids, street ids, user id, service account id.
create function lianxin_set_grant(p_parts text[]) returns void
language plpgsql volatile security definer set search_path = pg_catalog, public as $$
declare v_payload text := array_to_string(p_parts, ';', '');
begin
  perform set_config('app.grant', v_payload || '.' || public.lianxin_grant_mac(v_payload), true);
end $$;
revoke all on function lianxin_set_grant(text[]) from public;

-- Field n of the transaction's grant, or null when there is none or its signature does not hold.
-- PL/pgSQL, not SQL: a SECURITY DEFINER SQL function is never inlined and is planned afresh on
-- every call (~60 µs), while PL/pgSQL keeps its plans for the session (~9 µs); policies call this
-- once per statement and accessor.
create function lianxin_grant_part(p_index int) returns text
language plpgsql stable security definer set search_path = pg_catalog, public as $$
declare
  v_grant text := coalesce(current_setting('app.grant', true), '');
  v_payload text := split_part(v_grant, '.', 1);
  v_mac text := split_part(v_grant, '.', 2);
  v_key record;
begin
  if v_mac = '' then return null; end if;
  select k.ipad, k.opad into v_key from public.lianxin_grant_key k;
  if v_mac <> encode(sha256(v_key.opad || sha256(v_key.ipad || convert_to(
       v_payload || ';' || pg_backend_pid()::text || ';' || ((extract(epoch from transaction_timestamp()) * 1000000)::bigint)::text, 'UTF8'))), 'hex') then
    return null;
  end if;
  return split_part(v_payload, ';', p_index);
end $$;

-- For the owner's own tools (seeds, data migrations, the benchmark's loader): everything, for this transaction.
create function lianxin_grant_everything() returns void
language sql volatile security definer set search_path = pg_catalog, public as $$
  select public.lianxin_set_grant(array['g1', '1', '', '1', '', '', '', '', ''])
$$;
revoke all on function lianxin_grant_everything() from public;

create or replace function lianxin_all_communities() returns boolean language sql stable as $$
  select coalesce(lianxin_grant_part(2) = '1', false)
$$;
create or replace function lianxin_community_ids() returns int[] language sql stable as $$
  select coalesce(string_to_array(nullif(lianxin_grant_part(3), ''), ',')::int[], '{}'::int[])
$$;
create or replace function lianxin_all_residents() returns boolean language sql stable as $$
  select coalesce(lianxin_grant_part(4) = '1', false)
$$;
create or replace function lianxin_resident_community_ids() returns int[] language sql stable as $$
  select coalesce(string_to_array(nullif(lianxin_grant_part(5), ''), ',')::int[], '{}'::int[])
$$;
create or replace function lianxin_scope_ids(p_kind text) returns int[] language sql stable as $$
  select coalesce(string_to_array(nullif(lianxin_grant_part(case p_kind when 'district' then 6 when 'street' then 7 end), ''), ',')::int[], '{}'::int[])
$$;
create or replace function lianxin_user_id() returns int language sql stable as $$
  select nullif(lianxin_grant_part(8), '')::int
$$;
create or replace function lianxin_service_account_id() returns int language sql stable as $$
  select nullif(lianxin_grant_part(9), '')::int
$$;
`;

const SESSIONS = String.raw`
create table lianxin_session (
  id bigserial primary key,
  user_id int not null references user_account (id) on update cascade on delete cascade,
  secret_hash varchar(64) not null,
  created_at timestamptz not null default current_timestamp,
  expires_at timestamptz not null,
  revoked_at timestamptz null,
  constraint lianxin_session_secret_hash_unique unique (secret_hash)
);
create index lianxin_session_user_id_index on lianxin_session (user_id);
revoke all on table lianxin_session from lianxin_app;
revoke all on sequence lianxin_session_id_seq from lianxin_app;
alter table user_account add column tokens_valid_after timestamptz null;
grant select (tokens_valid_after) on table user_account to lianxin_app;
alter table audit_entry add column client_request_id varchar(64) null;

-- A new sign-in session for an active user: returns its secret (only its hash is kept). The rest of
-- the request may then show the caller their own account.
create function lianxin_open_session(p_user_id int, p_ttl_seconds int) returns text
language plpgsql volatile security definer set search_path = pg_catalog, public as $$
declare
  v_secret text := replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', '');
  v_payload text;
  v_parts text[];
begin
  insert into lianxin_session (user_id, secret_hash, expires_at)
  select u.id, encode(sha256(convert_to(v_secret, 'UTF8')), 'hex'), now() + make_interval(secs => p_ttl_seconds)
    from user_account u where u.id = p_user_id and u.disabled_at is null;
  if not found then return null; end if;
  if public.lianxin_grant_part(1) = 'g1' then
    v_parts := string_to_array(split_part(current_setting('app.grant', true), '.', 1), ';');
    if v_parts[8] = '' then
      v_parts[8] := p_user_id::text;
      perform public.lianxin_set_grant(v_parts);
    end if;
  end if;
  return v_secret;
end $$;
revoke all on function lianxin_open_session(int, int) from public;
grant execute on function lianxin_open_session(int, int) to lianxin_app;

-- Ends the session whose secret is given (signing out).
create function lianxin_end_session(p_secret text) returns boolean
language sql volatile security definer set search_path = pg_catalog, public as $$
  with ended as (
    update lianxin_session set revoked_at = now()
     where secret_hash = encode(sha256(convert_to(p_secret, 'UTF8')), 'hex') and revoked_at is null
     returning 1)
  select exists (select 1 from ended)
$$;
revoke all on function lianxin_end_session(text) from public;
grant execute on function lianxin_end_session(text) to lianxin_app;

-- Which of the given migrations this database has not applied (the application role cannot read
-- the migrations table; a server refuses to serve a database that is behind).
create function lianxin_pending_migrations(p_names text[]) returns text[]
language sql stable security definer set search_path = pg_catalog, public as $$
  select coalesce(array_agg(n order by n), '{}') from unnest(p_names) n where n not in (select name from public.mikro_orm_migrations)
$$;
`;

const BEGIN_REQUEST = String.raw`
-- The request's first statement. p_kind: anonymous | user | oidc | api_key. p_key: the user id,
-- "issuer subject" (OIDC) or the API key id. p_proof: the session secret (user) or the key's
-- secret (api_key), checked here against their hashes. p_issued_at: when the token was issued (OIDC:
-- refused when before the user's tokens_valid_after). p_resident_roles: the roles that read
-- residents. Returns the principal and its live bindings as JSON (null when the credentials do not
-- hold), and signs the transaction's grant: the communities it reaches, for row-level security.
create function lianxin_begin_request(p_kind text, p_key text, p_proof text, p_issued_at timestamptz, p_resident_roles text[]) returns jsonb
language plpgsql volatile security definer set search_path = pg_catalog, public as $$
declare
  v_user user_account%rowtype;
  v_account service_account%rowtype;
  v_key api_key%rowtype;
  v_key_matches boolean := false;
  v_bindings jsonb := '[]'::jsonb;
  v_all boolean := false;
  v_ids int[] := '{}';
  v_residents_all boolean := false;
  v_resident_ids int[] := '{}';
  v_district_ids int[] := '{}';
  v_street_ids int[] := '{}';
  v_principal jsonb := null;
begin
  -- One identity per transaction: a request cannot become someone else halfway through.
  if coalesce(current_setting('app.grant', true), '') <> '' then
    raise exception 'the request has already begun' using errcode = '42501';
  end if;
  -- Identity rows are read whatever the caller may see; the caller's own grant is signed below.
  perform lianxin_grant_everything();
  if p_kind = 'user' and p_key ~ '^[0-9]{1,10}$' then
    select u.* into v_user from user_account u
     where u.id = p_key::int and u.disabled_at is null
       and exists (select 1 from lianxin_session s
                    where s.user_id = u.id and s.secret_hash = encode(sha256(convert_to(coalesce(p_proof, ''), 'UTF8')), 'hex')
                      and s.revoked_at is null and s.expires_at > now()
                      and (u.tokens_valid_after is null or s.created_at >= u.tokens_valid_after));
  elsif p_kind = 'oidc' then
    select * into v_user from user_account
     where oidc_issuer = split_part(p_key, ' ', 1) and oidc_subject = substr(p_key, length(split_part(p_key, ' ', 1)) + 2) and disabled_at is null
       and (tokens_valid_after is null or p_issued_at >= date_trunc('second', tokens_valid_after));
  elsif p_kind = 'api_key' then
    select k.* into v_key from api_key k join service_account s on s.id = k.service_account_id
     where k.key_id = p_key and s.disabled_at is null;
    v_key_matches := found and v_key.secret_hash = encode(sha256(convert_to(coalesce(p_proof, ''), 'UTF8')), 'hex');
    if v_key_matches then
      if v_key.revoked_at is not null or (v_key.expires_at is not null and v_key.expires_at <= now()) then
        -- Known and matching, but not usable: say why, reach nothing.
        perform lianxin_set_grant(array['g1', '0', '', '0', '', '', '', '', '']);
        return jsonb_build_object('apiKeyId', v_key.id, 'revokedAt', v_key.revoked_at, 'expiresAt', v_key.expires_at, 'usable', false);
      end if;
      select * into v_account from service_account where id = v_key.service_account_id;
      -- Last use, at most once a minute: no write per request.
      update api_key set last_used_at = now() where id = v_key.id and (last_used_at is null or last_used_at < now() - interval '1 minute');
    end if;
  end if;

  if v_user.id is not null or v_account.id is not null then
    with live as (
      select b.* from role_binding b
       where b.revoked_at is null and (b.user_id = v_user.id or b.service_account_id = v_account.id)
    ), reach as (
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
      'apiKeyId', v_key.id, 'expiresAt', v_key.expires_at, 'usable', true,
      'bindings', v_bindings, 'allCommunities', v_all, 'communityIds', to_jsonb(v_ids),
      'allResidents', v_residents_all, 'residentCommunityIds', to_jsonb(v_resident_ids));
  end if;

  perform lianxin_set_grant(array[
    'g1',
    case when v_all then '1' else '0' end,
    array_to_string(v_ids, ','),
    case when v_residents_all then '1' else '0' end,
    array_to_string(v_resident_ids, ','),
    array_to_string(v_district_ids, ','),
    array_to_string(v_street_ids, ','),
    coalesce(v_user.id::text, ''),
    coalesce(v_account.id::text, '')]);
  return v_principal;
end $$;
revoke all on function lianxin_begin_request(text, text, text, timestamptz, text[]) from public;
grant execute on function lianxin_begin_request(text, text, text, timestamptz, text[]) to lianxin_app;
`;

// Counts across the resident lock, for what the caller can already see: the caller's own grant
// decides which communities and compounds are counted; the counting itself reads everything.
const FIGURES = String.raw`
create or replace function lianxin_community_figures(p_ids int[]) returns table (community_id int, households int, party_members int)
language plpgsql volatile security definer set search_path = pg_catalog, public as $$
declare
  v_grant text := current_setting('app.grant', true);
  v_all boolean := lianxin_all_communities();
  v_reach int[] := lianxin_community_ids();
begin
  perform lianxin_grant_everything();
  return query
    select c.id,
           (select count(*)::int from household h where h.community_id = c.id and h.archived_at is null),
           (select count(*)::int from party_membership m where m.community_id = c.id and m.ended_on is null)
      from community c
     where c.id = any (p_ids) and (v_all or c.id = any (v_reach));
  perform set_config('app.grant', coalesce(v_grant, ''), true);
end $$;
create or replace function lianxin_compound_figures(p_ids int[]) returns table (compound_id int, households int)
language plpgsql volatile security definer set search_path = pg_catalog, public as $$
declare
  v_grant text := current_setting('app.grant', true);
  v_all boolean := lianxin_all_communities();
  v_reach int[] := lianxin_community_ids();
begin
  perform lianxin_grant_everything();
  return query
    select cp.id, (select count(*)::int from household h where h.compound_id = cp.id and h.archived_at is null)
      from compound cp
     where cp.id = any (p_ids) and (v_all or cp.community_id = any (v_reach));
  perform set_config('app.grant', coalesce(v_grant, ''), true);
end $$;
`;

// lianxin_app logs in by itself and belongs to no role: nothing to SET ROLE to.
const LOGIN_ROLE = String.raw`
do $$
declare r record;
begin
  begin
    alter role lianxin_app login;
  exception when insufficient_privilege then
    raise warning 'could not give lianxin_app LOGIN; as an administrator run: alter role lianxin_app login password ''…''';
  end;
  for r in select g.rolname from pg_auth_members m join pg_roles g on g.oid = m.roleid where m.member = 'lianxin_app'::regrole loop
    execute format('revoke %I from lianxin_app', r.rolname);
  end loop;
end $$;
`;

export class Migration20261201100000_signed_grants_and_sessions extends Migration {
  override async up(): Promise<void> {
    this.addSql(KEY);
    this.addSql(GRANT_FUNCTIONS);
    this.addSql(SESSIONS);
    this.addSql('drop function lianxin_begin_request(text, text, text[]);');
    this.addSql('drop function lianxin_touch_api_key(int);');
    this.addSql(BEGIN_REQUEST);
    this.addSql(FIGURES);
    this.addSql(LOGIN_ROLE);
    // Keys that never expire become keys that expire (API_KEY_MAX_TTL_DAYS caps new ones).
    this.addSql(
      `select lianxin_grant_everything(); update api_key set expires_at = now() + interval '90 days' where expires_at is null and revoked_at is null;`,
    );
  }

  override async down(): Promise<void> {
    // The role keeps LOGIN: it is shared by every database of the cluster.
    this.addSql(FIGURES_V2.replace(/create function/g, 'create or replace function'));
    this.addSql('drop function if exists lianxin_begin_request(text, text, text, timestamptz, text[]);');
    this.addSql(BEGIN_REQUEST_V2);
    this.addSql(String.raw`
create function lianxin_touch_api_key(p_id int) returns void
language sql security definer set search_path = public as $$
  update api_key set last_used_at = now() where id = p_id and (last_used_at is null or last_used_at < now() - interval '1 minute')
$$;
revoke all on function lianxin_touch_api_key(int) from public;
grant execute on function lianxin_touch_api_key(int) to lianxin_app;`);
    this.addSql(
      'drop function if exists lianxin_pending_migrations(text[]); drop function if exists lianxin_end_session(text); drop function if exists lianxin_open_session(int, int);',
    );
    this.addSql(
      'alter table audit_entry drop column client_request_id; alter table user_account drop column tokens_valid_after; drop table lianxin_session;',
    );
    this.addSql(SETTINGS_V1.replace(/create function/g, 'create or replace function'));
    this.addSql(RESIDENT_SETTINGS_V1.replace(/create function/g, 'create or replace function'));
    this.addSql(
      'drop function lianxin_grant_everything(); drop function lianxin_grant_part(int); drop function lianxin_set_grant(text[]); drop function lianxin_grant_mac(text);',
    );
    this.addSql('drop table lianxin_grant_key;');
  }
}
