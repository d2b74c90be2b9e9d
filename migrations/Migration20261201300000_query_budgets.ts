import { Migration } from '@mikro-orm/migrations';

/*
 * Query budgets (README, "Limits"): one leaky bucket per principal — `u:<user id>`,
 * `s:<service account id>`, `ip:<client address>` for anonymous callers — shared by every API
 * instance. A bucket holds `maximum` points and refills `restore_rate` points a second; requests
 * are charged the cost of what they returned. A key without a row has a full bucket, and a row
 * whose bucket has refilled is pruned, so the table holds only principals that spent lately.
 *
 * UNLOGGED: a budget is worth nothing after a crash (buckets start full again) and is not
 * replicated, so its writes cost no WAL. Requests never touch the table: the application role
 * has no privilege on it, only on the three SECURITY DEFINER functions below, so a request (or a
 * compromised query) cannot refill a bucket.
 *
 * lianxin_budget_peek is cheap enough to ride in the request's first statement; it only reads
 * (no row lock is held for the request's duration). Charges are written by
 * lianxin_budget_charge outside request transactions, many principals per statement.
 */

const BUDGETS = String.raw`
create unlogged table lianxin_query_budget (
  key text primary key,
  level double precision not null,
  maximum double precision not null,
  restore_rate double precision not null,
  updated_at timestamptz not null
);
revoke all on table lianxin_query_budget from lianxin_app;

-- The bucket of a request's principal, refilled up to now: p_principal is what
-- lianxin_begin_request returned (null for anonymous), p_anonymous_key the client's key.
create function lianxin_budget_peek(p_principal jsonb, p_anonymous_key text, p_maximum double precision, p_rate double precision,
                                    p_anonymous_maximum double precision, p_anonymous_rate double precision) returns jsonb
language plpgsql stable security definer set search_path = public as $$
declare
  v_key text := case when p_principal ->> 'userId' is not null then 'u:' || (p_principal ->> 'userId')
                     when p_principal ->> 'serviceAccountId' is not null then 's:' || (p_principal ->> 'serviceAccountId')
                     else p_anonymous_key end;
  v_anonymous boolean := v_key = p_anonymous_key;
  v_maximum double precision := case when v_anonymous then p_anonymous_maximum else p_maximum end;
  v_rate double precision := case when v_anonymous then p_anonymous_rate else p_rate end;
  v_level double precision;
begin
  select least(v_maximum, b.level + v_rate * extract(epoch from (now() - b.updated_at))) into v_level from lianxin_query_budget b where b.key = v_key;
  return jsonb_build_object('key', v_key, 'level', coalesce(v_level, v_maximum));
end $$;

-- Charges costs to buckets (one entry per key), refilling each up to now first; a bucket may go
-- below zero (a request costs what it returned) and then refuses requests until it refills.
create function lianxin_budget_charge(p_keys text[], p_costs double precision[], p_maxima double precision[], p_rates double precision[]) returns void
language sql volatile security definer set search_path = public as $$
  insert into lianxin_query_budget as b (key, level, maximum, restore_rate, updated_at)
  select k, m - greatest(c, 0), m, r, now() from unnest(p_keys, p_costs, p_maxima, p_rates) as x(k, c, m, r) order by k
  on conflict (key) do update set
    level = least(excluded.maximum, b.level + excluded.restore_rate * extract(epoch from (now() - b.updated_at))) - (excluded.maximum - excluded.level),
    maximum = excluded.maximum,
    restore_rate = excluded.restore_rate,
    updated_at = now()
$$;

-- Forgets buckets that have refilled (a missing row is a full bucket).
create function lianxin_budget_prune() returns integer
language sql volatile security definer set search_path = public as $$
  with gone as (
    delete from lianxin_query_budget where level + restore_rate * extract(epoch from (now() - updated_at)) >= maximum returning 1
  ) select count(*)::int from gone
$$;

revoke all on function lianxin_budget_peek(jsonb, text, double precision, double precision, double precision, double precision) from public;
revoke all on function lianxin_budget_charge(text[], double precision[], double precision[], double precision[]) from public;
revoke all on function lianxin_budget_prune() from public;
grant execute on function lianxin_budget_peek(jsonb, text, double precision, double precision, double precision, double precision) to lianxin_app;
grant execute on function lianxin_budget_charge(text[], double precision[], double precision[], double precision[]) to lianxin_app;
grant execute on function lianxin_budget_prune() to lianxin_app;
`;

export class Migration20261201300000_query_budgets extends Migration {
  override async up(): Promise<void> {
    this.addSql(BUDGETS);
  }

  override async down(): Promise<void> {
    this.addSql('drop function if exists lianxin_budget_prune();');
    this.addSql('drop function if exists lianxin_budget_charge(text[], double precision[], double precision[], double precision[]);');
    this.addSql(
      'drop function if exists lianxin_budget_peek(jsonb, text, double precision, double precision, double precision, double precision);',
    );
    this.addSql('drop table if exists lianxin_query_budget;');
  }
}
