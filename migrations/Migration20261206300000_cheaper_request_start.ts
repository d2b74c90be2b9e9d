import { Migration } from '@mikro-orm/migrations';
import { BEGIN_REQUEST_READ_ONLY } from './Migration20261205300000_read_replicas';

/*
 * The fixed cost of every request on PostgreSQL (bench/RESULTS.md, "Issue 15 — 2026-12-02, fixed
 * cost per request"). Nothing here changes what any function returns, for any caller or any value
 * of app.grant; it changes how much work it takes:
 *
 * - The row-level-security accessors verify the signed grant only when its field could reach
 *   something. A policy reads lianxin_all_communities() and lianxin_community_ids() (and, on
 *   resident tables, their resident twins) once per statement and table, and each verification
 *   reads the key and computes an HMAC (~50 µs). A field that claims nothing ('0', an empty list,
 *   no id) yields exactly what a missing or forged grant yields — false, '{}', null — so it is
 *   answered from the claim without verifying it; a field that claims something is verified as
 *   before. A community admin's request thus verifies half as often (its "all" fields are '0').
 * - lianxin_grant_mac and lianxin_grant_everything become PL/pgSQL: a SECURITY DEFINER SQL function
 *   is never inlined and is planned afresh on every call, and every request signs twice.
 * - lianxin_begin_request reads the live bindings once, each binding's scope by primary key (one
 *   branch per scope type, instead of seven joins over whole tables), and reads communities and
 *   streets under a district or street binding only when there is such a binding; an API key's
 *   last use is written only when it is older than a minute (as before), without an UPDATE
 *   statement otherwise. Same principal JSON, same grant.
 */

const GRANT_FUNCTIONS = String.raw`
create or replace function lianxin_grant_mac(p_payload text) returns text
language plpgsql stable security definer set search_path = pg_catalog, public as $$
declare
  v_ipad bytea;
  v_opad bytea;
begin
  select k.ipad, k.opad into v_ipad, v_opad from public.lianxin_grant_key k;
  return encode(sha256(v_opad || sha256(v_ipad || convert_to(
           p_payload || ';' || pg_backend_pid()::text || ';' || ((extract(epoch from transaction_timestamp()) * 1000000)::bigint)::text, 'UTF8'))), 'hex');
end $$;

create or replace function lianxin_grant_everything() returns void
language plpgsql volatile security definer set search_path = pg_catalog, public as $$
begin
  perform public.lianxin_set_grant(array['g1', '1', '', '1', '', '', '', '', '']);
end $$;
`;

const GRANT_FUNCTIONS_BEFORE = String.raw`
create or replace function lianxin_grant_mac(p_payload text) returns text
language sql stable security definer set search_path = pg_catalog, public as $$
  select encode(sha256(k.opad || sha256(k.ipad || convert_to(
           p_payload || ';' || pg_backend_pid()::text || ';' || ((extract(epoch from transaction_timestamp()) * 1000000)::bigint)::text, 'UTF8'))), 'hex')
    from public.lianxin_grant_key k
$$;

create or replace function lianxin_grant_everything() returns void
language sql volatile security definer set search_path = pg_catalog, public as $$
  select public.lianxin_set_grant(array['g1', '1', '', '1', '', '', '', '', ''])
$$;
`;

