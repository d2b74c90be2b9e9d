import { Migration } from '@mikro-orm/migrations';

/*
 * The month roll-up's writers lock its rows before they read (docs/figures.md), as
 * Migration20261210100000_locks_before_reads made the compounds' writers do. Under READ COMMITTED a
 * statement that reads and then waits for a lock keeps what it read.
 *
 * - The recount (lianxin_figures_refresh_months) counted from its statement's snapshot and then
 *   waited for the month row in ON CONFLICT: a payment's difference committed meanwhile was
 *   overwritten, and so were the counts of a writer that had inserted the month's row first (the
 *   insert waited for that writer's transaction, then updated with its own counts only). The rows
 *   are now created if missing (no counts yet, in key order, DO NOTHING: it waits for a writer that
 *   inserted the row first and then leaves its row alone), then locked in key order, and counted in
 *   a later statement, which sees what the lock's previous holder committed.
 * - A payment's or a waiver's difference (lianxin_figures_touch_fee_charge_update) read what the
 *   household still owes for the month before the update waited for the row, so it could move a
 *   household to settled that a concurrent recount had just charged again. The rows are locked first
 *   here too. A month row always exists once its charge does (the charge's insert recounted it).
 * - The accounts' recount (lianxin_figures_refresh_accounts) read the account (opened, closed) and
 *   then waited for its row, overwriting a change to the account committed meanwhile. It now locks
 *   the accounts' rows first; the statements' rows are written only under those locks. An account's
 *   row exists before another transaction can see the account (its insert refreshes it).
 */

const REFRESH_MONTHS = (lockFirst: boolean) => String.raw`
create or replace function lianxin_figures_refresh_months(p_compounds int[], p_months date[]) returns void
language plpgsql volatile security definer set search_path = pg_catalog, public as $$
declare v_grant text := current_setting('app.grant', true);
begin
  if p_compounds is null or cardinality(p_compounds) = 0 then return; end if;
  perform lianxin_grant_everything();${
    lockFirst
      ? `
  -- The rows first: created if missing and locked, in key order; the counts below come from a
  -- statement that starts after the locks were granted and see what their previous holder committed.
  insert into lianxin_figures_month as f
  select k.compound_id, k.month, cp.community_id, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
    from (select distinct u.compound_id, date_trunc('month', u.month)::date as month
            from unnest(p_compounds, p_months) as u(compound_id, month) where u.compound_id is not null) k
    join compound cp on cp.id = k.compound_id
   order by k.compound_id, k.month
  on conflict (compound_id, month) do nothing;
  perform 1 from lianxin_figures_month f
   where (f.compound_id, f.month) in (select u.compound_id, date_trunc('month', u.month)::date
                                        from unnest(p_compounds, p_months) as u(compound_id, month))
   order by f.compound_id, f.month for no key update;`
      : ''
  }
  insert into lianxin_figures_month as f
  select k.compound_id, k.month, cp.community_id,
         fees.charged, fees.waived, fees.collected, fees.households, fees.settled, fees.arrears,
         ev.n, ev.households, ev.score_sum, ob.n, ob.answered
    from (select distinct u.compound_id, date_trunc('month', u.month)::date as month
            from unnest(p_compounds, p_months) as u(compound_id, month) where u.compound_id is not null) k
    join compound cp on cp.id = k.compound_id
   cross join lateral (
     select coalesce(sum(x.amount), 0) as charged, coalesce(sum(x.waived), 0) as waived, coalesce(sum(x.paid), 0) as collected,
            count(*)::int as households,
            count(*) filter (where x.paid + x.waived >= x.amount)::int as settled,
            count(*) filter (where x.paid + x.waived < x.amount)::int as arrears
       from (select sum(c.amount_fen) as amount, sum(c.waived_fen) as waived, sum(c.paid_fen) as paid
               from fee_charge c where c.compound_id = k.compound_id and c.period = k.month group by c.household_id) x) fees
   cross join lateral (
     select count(*)::int as n, count(distinct e.household_id)::int as households, coalesce(sum(e.score), 0)::int as score_sum
       from service_evaluation e where e.compound_id = k.compound_id and e.quarter = k.month) ev
   cross join lateral (
     select count(*)::int as n,
            count(*) filter (where o.answered_at is not null
                               and o.answered_at < (date_trunc('quarter', k.month) + interval '3 months'))::int as answered
       from service_objection o join service_item i on i.id = o.item_id join service_list l on l.id = i.list_id
      where l.compound_id = k.compound_id and l.month = k.month) ob
  on conflict (compound_id, month) do update set
    community_id = excluded.community_id, charged_fen = excluded.charged_fen, waived_fen = excluded.waived_fen,
    collected_fen = excluded.collected_fen, charged_households = excluded.charged_households,
    settled_households = excluded.settled_households, arrears_households = excluded.arrears_households,
    evaluations = excluded.evaluations, evaluated_households = excluded.evaluated_households, score_sum = excluded.score_sum,
    objections = excluded.objections, objections_answered = excluded.objections_answered;
  perform set_config('app.grant', coalesce(v_grant, ''), true);
end $$;`;

