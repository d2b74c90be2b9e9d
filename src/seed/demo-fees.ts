import type pg from 'pg';

/*
 * Fees in the demo, after the articles' figures: Xinyuan's collection rose from under 30 % to 100 %
 * (here from 28 % in January 2025 to 100 % by October 2026), Dushi Huayuan's from 60 % to 100 %, Yifen
 * Xianzhuang stays above 95 %. Low-income households have their fee waived (the reason is personal
 * data). Set-based inserts: about 13,000 charges in all.
 */

const PLANS: Array<{ compound: string; rateFen: number; from: string; to: string; startRate: number; endRate: number }> = [
  { compound: '馨园', rateFen: 3_000, from: '2025-01-01', to: '2026-10-01', startRate: 0.28, endRate: 1 },
  { compound: '都市花园', rateFen: 3_800, from: '2025-01-01', to: '2026-10-01', startRate: 0.6, endRate: 1 },
  { compound: '漪汾仙庄', rateFen: 4_500, from: '2026-01-01', to: '2026-10-01', startRate: 0.96, endRate: 0.99 },
];

export async function seedDemoFees(client: pg.ClientBase): Promise<void> {
  for (const plan of PLANS) {
    const { rows } = await client.query<{ id: number }>(
      `insert into fee_schedule (compound_id, community_id, name, basis, rate_fen, period, agreed_on, effective_from)
       select id, community_id, '物业管理费', 'PER_HOUSEHOLD', $2, 'MONTHLY', ($3::date - 20), $3::date from compound where name = $1 returning id`,
      [plan.compound, plan.rateFen, plan.from],
    );
    if (!rows.length) continue;
    const schedule = rows[0].id;
    await client.query(
      `insert into fee_charge (schedule_id, community_id, household_id, compound_id, building_id, period, amount_fen)
       select s.id, s.community_id, h.id, h.compound_id, h.building_id, m::date, s.rate_fen
         from fee_schedule s join household h on h.compound_id = s.compound_id and h.archived_at is null
        cross join generate_series($2::date, $3::date, interval '1 month') m
        where s.id = $1`,
      [schedule, plan.from, plan.to],
    );
    await client.query(
      `insert into fee_waiver (charge_id, community_id, amount_fen, reason, granted_by)
       select c.id, c.community_id, c.amount_fen, '低保户，经业主大会同意减免', 'seed'
         from fee_charge c join household h on h.id = c.household_id
        where c.schedule_id = $1 and 'LOW_INCOME' = any (h.vulnerability_tags)`,
      [schedule],
    );
    // Who paid a month: the month's rate of its payable charges, picked in a stable hash order of
    // (household, month), so a month's rate reads exactly as planned (28 % in Xinyuan's first).
    const months = (Date.parse(plan.to) - Date.parse(plan.from)) / (30.44 * 86_400_000);
    await client.query(
      `insert into fee_payment (charge_id, community_id, amount_fen, paid_on, receipt_ref, recorded_by)
       select c.id, c.community_id, c.amount_fen - c.waived_fen, c.period + 9, 'SJ-' || c.id, 'seed'
         from (select c.*, row_number() over (partition by c.period order by abs(hashtext(c.household_id || ':' || c.period)), c.id) as rn,
                      count(*) over (partition by c.period) as n
                 from fee_charge c where c.schedule_id = $1 and c.amount_fen > c.waived_fen) c
        where c.rn <= round(c.n * ($2::float8 + ($3::float8 - $2::float8) * least(1, ((extract(year from c.period) - extract(year from $4::date)) * 12 + extract(month from c.period) - extract(month from $4::date)) / $5::float8)))`,
      [schedule, plan.startRate, plan.endRate, plan.from, Math.max(1, Math.round(months))],
    );
  }
}
