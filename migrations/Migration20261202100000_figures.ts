import { Migration } from '@mikro-orm/migrations';
import { dropPolicy, policy } from './Migration20261123114500_row_level_security';

/*
 * Figures for district, street and community offices, maintained in the same transaction as the
 * writes that change them (docs/figures.md). Three roll-ups, counts and sums only, never a person:
 *
 *   lianxin_figures_compound   one row per compound: its state now (coverage, property mode,
 *                              committee, people counts)
 *   lianxin_figures_month      one row per compound and month: fees of the periods starting that
 *                              month, evaluations of the quarter starting that month, objections to
 *                              that month's service list
 *   lianxin_figures_account    one row per co-managed account (opened, closed) and
 *   lianxin_figures_statement  one row per published statement (its month and the day it was published)
 *
 * After-statement triggers (with transition tables: one refresh per statement, however many rows it
 * wrote) name the compounds, months and accounts a write touched; the refresh functions recompute
 * those rows set-based from the base tables. They run as definer under a grant for everything for
 * the duration of the call (the writer may not read every resident row of the compound), restoring
 * the caller's grant before they return. The application role only reads the roll-ups, under the
 * tenant policy; district and street officers reach them for their communities.
 */

const TABLES = String.raw`
create table lianxin_figures_compound (
  compound_id int primary key references compound (id) on delete cascade,
  community_id int not null references community (id),
  archived boolean not null,
  property_mode text not null,
  branch_kind text not null,
  branch_id int,
  graduated boolean not null,
  households int not null,
  grouped_households int not null,
  residents int not null,
  party_members int not null,
  external_party_members int not null,
  member_households int not null,
  plates int not null,
  committee_sitting boolean not null,
  committee_compliant boolean not null,
  committee_term_end date,
  election_open boolean not null
);
create index lianxin_figures_compound_community on lianxin_figures_compound (community_id);

create table lianxin_figures_month (
  compound_id int not null references compound (id) on delete cascade,
  month date not null,
  community_id int not null references community (id),
  charged_fen bigint not null,
  waived_fen bigint not null,
  collected_fen bigint not null,
  charged_households int not null,
  settled_households int not null,
  arrears_households int not null,
  evaluations int not null,
  evaluated_households int not null,
  score_sum int not null,
  objections int not null,
  objections_answered int not null,
  primary key (compound_id, month)
);
create index lianxin_figures_month_community on lianxin_figures_month (community_id, month);

create table lianxin_figures_account (
  account_id int primary key references co_managed_account (id) on delete cascade,
  community_id int not null references community (id),
  opened_on date not null,
  closed_on date
);
create index lianxin_figures_account_community on lianxin_figures_account (community_id);

create table lianxin_figures_statement (
  account_id int not null references co_managed_account (id) on delete cascade,
  month date not null,
  community_id int not null references community (id),
  published_on date not null,
  primary key (account_id, month)
);
create index lianxin_figures_statement_community on lianxin_figures_statement (community_id, month);
`;

const ROLLUPS = ['lianxin_figures_compound', 'lianxin_figures_month', 'lianxin_figures_account', 'lianxin_figures_statement'];

