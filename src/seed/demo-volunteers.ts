import type pg from 'pg';

/*
 * Volunteers in the demo, after the articles: Yongkang North Road's 14 teams and its title of
 * national best volunteer-service community (seed 000/001); Xiamen's nightly patrol and Thursday
 * choir at Xianglu Huacheng (seed 004); Changchun's party members planting flowers every spring
 * (seed 003); Zhenxing's mediation team. Attendances with check-in and check-out, and the hours
 * ledger they produce, for the first weeks of November 2026 (and the planting of April 2026). Times are UTC (20:00 in China is 12:00).
 */

const YONGKANG_TEAMS: Array<[string, string]> = [
  ['党员先锋志愿服务队', 'PARTY_MEMBER'],
  ['平安巡逻队', 'PATROL'],
  ['邻里调解队', 'MEDIATION'],
  ['助老服务队', 'ELDER_CARE'],
  ['环境美化队', 'ENVIRONMENT'],
  ['文艺宣传队', 'CULTURE'],
  ['健身舞蹈队', 'CULTURE'],
  ['垃圾分类督导队', 'ENVIRONMENT'],
  ['法律援助队', 'OTHER'],
  ['医疗义诊队', 'OTHER'],
  ['四点半课堂辅导队', 'OTHER'],
  ['便民维修队', 'OTHER'],
  ['防疫志愿服务队', 'OTHER'],
  ['关爱青少年服务队', 'OTHER'],
];

interface ActivityDef {
  community: string;
  compound: string | null;
  team: string;
  kind: string;
  title: string;
  startsAt: string;
  minutes: number;
  rule: string | null;
  place: string;
}

const ACTIVITIES: ActivityDef[] = [
  {
    community: '永康北路社区',
    compound: null,
    team: '平安巡逻队',
    kind: 'PATROL',
    title: '夜间巡逻',
    startsAt: '2026-01-01T12:00:00Z',
    minutes: 90,
    rule: 'FREQ=DAILY',
    place: '社区各小区',
  },
  {
    community: '示例社区（殿前街道）',
    compound: '翔鹭花城二期',
    team: '党员夜间巡逻队',
    kind: 'PATROL',
    title: '夜间巡逻',
    startsAt: '2026-01-01T12:30:00Z',
    minutes: 60,
    rule: 'FREQ=DAILY',
    place: '翔鹭花城二期',
  },
  {
    community: '示例社区（殿前街道）',
    compound: '翔鹭花城二期',
    team: '业主合唱团',
    kind: 'CULTURE',
    title: '周四合唱',
    startsAt: '2026-01-01T11:30:00Z',
    minutes: 120,
    rule: 'FREQ=WEEKLY;BYDAY=TH',
    place: '小区活动室',
  },
  {
    community: '英俊社区',
    compound: null,
    team: '党员种花护绿队',
    kind: 'ENVIRONMENT',
    title: '春季种花',
    startsAt: '2026-04-18T01:00:00Z',
    minutes: 180,
    rule: 'FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=18',
    place: '小区花坛',
  },
  {
    community: '振兴社区',
    compound: null,
    team: '邻里调解志愿队',
    kind: 'MEDIATION',
    title: '周六调解接待',
    startsAt: '2026-01-03T02:00:00Z',
    minutes: 120,
    rule: 'FREQ=WEEKLY;BYDAY=SA',
    place: '党群服务中心',
  },
];

