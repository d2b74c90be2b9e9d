import type pg from 'pg';

/*
 * Services in the demo: property companies, monthly service lists from July 2026, residents'
 * objections (one left unanswered), and the third quarter's evaluations — Yifen Xianzhuang's company
 * earns the red flag, the dormitory's the yellow one. The fourth quarter is open for evaluation.
 */

interface Plan {
  compound: string;
  company: string | null;
  /** Target average of the households' scores, 1–5. */
  mean: number;
  objections: Array<{ text: string; answer: string | null }>;
}

const PLANS: Array<{ community: string; companies: string[]; plans: Plan[] }> = [
  {
    community: '永康北路社区',
    companies: ['山西康居物业服务有限公司', '太原安泰物业管理有限公司'],
    plans: [
      {
        compound: '漪汾仙庄',
        company: '山西康居物业服务有限公司',
        mean: 4.7,
        objections: [{ text: '3号楼楼道灯上周三没修好', answer: '已于周五更换灯具' }],
      },
      {
        compound: '小店区一中宿舍',
        company: '太原安泰物业管理有限公司',
        mean: 2.9,
        objections: [
          { text: '垃圾清运不及时，夏天有异味', answer: null },
          { text: '门岗夜间无人值守', answer: '已增加夜班人员' },
        ],
      },
      { compound: '馨园', company: null, mean: 4.2, objections: [] },
    ],
  },
  {
    community: '振兴社区',
    companies: ['郑州红管家物业服务中心'],
    plans: [
      {
        compound: '都市花园',
        company: '郑州红管家物业服务中心',
        mean: 4.4,
        objections: [{ text: '雨后地下车库积水', answer: '已疏通排水沟' }],
      },
    ],
  },
];

const ITEMS: Array<[string, string]> = [
  ['公共区域保洁', '每日上午'],
  ['秩序维护与门岗', '24小时'],
  ['绿化养护', '每周二、五'],
  ['设施设备巡检', '每周一'],
];

export async function seedDemoServices(client: pg.ClientBase): Promise<void> {
  const q = async <T extends object>(sql: string, params: unknown[] = []): Promise<T[]> => (await client.query(sql, params)).rows as T[];
  for (const { community, companies, plans } of PLANS) {
    const companyIds = new Map<string, number>();
    for (const name of companies) {
      const [row] = await q<{ id: number }>(
        `insert into property_company (community_id, name) select id, $2 from community where name = $1 returning id`,
        [community, name],
      );
      companyIds.set(name, row.id);
    }
    for (const plan of plans) {
      const [compound] = await q<{ id: number }>('select id from compound where name = $1', [plan.compound]);
      if (!compound) continue;
      const items: number[] = [];
      for (const month of ['2026-07-01', '2026-08-01', '2026-09-01', '2026-10-01', '2026-11-01']) {
        const [list] = await q<{ id: number }>(
          `insert into service_list (compound_id, community_id, month, provider, property_company_id, published_by)
           select $1, community_id, $2, $3, $4, 'seed' from compound where id = $1 returning id`,
          [compound.id, month, plan.company ? 'PROPERTY_COMPANY' : 'COMMITTEE', plan.company ? companyIds.get(plan.company) : null],
        );
        for (const [title, schedule] of ITEMS) {
          const [item] = await q<{ id: number }>(
            `insert into service_item (list_id, community_id, title, schedule) select $1, community_id, $2, $3 from service_list where id = $1 returning id`,
            [list.id, title, schedule],
          );
          if (month === '2026-08-01') items.push(item.id);
        }
      }
      const households = await q<{ id: number }>(
        'select id from household where compound_id = $1 and archived_at is null order by id limit 60',
        [compound.id],
      );
      for (const [i, objection] of plan.objections.entries()) {
        await q(
          `insert into service_objection (item_id, community_id, household_id, text, raised_by, answer, answered_by, answered_at, created_at)
           select $1, community_id, $2, $3, 'seed', $4::text, case when $4::text is null then null else 'seed' end,
                  case when $4::text is null then null else timestamptz '2026-08-20 10:00+00' end, timestamptz '2026-08-12 09:00+00'
             from service_item where id = $1`,
          [items[i % items.length], households[i].id, objection.text, objection.answer],
        );
      }
      // Scores spread around the mean: floor or ceiling in the proportion that gives the mean.
      const low = Math.floor(plan.mean);
      const highShare = plan.mean - low;
      for (const [i, h] of households.entries()) {
        const score = Math.min(5, (i * 0.618) % 1 < highShare ? low + 1 : low);
        await q(
          `insert into service_evaluation (compound_id, community_id, household_id, quarter, score, updated_at)
           select compound_id, community_id, id, '2026-07-01', $2, timestamptz '2026-09-25 12:00+00' from household where id = $1`,
          [h.id, score],
        );
      }
    }
  }
}