const REFRESH = String.raw`
create function lianxin_figures_refresh_compounds(p_ids int[]) returns void
language plpgsql volatile security definer set search_path = pg_catalog, public as $$
declare v_grant text := current_setting('app.grant', true);
begin
  if p_ids is null or cardinality(p_ids) = 0 then return; end if;
  perform lianxin_grant_everything();
  insert into lianxin_figures_compound as f
  select cp.id, cp.community_id, cp.archived_at is not null, cp.property_mode, coalesce(br.kind, 'NONE'), cp.branch_id,
         exists (select 1 from compound_branch_assignment a where a.compound_id = cp.id and a.until is null and a.reason = 'GRADUATED'),
         (select count(*) from household h where h.compound_id = cp.id and h.archived_at is null),
         (select count(*) from household h join building b on b.id = h.building_id
           where h.compound_id = cp.id and h.archived_at is null and b.group_id is not null),
         (select count(*) from person p join household h on h.id = p.household_id
           where h.compound_id = cp.id and h.archived_at is null and p.archived_at is null),
         (select count(*) from party_membership m join person p on p.id = m.person_id join household h on h.id = p.household_id
           where h.compound_id = cp.id and h.archived_at is null and p.archived_at is null and m.ended_on is null),
         (select count(*) from party_membership m join person p on p.id = m.person_id join household h on h.id = p.household_id
           where h.compound_id = cp.id and h.archived_at is null and p.archived_at is null and m.ended_on is null
             and m.organization_relation = 'EXTERNAL'),
         (select count(*) from member_household mh join household h on h.id = mh.household_id
           where h.compound_id = cp.id and h.archived_at is null and mh.undesignated_on is null),
         (select count(*) from member_household mh join household h on h.id = mh.household_id
           where h.compound_id = cp.id and h.archived_at is null and mh.undesignated_on is null and mh.displays_plate),
         pc.id is not null,
         coalesce((select count(*) > 0 and 100 * count(*) filter (where cm.party_member) >= c.party_member_ratio_min * count(*)
                     from committee_member cm where cm.committee_id = pc.id), false),
         pc.term_end,
         exists (select 1 from committee_election e where e.compound_id = cp.id and e.status in ('NOMINATING', 'VOTED'))
    from compound cp
    join community c on c.id = cp.community_id
    left join compound_branch br on br.id = cp.branch_id
    left join property_committee pc on pc.compound_id = cp.id and pc.status = 'SITTING'
   where cp.id = any (p_ids)
  on conflict (compound_id) do update set
    community_id = excluded.community_id, archived = excluded.archived, property_mode = excluded.property_mode,
    branch_kind = excluded.branch_kind, branch_id = excluded.branch_id, graduated = excluded.graduated, households = excluded.households, grouped_households = excluded.grouped_households,
    residents = excluded.residents, party_members = excluded.party_members, external_party_members = excluded.external_party_members,
    member_households = excluded.member_households, plates = excluded.plates, committee_sitting = excluded.committee_sitting,
    committee_compliant = excluded.committee_compliant, committee_term_end = excluded.committee_term_end,
    election_open = excluded.election_open;
  perform set_config('app.grant', coalesce(v_grant, ''), true);
end $$;

create function lianxin_figures_refresh_months(p_compounds int[], p_months date[]) returns void
language plpgsql volatile security definer set search_path = pg_catalog, public as $$
declare v_grant text := current_setting('app.grant', true);
begin
  if p_compounds is null or cardinality(p_compounds) = 0 then return; end if;
  perform lianxin_grant_everything();
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
end $$;

create function lianxin_figures_refresh_accounts(p_ids int[]) returns void
language plpgsql volatile security definer set search_path = pg_catalog, public as $$
declare v_grant text := current_setting('app.grant', true);
begin
  if p_ids is null or cardinality(p_ids) = 0 then return; end if;
  perform lianxin_grant_everything();
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
end $$;
`;

/** A statement-level trigger function: `ids(rel)` selects the touched keys from a transition table. */
function touch(name: string, call: (rel: string) => string): string {
  return String.raw`
create function lianxin_figures_touch_${name}() returns trigger
language plpgsql volatile security definer set search_path = pg_catalog, public as $$
declare v_grant text := current_setting('app.grant', true);
begin
  perform lianxin_grant_everything();
  if TG_OP in ('INSERT', 'UPDATE') then ${call('new_rows')}; end if;
  if TG_OP in ('UPDATE', 'DELETE') then ${call('old_rows')}; end if;
  perform set_config('app.grant', coalesce(v_grant, ''), true);
  return null;
end $$;`;
}

function triggersOn(table: string, fn: string, ops: Array<'insert' | 'update' | 'delete'>): string {
  return ops
    .map((op) => {
      const refs =
        op === 'insert'
          ? 'new table as new_rows'
          : op === 'delete'
            ? 'old table as old_rows'
            : 'old table as old_rows new table as new_rows';
      return `create trigger lianxin_figures_${op} after ${op} on ${table} referencing ${refs} for each statement execute function lianxin_figures_touch_${fn}();`;
    })
    .join('\n');
}

const compounds = (select: string) => `perform lianxin_figures_refresh_compounds(array(${select}))`;
const months = (select: string) =>
  `perform lianxin_figures_refresh_months(array(select k.c from (${select}) k(c, m)), array(select k.m from (${select}) k(c, m)))`;
const accounts = (select: string) => `perform lianxin_figures_refresh_accounts(array(${select}))`;

const ALL = ['insert', 'update', 'delete'] as const;