export async function seedDemoVolunteers(client: pg.ClientBase): Promise<void> {
  await client.query(
    `insert into volunteer_team (community_id, name, kind)
     select c.id, t.name, t.kind from community c cross join unnest($1::text[], $2::text[]) as t(name, kind) where c.name = '永康北路社区'`,
    [YONGKANG_TEAMS.map((t) => t[0]), YONGKANG_TEAMS.map((t) => t[1])],
  );
  for (const a of ACTIVITIES) {
    const { rows } = await client.query<{ id: number }>(
      `with c as (select id from community where name = $1),
            existing as (select t.id from volunteer_team t join c on c.id = t.community_id where t.name = $3),
            created as (insert into volunteer_team (community_id, compound_id, name, kind)
                        select c.id, (select id from compound where name = $2 and community_id = c.id), $3, $4 from c
                         where not exists (select 1 from existing) returning id)
       select id from existing union all select id from created`,
      [a.community, a.compound, a.team, a.kind],
    );
    if (!rows.length) continue;
    await client.query(
      `insert into volunteer_activity (community_id, team_id, title, starts_at, duration_minutes, recurrence, place, check_in_code)
       select t.community_id, t.id, $2::text, $3::timestamptz, $4::int, $5::text, $6::text, md5(t.id::text || $2::text)::varchar(24) from volunteer_team t where t.id = $1::int`,
      [rows[0].id, a.title, a.startsAt, a.minutes, a.rule, a.place],
    );
  }
  // Attendance: the first party members of each activity's community, at the November occurrences, checked in and out.
  await client.query(
    `with occurrences as (
       select a.id as activity, a.community_id, a.team_id, d::date as day,
              (d::date + a.starts_at::time) as starts, a.duration_minutes
         from volunteer_activity a cross join generate_series(date '2026-11-01', date '2026-11-14', interval '1 day') d
        where a.recurrence = 'FREQ=DAILY' or (a.recurrence like '%BYDAY=TH%' and extract(isodow from d) = 4)
           or (a.recurrence like '%BYDAY=SA%' and extract(isodow from d) = 6)),
     volunteers as (
       select p.id, p.community_id, row_number() over (partition by p.community_id order by p.id) as n
         from person p join party_membership m on m.person_id = p.id and m.ended_on is null)
     insert into volunteer_attendance (community_id, activity_id, person_id, occurs_on, signed_up_at, checked_in_at, checked_out_at)
     select o.community_id, o.activity, v.id, o.day, o.starts - interval '1 day', o.starts + (v.n * interval '1 minute'),
            o.starts + (o.duration_minutes - v.n) * interval '1 minute'
       from occurrences o join volunteers v on v.community_id = o.community_id and v.n <= 4`,
  );
  // Changchun's spring planting (seed 003): this year's occurrence, 18 April, with the community's party members.
  await client.query(
    `with volunteers as (
       select p.id, p.community_id, row_number() over (partition by p.community_id order by p.id) as n
         from person p join party_membership m on m.person_id = p.id and m.ended_on is null)
     insert into volunteer_attendance (community_id, activity_id, person_id, occurs_on, signed_up_at, checked_in_at, checked_out_at)
     select a.community_id, a.id, v.id, (a.starts_at at time zone 'UTC')::date, a.starts_at - interval '7 days', a.starts_at + v.n * interval '1 minute',
            a.starts_at + (a.duration_minutes - v.n) * interval '1 minute'
       from volunteer_activity a join volunteers v on v.community_id = a.community_id and v.n <= 6
      where a.recurrence like 'FREQ=YEARLY;BYMONTH=4%' and (a.starts_at at time zone 'UTC')::date = date '2026-04-18'`,
  );
  await client.query(
    `insert into volunteer_hours (community_id, team_id, person_id, activity_id, served_on, minutes, recorded_by)
     select a.community_id, act.team_id, a.person_id, a.activity_id, a.occurs_on,
            floor(extract(epoch from a.checked_out_at - a.checked_in_at) / 60)::int, 'demo'
       from volunteer_attendance a join volunteer_activity act on act.id = a.activity_id where a.checked_out_at is not null`,
  );
  await client.query(
    `insert into volunteer_honour (community_id, title, awarded_by, awarded_on)
     select id, '全国最佳志愿服务社区', '中央文明办', date '2019-12-05' from community where name = '永康北路社区'`,
  );
  await client.query(
    `insert into volunteer_honour (community_id, team_id, title, awarded_by, awarded_on)
     select t.community_id, t.id, '优秀志愿服务队', '振中街道', date '2026-06-30' from volunteer_team t where t.name = '邻里调解志愿队'`,
  );
}