const FEE_CHARGE_UPDATE = (lockFirst: boolean) => String.raw`
create or replace function lianxin_figures_touch_fee_charge_update() returns trigger
language plpgsql volatile security definer set search_path = pg_catalog, public as $$
declare v_grant text := current_setting('app.grant', true);
begin
  perform lianxin_grant_everything();
  if exists (select 1 from new_rows n join old_rows o on o.id = n.id
              where n.compound_id <> o.compound_id or n.period <> o.period or n.household_id <> o.household_id or n.amount_fen <> o.amount_fen)
     or (select count(*) from new_rows) <> (select count(*) from old_rows) then
    perform lianxin_figures_refresh_months(
      array(select compound_id from new_rows union all select compound_id from old_rows),
      array(select period from new_rows union all select period from old_rows));
  else${
    lockFirst
      ? `
    -- The rows before what the households owe is read (key order, as the recount locks them).
    perform 1 from lianxin_figures_month f
     where (f.compound_id, f.month) in (select n.compound_id, n.period from new_rows n)
     order by f.compound_id, f.month for no key update;`
      : ''
  }
    with d as (
      select n.compound_id, n.period, n.household_id,
             sum(n.paid_fen - o.paid_fen) as dp, sum(n.waived_fen - o.waived_fen) as dw
        from new_rows n join old_rows o on o.id = n.id
       group by n.compound_id, n.period, n.household_id
    ), h as (
      select d.*, x.owing as after, x.owing + d.dp + d.dw as before
        from d cross join lateral (
          select sum(c.amount_fen - c.paid_fen - c.waived_fen) as owing from fee_charge c
           where c.compound_id = d.compound_id and c.period = d.period and c.household_id = d.household_id) x
    ), m as (
      select compound_id, period, sum(dp) as dp, sum(dw) as dw,
             (count(*) filter (where before > 0 and after <= 0))::int - (count(*) filter (where before <= 0 and after > 0))::int as settled
        from h group by compound_id, period
    )
    update lianxin_figures_month f
       set collected_fen = f.collected_fen + m.dp, waived_fen = f.waived_fen + m.dw,
           settled_households = f.settled_households + m.settled, arrears_households = f.arrears_households - m.settled
      from m where f.compound_id = m.compound_id and f.month = m.period;
  end if;
  perform set_config('app.grant', coalesce(v_grant, ''), true);
  return null;
end $$;`;

const REFRESH_ACCOUNTS = (lockFirst: boolean) => String.raw`
create or replace function lianxin_figures_refresh_accounts(p_ids int[]) returns void
language plpgsql volatile security definer set search_path = pg_catalog, public as $$
declare v_grant text := current_setting('app.grant', true);
begin
  if p_ids is null or cardinality(p_ids) = 0 then return; end if;
  perform lianxin_grant_everything();${
    lockFirst
      ? `
  -- The accounts' rows first (account order); the account and its statements are read after.
  perform 1 from lianxin_figures_account f where f.account_id = any (p_ids) order by f.account_id for no key update;`
      : ''
  }
  insert into lianxin_figures_account as f
  select a.id, a.community_id, a.opened_on, a.closed_on from co_managed_account a where a.id = any (p_ids)
  on conflict (account_id) do update set community_id = excluded.community_id, opened_on = excluded.opened_on, closed_on = excluded.closed_on;
  delete from lianxin_figures_statement s where s.account_id = any (p_ids)
     and not exists (select 1 from monthly_statement m where m.account_id = s.account_id and m.month = s.month and m.published_at is not null);
  insert into lianxin_figures_statement as f
  select m.account_id, m.month, m.community_id, (m.published_at at time zone 'UTC')::date
    from monthly_statement m where m.account_id = any (p_ids) and m.published_at is not null
  on conflict (account_id, month) do update set community_id = excluded.community_id, published_on = excluded.published_on;
  perform set_config('app.grant', coalesce(v_grant, ''), true);
end $$;`;

const body = (lockFirst: boolean) => [REFRESH_MONTHS(lockFirst), FEE_CHARGE_UPDATE(lockFirst), REFRESH_ACCOUNTS(lockFirst)].join('\n');

export class Migration20261210200000_months_lock_first extends Migration {
  override async up(): Promise<void> {
    this.addSql(body(true));
  }

  // The functions as Migration20261202100000_figures left them.
  override async down(): Promise<void> {
    this.addSql(body(false));
  }
}