const TOUCHES: Array<{ table: string; fn: string; ops: ReadonlyArray<'insert' | 'update' | 'delete'>; call: (r: string) => string }> = [
  { table: 'compound', fn: 'compound', ops: ['insert', 'update'], call: (r) => compounds(`select distinct id from ${r}`) },
  { table: 'household', fn: 'household', ops: ALL, call: (r) => compounds(`select distinct compound_id from ${r}`) },
  { table: 'building', fn: 'building', ops: ['update'], call: (r) => compounds(`select distinct compound_id from ${r}`) },
  {
    table: 'person',
    fn: 'person',
    ops: ALL,
    call: (r) => compounds(`select distinct h.compound_id from ${r} x join household h on h.id = x.household_id`),
  },
  {
    table: 'party_membership',
    fn: 'party_membership',
    ops: ALL,
    call: (r) =>
      compounds(`select distinct h.compound_id from ${r} x join person p on p.id = x.person_id join household h on h.id = p.household_id`),
  },
  {
    table: 'member_household',
    fn: 'member_household',
    ops: ALL,
    call: (r) => compounds(`select distinct h.compound_id from ${r} x join household h on h.id = x.household_id`),
  },
  {
    table: 'compound_branch_assignment',
    fn: 'compound_branch_assignment',
    ops: ALL,
    call: (r) => compounds(`select distinct compound_id from ${r}`),
  },
  { table: 'property_committee', fn: 'property_committee', ops: ALL, call: (r) => compounds(`select distinct compound_id from ${r}`) },
  {
    table: 'committee_member',
    fn: 'committee_member',
    ops: ALL,
    call: (r) => compounds(`select distinct pc.compound_id from ${r} x join property_committee pc on pc.id = x.committee_id`),
  },
  { table: 'committee_election', fn: 'committee_election', ops: ALL, call: (r) => compounds(`select distinct compound_id from ${r}`) },
  {
    table: 'compound_branch',
    fn: 'compound_branch',
    ops: ['update'],
    call: (r) => compounds(`select cp.id from compound cp where cp.branch_id in (select id from ${r})`),
  },
  {
    table: 'fee_charge',
    fn: 'fee_charge',
    ops: ['insert', 'delete'],
    call: (r) => months(`select distinct compound_id, period from ${r}`),
  },
  {
    table: 'service_evaluation',
    fn: 'service_evaluation',
    ops: ALL,
    call: (r) => months(`select distinct compound_id, quarter from ${r}`),
  },
  {
    table: 'service_objection',
    fn: 'service_objection',
    ops: ALL,
    call: (r) =>
      months(
        `select distinct l.compound_id, l.month from ${r} x join service_item i on i.id = x.item_id join service_list l on l.id = i.list_id`,
      ),
  },
  { table: 'co_managed_account', fn: 'co_managed_account', ops: ['insert', 'update'], call: (r) => accounts(`select id from ${r}`) },
  {
    table: 'monthly_statement',
    fn: 'monthly_statement',
    ops: ['insert', 'update'],
    call: (r) => accounts(`select distinct account_id from ${r}`),
  },
];

/*
 * A payment or a waiver updates one charge's paid or waived total (fees' settlement trigger): the
 * month row changes by the difference, and a household moves between settled and in arrears when
 * what it owes for the month crosses zero. Any other change to charges recomputes their months.
 */
const FEE_SETTLEMENT = String.raw`
create function lianxin_figures_touch_fee_charge_update() returns trigger
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
  else
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
end $$;
create trigger lianxin_figures_update after update on fee_charge referencing old table as old_rows new table as new_rows
  for each statement execute function lianxin_figures_touch_fee_charge_update();
`;

// A community's rule for the party-member share decides whether its committees comply.
const COMMUNITY_RULE = String.raw`
create function lianxin_figures_community_rule() returns trigger
language plpgsql volatile security definer set search_path = pg_catalog, public as $$
begin
  perform lianxin_figures_refresh_compounds(array(select id from compound where community_id = new.id));
  return null;
end $$;
create trigger lianxin_figures_rule after update of party_member_ratio_min on community
  for each row when (old.party_member_ratio_min is distinct from new.party_member_ratio_min)
  execute function lianxin_figures_community_rule();
`;

export class Migration20261202100000_figures extends Migration {
  override async up(): Promise<void> {
    this.addSql(TABLES);
    for (const table of ROLLUPS) this.addSql(policy(table));
    this.addSql(`revoke insert, update, delete on ${ROLLUPS.join(', ')} from lianxin_app;`);
    this.addSql(`grant select on ${ROLLUPS.join(', ')} to lianxin_app;`);
    this.addSql(REFRESH);
    for (const t of TOUCHES) {
      this.addSql(touch(t.fn, t.call));
      this.addSql(triggersOn(t.table, t.fn, [...t.ops]));
    }
    this.addSql(FEE_SETTLEMENT);
    this.addSql(COMMUNITY_RULE);
    this.addSql(`select lianxin_figures_refresh_compounds(array(select id from compound));`);
    this.addSql(
      `with k as (select compound_id as c, period as m from fee_charge union select compound_id, quarter from service_evaluation
                  union select compound_id, month from service_list)
       select lianxin_figures_refresh_months(array(select c from k), array(select m from k));`,
    );
    this.addSql(`select lianxin_figures_refresh_accounts(array(select id from co_managed_account));`);
  }

  override async down(): Promise<void> {
    this.addSql('drop trigger if exists lianxin_figures_rule on community; drop function if exists lianxin_figures_community_rule();');
    this.addSql(
      'drop trigger if exists lianxin_figures_update on fee_charge; drop function if exists lianxin_figures_touch_fee_charge_update();',
    );
    for (const t of TOUCHES) {
      for (const op of t.ops) this.addSql(`drop trigger if exists lianxin_figures_${op} on ${t.table};`);
      this.addSql(`drop function if exists lianxin_figures_touch_${t.fn}();`);
    }
    this.addSql(
      'drop function if exists lianxin_figures_refresh_accounts(int[]); drop function if exists lianxin_figures_refresh_months(int[], date[]); drop function if exists lianxin_figures_refresh_compounds(int[]);',
    );
    for (const table of ROLLUPS) this.addSql(dropPolicy(table));
    this.addSql(`drop table if exists ${[...ROLLUPS].reverse().join(', ')};`);
  }
}