// Plain SQL (inlined into each policy's once-per-statement sub-select): the claim is read without
// verification only to skip verifying a field that reaches nothing either way.
const ACCESSORS = String.raw`
-- Field n of the transaction's grant as claimed, unverified: never a reason to reach anything.
create function lianxin_grant_claim(p_index int) returns text language sql stable as $$
  select split_part(split_part(coalesce(current_setting('app.grant', true), ''), '.', 1), ';', p_index)
$$;
create or replace function lianxin_all_communities() returns boolean language sql stable as $$
  select case when lianxin_grant_claim(2) = '1' then coalesce(lianxin_grant_part(2) = '1', false) else false end
$$;
create or replace function lianxin_community_ids() returns int[] language sql stable as $$
  select case when lianxin_grant_claim(3) = '' then '{}'::int[]
              else coalesce(string_to_array(nullif(lianxin_grant_part(3), ''), ',')::int[], '{}'::int[]) end
$$;
create or replace function lianxin_all_residents() returns boolean language sql stable as $$
  select case when lianxin_grant_claim(4) = '1' then coalesce(lianxin_grant_part(4) = '1', false) else false end
$$;
create or replace function lianxin_resident_community_ids() returns int[] language sql stable as $$
  select case when lianxin_grant_claim(5) = '' then '{}'::int[]
              else coalesce(string_to_array(nullif(lianxin_grant_part(5), ''), ',')::int[], '{}'::int[]) end
$$;
create or replace function lianxin_scope_ids(p_kind text) returns int[] language sql stable as $$
  select case when lianxin_grant_claim(case p_kind when 'district' then 6 when 'street' then 7 end) = '' then '{}'::int[]
              else coalesce(string_to_array(nullif(lianxin_grant_part(case p_kind when 'district' then 6 when 'street' then 7 end), ''), ',')::int[], '{}'::int[]) end
$$;
create or replace function lianxin_user_id() returns int language sql stable as $$
  select case when lianxin_grant_claim(8) = '' then null else nullif(lianxin_grant_part(8), '')::int end
$$;
create or replace function lianxin_service_account_id() returns int language sql stable as $$
  select case when lianxin_grant_claim(9) = '' then null else nullif(lianxin_grant_part(9), '')::int end
$$;
`;

const ACCESSORS_BEFORE = String.raw`
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
drop function lianxin_grant_claim(int);
`;

