import type pg from 'pg';

/*
 * Residents' issues in the demo. 振兴社区 (seed 002): a year of issues from its courtyards, most
 * solved on site by the building group, some at the branch, none leaving the community
 * (能现场解决的现场解决). 梓林小区 in 英俊社区 (seed 003): the drain case — reported on 24 June,
 * the grid worker and a party-member volunteer on site, the building group's deadline passing, the
 * people's mediator bringing the five households and the property company to terms, the pipe
 * replaced on 3 July, closed with the reporter's rating. Every step is recorded as the API would.
 */

interface Step {
  from: string | null;
  to: string;
  level: string;
  actor: string;
  role: string;
  at: string;
  note: string | null;
}

const CATEGORIES: Array<[string, string]> = [
  ['repairs', '单元门门禁坏了，刷卡打不开'],
  ['sanitation', '垃圾桶满了没人清理'],
  ['parking', '消防通道被私家车占用'],
  ['safety', '楼道里有人飞线给电动车充电'],
  ['neighbour_dispute', '楼上装修噪音影响休息'],
  ['elderly_help', '独居老人需要帮忙买菜'],
  ['repairs', '楼顶漏雨，雨天屋里滴水'],
  ['property_service', '院里路灯不亮'],
];

async function insertIssue(
  client: pg.ClientBase,
  issue: { household: number; userId: number; name: string; category: string; text: string; subject: string; spot: string | null },
  steps: Step[],
  final: {
    status: string;
    level: string;
    resolvedAt: string | null;
    closedAt: string | null;
    rating: number | null;
    comment: string | null;
  },
  escalations: Array<{ from: string; to: string; missed: string | null; at: string; actor: string; note: string }>,
): Promise<void> {
  const {
    rows: [row],
  } = await client.query<{ id: number }>(
    `insert into resident_issue (community_id, household_id, compound_id, subject, spot, category, priority, text, name_visible, reporter_user_id,
                                 reporter_name, status, level, due_at, reported_at, resolved_at, closed_at, rating, rating_comment, created_at, updated_at)
     select community_id, id, compound_id, $2, $3, $4, 'NORMAL', $5, true, $6, $7, $8, $9, null, $10::timestamptz, $11::timestamptz, $12::timestamptz, $13, $14,
            $10::timestamptz, coalesce($12::timestamptz, $11::timestamptz, $10::timestamptz)
       from household where id = $1 returning id`,
    [
      issue.household,
      issue.subject,
      issue.spot,
      issue.category,
      issue.text,
      issue.userId,
      issue.name,
      final.status,
      final.level,
      steps[0].at,
      final.resolvedAt,
      final.closedAt,
      final.rating,
      final.comment,
    ],
  );
  for (const s of steps) {
    await client.query(
      `insert into issue_step (community_id, issue_id, from_status, to_status, level, actor, role, at, note, created_at, updated_at)
       select community_id, id, $2, $3, $4, $5, $6, $7::timestamptz, $8, $7::timestamptz, $7::timestamptz from resident_issue where id = $1`,
      [row.id, s.from, s.to, s.level, s.actor, s.role, s.at, s.note],
    );
  }
  for (const e of escalations) {
    await client.query(
      `insert into escalation (community_id, issue_id, from_level, to_level, missed_deadline, at, actor, note, created_at, updated_at)
       select community_id, id, $2, $3, $4::timestamptz, $5::timestamptz, $6, $7, $5::timestamptz, $5::timestamptz from resident_issue where id = $1`,
      [row.id, e.from, e.to, e.missed, e.at, e.actor, e.note],
    );
  }
}

const day = (d: string, hour = 9) => `${d}T${String(hour).padStart(2, '0')}:00:00Z`;

