import { Migration } from '@mikro-orm/migrations';

/*
 * Read replicas (docs/operations.md, "Read replicas"). Stale-tolerant queries run on a streaming
 * replica in a read-only transaction that begins exactly as the primary's does: the same
 * lianxin_begin_request checks the credential there and signs the replica transaction's own
 * row-level-security grant. Two changes make that possible and keep reads-your-writes:
 *
 * - lianxin_begin_request writes nothing in a read-only transaction (a hot standby refuses any
 *   UPDATE statement, even one that changes no row): an API key's last use is recorded by the
 *   primary's request, as before.
 * - lianxin_recent_write holds, per principal, when it last committed a mutation. The request's
 *   first statement on the primary reads the age of that mark (lianxin_last_write_age_ms): a
 *   principal that wrote within READ_YOUR_WRITES_MS reads from the primary, on every instance.
 *   Only the security-definer functions touch the table, and they key it by the transaction's
 *   signed grant: a caller can neither mark nor read another principal.
 */

/** Exported for the migration that replaces it, to restore it on the way down. */
export const BEGIN_REQUEST_READ_ONLY = String.raw`
create or replace function lianxin_begin_request(p_kind text, p_key text, p_proof text, p_issued_at timestamptz, p_resident_roles text[]) returns jsonb
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
      -- Last use, at most once a minute: no write per request. A read replica (a read-only
      -- transaction) authenticates the same way but records nothing: the primary records the use.
      if not current_setting('transaction_read_only')::boolean then
        update api_key set last_used_at = now() where id = v_key.id and (last_used_at is null or last_used_at < now() - interval '1 minute');
      end if;
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
`;

const BEGIN_REQUEST_BEFORE = String.raw`
create or replace function lianxin_begin_request(p_kind text, p_key text, p_proof text, p_issued_at timestamptz, p_resident_roles text[]) returns jsonb
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
`;

const RECENT_WRITES = String.raw`
create table lianxin_recent_write (
  principal text primary key,
  written_at timestamptz not null
);
revoke all on table lianxin_recent_write from lianxin_app;

-- The principal of the transaction's signed grant: u:<user id>, s:<service account id>, or null.
create function lianxin_grant_principal() returns text
language sql stable security definer set search_path = pg_catalog, public as $$
  select coalesce('u:' || lianxin_user_id()::text, 's:' || lianxin_service_account_id()::text)
$$;
revoke all on function lianxin_grant_principal() from public;

-- Called just before a mutation's transaction commits (only when the API reads from replicas).
create function lianxin_note_write() returns void
language plpgsql volatile security definer set search_path = pg_catalog, public as $$
declare v_principal text := lianxin_grant_principal();
begin
  if v_principal is null then return; end if;
  insert into lianxin_recent_write (principal, written_at) values (v_principal, clock_timestamp())
  on conflict (principal) do update set written_at = excluded.written_at;
end $$;
revoke all on function lianxin_note_write() from public;
grant execute on function lianxin_note_write() to lianxin_app;

-- Milliseconds since the transaction's principal last committed a mutation; null when never (or anonymous).
create function lianxin_last_write_age_ms() returns bigint
language sql stable security definer set search_path = pg_catalog, public as $$
  select (extract(epoch from clock_timestamp() - w.written_at) * 1000)::bigint
    from lianxin_recent_write w where w.principal = lianxin_grant_principal()
$$;
revoke all on function lianxin_last_write_age_ms() from public;
grant execute on function lianxin_last_write_age_ms() to lianxin_app;
`;

export class Migration20261205300000_read_replicas extends Migration {
  override async up(): Promise<void> {
    this.addSql(BEGIN_REQUEST_READ_ONLY);
    this.addSql('revoke all on function lianxin_begin_request(text, text, text, timestamptz, text[]) from public;');
    this.addSql('grant execute on function lianxin_begin_request(text, text, text, timestamptz, text[]) to lianxin_app;');
    this.addSql(RECENT_WRITES);
  }

  override async down(): Promise<void> {
    this.addSql('drop function lianxin_last_write_age_ms(); drop function lianxin_note_write(); drop function lianxin_grant_principal();');
    this.addSql('drop table lianxin_recent_write;');
    this.addSql(BEGIN_REQUEST_BEFORE);
  }
}