const BEGIN_REQUEST = String.raw`
create or replace function lianxin_begin_request(p_kind text, p_key text, p_proof text, p_issued_at timestamptz, p_resident_roles text[]) returns jsonb
language plpgsql volatile security definer set search_path = pg_catalog, public as $$
declare
  v_user user_account%rowtype;
  v_account service_account%rowtype;
  v_key api_key%rowtype;
  v_bindings jsonb;
  v_all boolean := false;
  v_ids int[] := '{}';
  v_residents_all boolean := false;
  v_resident_ids int[] := '{}';
  v_district_ids int[] := '{}';
  v_street_ids int[] := '{}';
  v_street_scopes int[];
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
    if found and v_key.secret_hash = encode(sha256(convert_to(coalesce(p_proof, ''), 'UTF8')), 'hex') then
      if v_key.revoked_at is not null or (v_key.expires_at is not null and v_key.expires_at <= now()) then
        -- Known and matching, but not usable: say why, reach nothing.
        perform lianxin_set_grant(array['g1', '0', '', '0', '', '', '', '', '']);
        return jsonb_build_object('apiKeyId', v_key.id, 'revokedAt', v_key.revoked_at, 'expiresAt', v_key.expires_at, 'usable', false);
      end if;
      select * into v_account from service_account where id = v_key.service_account_id;
      -- Last use, at most once a minute: no write per request. A read replica (a read-only
      -- transaction) authenticates the same way but records nothing: the primary records the use.
      if v_key.last_used_at is null or v_key.last_used_at < now() - interval '1 minute' then
        if not current_setting('transaction_read_only')::boolean then
          update api_key set last_used_at = now() where id = v_key.id and (last_used_at is null or last_used_at < now() - interval '1 minute');
        end if;
      end if;
    end if;
  end if;

  if v_user.id is null and v_account.id is null then
    perform lianxin_set_grant(array['g1', '0', '', '0', '', '', '', '', '']);
    return null;
  end if;

  -- The live bindings in one pass: each binding's scope by primary key (one branch runs per row),
  -- and what the grant needs from them.
  select coalesce(jsonb_agg(jsonb_build_object(
           'id', b.id, 'role', b.role, 'scopeType', b.scope_type, 'scopeId', b.scope_id, 'communityId', b.community_id,
           'path', sc.path, 'orgPath', sc.org_path, 'scopeName', sc.name, 'grantedAt', b.created_at) order by b.id), '[]'::jsonb),
         coalesce(bool_or(b.scope_type = 'PLATFORM'), false),
         coalesce(bool_or(b.scope_type = 'PLATFORM' and b.role = any (p_resident_roles)), false),
         coalesce(array_agg(distinct b.community_id) filter (where b.community_id is not null), '{}'),
         coalesce(array_agg(distinct b.community_id) filter (where b.community_id is not null and b.role = any (p_resident_roles)), '{}'),
         coalesce(array_agg(distinct b.scope_id) filter (where b.scope_type = 'DISTRICT'), '{}'),
         coalesce(array_agg(distinct b.scope_id) filter (where b.scope_type = 'STREET'), '{}')
    into v_bindings, v_all, v_residents_all, v_ids, v_resident_ids, v_district_ids, v_street_scopes
    from role_binding b
    left join lateral (
      select d.path::text as path, null::text as org_path, d.name::text as name from district d where b.scope_type = 'DISTRICT' and d.id = b.scope_id
      union all
      select s.path::text, null::text, s.name::text from street s where b.scope_type = 'STREET' and s.id = b.scope_id
      union all
      select c.path::text, null::text, c.name::text from community c where b.scope_type = 'COMMUNITY' and c.id = b.scope_id
      union all
      select br.path::text, null::text, br.name::text from compound_branch br where b.scope_type = 'BRANCH' and br.id = b.scope_id
      union all
      select g.path::text, null::text, g.name::text from building_group g where b.scope_type = 'GROUP' and g.id = b.scope_id
      union all
      select cp.path::text, cp.org_path::text, cp.name::text from compound cp where b.scope_type = 'COMPOUND' and cp.id = b.scope_id
      union all
      select h.path::text, h.org_path::text, h.door_no::text from household h where b.scope_type = 'HOUSEHOLD' and h.id = b.scope_id
    ) sc on true
   where b.revoked_at is null and (b.user_id = v_user.id or b.service_account_id = v_account.id);

  -- District and street bindings reach every community (and street) under them: only they need more reads.
  if cardinality(v_district_ids) > 0 or cardinality(v_street_scopes) > 0 then
    with reach as (
      select b.role, coalesce(b.community_id, x.id) as community_id
        from role_binding b
        left join community x on (b.scope_type = 'DISTRICT' and x.district_id = b.scope_id) or (b.scope_type = 'STREET' and x.street_id = b.scope_id)
       where b.revoked_at is null and (b.user_id = v_user.id or b.service_account_id = v_account.id)
    )
    select coalesce((select array_agg(distinct community_id) from reach where community_id is not null), '{}'),
           coalesce((select array_agg(distinct community_id) from reach where community_id is not null and role = any (p_resident_roles)), '{}'),
           coalesce((select array_agg(distinct s.id) from street s where s.district_id = any (v_district_ids) or s.id = any (v_street_scopes)), '{}')
      into v_ids, v_resident_ids, v_street_ids;
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
  return jsonb_build_object(
    'userId', v_user.id, 'login', v_user.login, 'displayName', v_user.display_name, 'personId', v_user.person_id,
    'serviceAccountId', v_account.id, 'serviceAccountName', v_account.name,
    'apiKeyId', v_key.id, 'expiresAt', v_key.expires_at, 'usable', true,
    'bindings', v_bindings, 'allCommunities', v_all, 'communityIds', to_jsonb(v_ids),
    'allResidents', v_residents_all, 'residentCommunityIds', to_jsonb(v_resident_ids));
end $$;
`;

export class Migration20261206300000_cheaper_request_start extends Migration {
  override async up(): Promise<void> {
    this.addSql(GRANT_FUNCTIONS);
    this.addSql(ACCESSORS);
    this.addSql(BEGIN_REQUEST);
  }

  override async down(): Promise<void> {
    this.addSql(BEGIN_REQUEST_READ_ONLY);
    this.addSql(ACCESSORS_BEFORE);
    this.addSql(GRANT_FUNCTIONS_BEFORE);
  }
}