export async function seedDemoIssues(client: pg.ClientBase): Promise<void> {
  const q = async <T extends object>(sql: string, params: unknown[] = []): Promise<T[]> => (await client.query(sql, params)).rows as T[];
  const [zhenxingResident] = await q<{ id: number; name: string }>(
    "select id, display_name as name from user_account where login = 'resident.zhenxing'",
  );
  const households = await q<{ id: number }>(
    `select h.id from household h join community c on c.id = h.community_id where c.name = '振兴社区' and h.archived_at is null order by h.id`,
  );
  // A year of 振兴社区's issues: two a month, from courtyards across the community.
  for (let month = 1; month <= 11; month++) {
    for (let k = 0; k < 2; k++) {
      const n = month * 2 + k;
      const [category, text] = CATEGORIES[n % CATEGORIES.length];
      const reported = `2026-${String(month).padStart(2, '0')}-${String(3 + k * 10).padStart(2, '0')}`;
      const next = `2026-${String(month).padStart(2, '0')}-${String(4 + k * 10).padStart(2, '0')}`;
      const done = `2026-${String(month).padStart(2, '0')}-${String(5 + k * 10).padStart(2, '0')}`;
      // One in five needs the branch (a courtyard cannot settle a neighbours' quarrel alone).
      const atBranch = n % 5 === 0;
      const level = atBranch ? 'BRANCH' : 'BUILDING_GROUP';
      const handler = atBranch ? '庭院支部书记' : '楼栋长';
      const steps: Step[] = [
        {
          from: null,
          to: 'REPORTED',
          level: 'BUILDING_GROUP',
          actor: 'resident.zhenxing',
          role: 'RESIDENT',
          at: day(reported),
          note: null,
        },
      ];
      const escalations = [];
      if (atBranch) {
        steps.push({
          from: 'REPORTED',
          to: 'ESCALATED',
          level: 'BRANCH',
          actor: '楼栋长',
          role: 'GROUP_LEADER',
          at: day(reported, 15),
          note: '院内协调未果，上报支部',
        });
        escalations.push({
          from: 'BUILDING_GROUP',
          to: 'BRANCH',
          missed: null,
          at: day(reported, 15),
          actor: '楼栋长',
          note: '院内协调未果，上报支部',
        });
      }
      steps.push(
        {
          from: steps.at(-1)!.to,
          to: 'ACCEPTED',
          level,
          actor: handler,
          role: atBranch ? 'BRANCH_SECRETARY' : 'GROUP_LEADER',
          at: day(next),
          note: '坐班时受理',
        },
        {
          from: 'ACCEPTED',
          to: 'RESOLVED',
          level,
          actor: handler,
          role: atBranch ? 'BRANCH_SECRETARY' : 'GROUP_LEADER',
          at: day(done),
          note: '现场解决',
        },
        { from: 'RESOLVED', to: 'CLOSED', level, actor: 'resident.zhenxing', role: 'RESIDENT', at: day(done, 18), note: null },
      );
      await insertIssue(
        client,
        {
          household: households[(n * 37) % households.length].id,
          userId: zhenxingResident.id,
          name: zhenxingResident.name,
          category,
          text,
          subject: 'BUILDING',
          spot: null,
        },
        steps,
        { status: 'CLOSED', level, resolvedAt: day(done), closedAt: day(done, 18), rating: n % 7 === 0 ? 4 : 5, comment: '问题不出院' },
        escalations,
      );
    }
  }

  // 永康北路社区 (seed 002): the street lamp an owners' representative raised at the quarterly joint
  // meeting, recorded from the paper register of the Friday office hour (no login of its reporter).
  const [lampHome] = await q<{ id: number }>(
    `select h.id from household h join compound cp on cp.id = h.compound_id where cp.name = '漪汾仙庄' and h.archived_at is null order by h.id limit 1`,
  );
  if (lampHome) {
    await insertIssue(
      client,
      {
        household: lampHome.id,
        userId: 0,
        name: '漪汾仙庄居民',
        category: 'property_service',
        text: '3号楼前路灯上周三坏了，至今没修',
        subject: 'SPOT',
        spot: '3号楼前路灯',
      },
      [
        {
          from: null,
          to: 'REPORTED',
          level: 'BUILDING_GROUP',
          actor: '漪汾仙庄居民',
          role: 'RESIDENT',
          at: day('2026-10-09', 9),
          note: '周五坐班登记',
        },
        {
          from: 'REPORTED',
          to: 'ACCEPTED',
          level: 'BUILDING_GROUP',
          actor: '楼栋长',
          role: 'GROUP_LEADER',
          at: day('2026-10-09', 11),
          note: '转物业',
        },
        {
          from: 'ACCEPTED',
          to: 'RESOLVED',
          level: 'BUILDING_GROUP',
          actor: '楼栋长',
          role: 'GROUP_LEADER',
          at: day('2026-10-11', 16),
          note: '物业周五已更换灯具',
        },
      ],
      { status: 'RESOLVED', level: 'BUILDING_GROUP', resolvedAt: day('2026-10-11', 16), closedAt: null, rating: null, comment: null },
      [],
    );
  }

  // The drain case of 梓林小区 (seed 003), as the article tells it.
  const [drainHome] = await q<{ id: number }>(
    `select h.id from household h join compound cp on cp.id = h.compound_id where cp.name = '梓林小区' and h.archived_at is null order by h.id limit 1`,
  );
  if (!drainHome) return;
  const steps: Step[] = [
    { from: null, to: 'REPORTED', level: 'BUILDING_GROUP', actor: '梓林小区居民', role: 'RESIDENT', at: day('2026-06-24', 8), note: null },
    {
      from: 'REPORTED',
      to: 'ACCEPTED',
      level: 'BUILDING_GROUP',
      actor: '网格员许秋颖',
      role: 'GRID_WORKER',
      at: day('2026-06-24', 10),
      note: '与党员志愿者实地查看：楼上下水返水，楼下棚顶墙壁被泡',
    },
    {
      from: 'ACCEPTED',
      to: 'IN_PROGRESS',
      level: 'BUILDING_GROUP',
      actor: '网格员许秋颖',
      role: 'GRID_WORKER',
      at: day('2026-06-25', 9),
      note: '楼上住户答应次日回来；物业说下水井堵塞，管道老化需更换',
    },
    {
      from: 'IN_PROGRESS',
      to: 'ESCALATED',
      level: 'BRANCH',
      actor: 'system',
      role: 'SYSTEM',
      at: day('2026-06-26', 8),
      note: 'SLA passed: escalated to BRANCH',
    },
    // 梓林小区 has no branch of its own: nobody takes it in there, and its deadline passes too.
    {
      from: 'ESCALATED',
      to: 'ESCALATED',
      level: 'COMMUNITY',
      actor: 'system',
      role: 'SYSTEM',
      at: day('2026-06-29', 8),
      note: 'SLA passed: escalated to COMMUNITY',
    },
    {
      from: 'ESCALATED',
      to: 'ACCEPTED',
      level: 'COMMUNITY',
      actor: '社区书记王双',
      role: 'COMMUNITY_ADMIN',
      at: day('2026-06-29', 10),
      note: '请人民调解员张琳、老党员赵亚杰协调居民与物业',
    },
    {
      from: 'ACCEPTED',
      to: 'IN_PROGRESS',
      level: 'COMMUNITY',
      actor: '人民调解员张琳',
      role: 'COMMUNITY_ADMIN',
      at: day('2026-06-30', 15),
      note: '调解达成：5户每户出资300元，其余由物业兜底',
    },
    {
      from: 'IN_PROGRESS',
      to: 'RESOLVED',
      level: 'COMMUNITY',
      actor: '社区书记王双',
      role: 'COMMUNITY_ADMIN',
      at: day('2026-07-03', 17),
      note: '下水管道更换完成',
    },
    {
      from: 'RESOLVED',
      to: 'CLOSED',
      level: 'COMMUNITY',
      actor: '梓林小区居民',
      role: 'RESIDENT',
      at: day('2026-07-04', 9),
      note: '谢谢社区',
    },
  ];
  await insertIssue(
    client,
    {
      household: drainHome.id,
      userId: 0,
      name: '梓林小区居民',
      category: 'repairs',
      text: '楼上的污水都流到我家来了，楼上没人，实在没有办法',
      subject: 'HOUSEHOLD',
      spot: null,
    },
    steps,
    {
      status: 'CLOSED',
      level: 'COMMUNITY',
      resolvedAt: day('2026-07-03', 17),
      closedAt: day('2026-07-04', 9),
      rating: 5,
      comment: '谢谢社区',
    },
    [
      {
        from: 'BUILDING_GROUP',
        to: 'BRANCH',
        missed: day('2026-06-26', 8),
        at: day('2026-06-26', 8),
        actor: 'system',
        note: 'SLA at BUILDING_GROUP passed',
      },
      {
        from: 'BRANCH',
        to: 'COMMUNITY',
        missed: day('2026-06-29', 8),
        at: day('2026-06-29', 8),
        actor: 'system',
        note: 'SLA at BRANCH passed',
      },
    ],
  );
}
