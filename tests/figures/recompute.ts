import { sql } from '../support/databases';

/*
 * The roll-ups recomputed directly from the base tables, written independently of the refresh
 * functions (joins and groups instead of correlated counts), and compared row for row.
 */

const COMPOUNDS = `
select cp.id as compound_id, cp.community_id, cp.archived_at is not null as archived, cp.property_mode, coalesce(br.kind, 'NONE') as branch_kind,
       cp.branch_id, coalesce(ga.graduated, false) as graduated,
       coalesce(hh.n, 0)::int as households, coalesce(hh.grouped, 0)::int as grouped_households,
       coalesce(pp.residents, 0)::int as residents, coalesce(pp.members, 0)::int as party_members, coalesce(pp.external, 0)::int as external_party_members,
       coalesce(mh.n, 0)::int as member_households, coalesce(mh.plates, 0)::int as plates,
       pc.id is not null as committee_sitting,
       coalesce(cm.n > 0 and cm.party * 100 >= c.party_member_ratio_min * cm.n, false) as committee_compliant,
       pc.term_end as committee_term_end, coalesce(el.open, false) as election_open
  from compound cp
  join community c on c.id = cp.community_id
  left join compound_branch br on br.id = cp.branch_id
  left join (select compound_id, bool_or(reason = 'GRADUATED') as graduated from compound_branch_assignment where until is null group by 1) ga on ga.compound_id = cp.id
  left join (select h.compound_id, count(*) as n, count(*) filter (where b.group_id is not null) as grouped
               from household h join building b on b.id = h.building_id where h.archived_at is null group by 1) hh on hh.compound_id = cp.id
  left join (select h.compound_id, count(distinct p.id) as residents, count(m.id) as members,
                    count(m.id) filter (where m.organization_relation = 'EXTERNAL') as external
               from person p join household h on h.id = p.household_id and h.archived_at is null
               left join party_membership m on m.person_id = p.id and m.ended_on is null
              where p.archived_at is null group by 1) pp on pp.compound_id = cp.id
  left join (select h.compound_id, count(*) as n, count(*) filter (where x.displays_plate) as plates
               from member_household x join household h on h.id = x.household_id and h.archived_at is null
              where x.undesignated_on is null group by 1) mh on mh.compound_id = cp.id
  left join property_committee pc on pc.compound_id = cp.id and pc.status = 'SITTING'
  left join (select committee_id, count(*) as n, count(*) filter (where party_member) as party from committee_member group by 1) cm on cm.committee_id = pc.id
  left join (select compound_id, true as open from committee_election where status in ('NOMINATING', 'VOTED') group by 1) el on el.compound_id = cp.id`;

const MONTHS = `
with fees as (
  select compound_id, period as month, sum(amount) as charged, sum(waived) as waived, sum(paid) as collected, count(*) as households,
         count(*) filter (where paid + waived >= amount) as settled, count(*) filter (where paid + waived < amount) as arrears
    from (select compound_id, period, household_id, sum(amount_fen) as amount, sum(waived_fen) as waived, sum(paid_fen) as paid
            from fee_charge group by 1, 2, 3) x group by 1, 2
), ev as (
  select compound_id, quarter as month, count(*) as n, count(distinct household_id) as households, sum(score) as score_sum
    from service_evaluation group by 1, 2
), ob as (
  select l.compound_id, l.month, count(*) as n,
         count(*) filter (where o.answered_at < date_trunc('quarter', l.month) + interval '3 months') as answered
    from service_objection o join service_item i on i.id = o.item_id join service_list l on l.id = i.list_id group by 1, 2
), k as (select compound_id, month from fees union select compound_id, month from ev union select compound_id, month from ob)
select k.compound_id, k.month, cp.community_id,
       coalesce(fees.charged, 0)::bigint as charged_fen, coalesce(fees.waived, 0)::bigint as waived_fen, coalesce(fees.collected, 0)::bigint as collected_fen,
       coalesce(fees.households, 0)::int as charged_households, coalesce(fees.settled, 0)::int as settled_households,
       coalesce(fees.arrears, 0)::int as arrears_households,
       coalesce(ev.n, 0)::int as evaluations, coalesce(ev.households, 0)::int as evaluated_households, coalesce(ev.score_sum, 0)::int as score_sum,
       coalesce(ob.n, 0)::int as objections, coalesce(ob.answered, 0)::int as objections_answered
  from k join compound cp on cp.id = k.compound_id
  left join fees on fees.compound_id = k.compound_id and fees.month = k.month
  left join ev on ev.compound_id = k.compound_id and ev.month = k.month
  left join ob on ob.compound_id = k.compound_id and ob.month = k.month`;

const NONZERO = `(charged_fen <> 0 or charged_households <> 0 or evaluations <> 0 or objections <> 0)`;

const ACCOUNTS = `select id as account_id, community_id, opened_on, closed_on from co_managed_account`;
const STATEMENTS = `select account_id, month, community_id, (published_at at time zone 'UTC')::date as published_on from monthly_statement where published_at is not null`;

function diff(expected: string, actual: string): string {
  return `select 'missing' as side, e.* from (${expected}) e except select 'missing', a.* from (${actual}) a
          union all
          select 'extra', a.* from (${actual}) a except select 'extra', e.* from (${expected}) e`;
}

/** Every difference between the roll-ups and their direct recomputation (empty when they agree). */
export async function rollupDifferences(database: string): Promise<string[]> {
  const checks: Array<[string, string, string]> = [
    ['compound', COMPOUNDS, 'select * from lianxin_figures_compound'],
    ['month', `select * from (${MONTHS}) m where ${NONZERO}`, `select * from lianxin_figures_month where ${NONZERO}`],
    ['account', ACCOUNTS, 'select * from lianxin_figures_account'],
    ['statement', STATEMENTS, 'select * from lianxin_figures_statement'],
  ];
  const out: string[] = [];
  for (const [name, expected, actual] of checks) {
    const rows = await sql(database, `${diff(expected, actual)} limit 10`);
    for (const r of rows) out.push(`${name}: ${JSON.stringify(r)}`);
  }
  return out;
}
