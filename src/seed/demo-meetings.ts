import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { occurrences } from '../modules/meetings/recurrence';

/*
 * Meeting schedules in the demo: 振兴社区's leaders and property manager meet on the 3rd, 13th and
 * 23rd (逢三说事, moved to the next working day) and hold the one-stop office hour in the courtyards
 * every Friday (seed 002); 永康北路社区 holds the quarterly joint meeting (季度联席会) where owners'
 * representatives question the property committee.
 */

const SCHEDULES: Array<{ community: string; kind: string; title: string; rule: string; time: string; nextWorkingDay: boolean }> = [
  {
    community: '振兴社区',
    kind: 'THIRDS',
    title: '逢三说事',
    rule: 'FREQ=MONTHLY;BYMONTHDAY=3,13,23',
    time: '09:00',
    nextWorkingDay: true,
  },
  {
    community: '振兴社区',
    kind: 'FRIDAY_OFFICE_HOUR',
    title: '庭院坐班',
    rule: 'FREQ=WEEKLY;BYDAY=FR',
    time: '14:30',
    nextWorkingDay: false,
  },
  {
    community: '永康北路社区',
    kind: 'QUARTERLY_JOINT',
    title: '季度联席会',
    rule: 'FREQ=MONTHLY;BYMONTH=1,4,7,10;BYMONTHDAY=15',
    time: '15:00',
    nextWorkingDay: true,
  },
];

export async function seedDemoMeetings(client: pg.ClientBase): Promise<void> {
  for (const s of SCHEDULES) {
    await client.query(
      `insert into meeting_schedule (community_id, kind, title, rule, starts_on, start_time, next_working_day)
       select id, $2, $3, $4, '2026-01-01', $5, $6 from community where name = $1`,
      [s.community, s.kind, s.title, s.rule, s.time, s.nextWorkingDay],
    );
  }
}

const LOCAL = '+08:00';

/**
 * Meetings held: 振兴社区's 逢三说事 of the autumn, each taking in the issues residents brought in
 * the days before it; 永康北路社区's October joint meeting, where an owners' representative asks
 * why last Wednesday's street lamp was not repaired and the committee answers (seed 002).
 */
export async function seedDemoMeetingsHeld(client: pg.ClientBase): Promise<void> {
  const q = async <T extends object>(sql: string, params: unknown[] = []): Promise<T[]> => (await client.query(sql, params)).rows as T[];
  const [thirds] = await q<{ id: number; communityId: number }>(
    `select s.id, s.community_id as "communityId" from meeting_schedule s join community c on c.id = s.community_id
      where c.name = '振兴社区' and s.kind = 'THIRDS'`,
  );
  if (thirds) {
    for (const day of occurrences('FREQ=MONTHLY;BYMONTHDAY=3,13,23', {
      startsOn: '2026-01-01',
      from: '2026-09-01',
      to: '2026-10-31',
      nextWorkingDay: true,
    })) {
      const [meeting] = await q<{ id: number }>(
        `insert into meeting_occurrence (community_id, schedule_id, kind, title, starts_at, ends_at, place, status, check_in_token,
                                         minutes, minutes_recorded_by, minutes_recorded_at)
         values ($1, $2, 'THIRDS', '逢三说事', $3::timestamptz, $3::timestamptz + interval '2 hours', '振兴社区党群服务中心', 'HELD', $4,
                 '社区班子与物业经理逐件过居民诉求，能现场解决的现场解决。', 'admin.zhenxing', $3::timestamptz + interval '2 hours')
         returning id`,
        [thirds.communityId, thirds.id, `${day}T09:00:00${LOCAL}`, randomBytes(24).toString('base64url')],
      );
      await client.query(
        `insert into meeting_agenda_item (community_id, occurrence_id, position, title) values ($1, $2, 1, '逐件过居民诉求，分清现场解决与汇总上报')`,
        [thirds.communityId, meeting.id],
      );
      // What residents raised since the meeting before: taken in here.
      await client.query(
        `insert into meeting_issue_intake (community_id, occurrence_id, issue_id, recorded_by)
         select community_id, $1, id, 'admin.zhenxing' from resident_issue
          where community_id = $2 and (reported_at at time zone 'Asia/Shanghai')::date between $3::date - 4 and $3::date`,
        [meeting.id, thirds.communityId, day],
      );
    }
  }

  const [joint] = await q<{ id: number; communityId: number }>(
    `select s.id, s.community_id as "communityId" from meeting_schedule s join community c on c.id = s.community_id
      where c.name = '永康北路社区' and s.kind = 'QUARTERLY_JOINT'`,
  );
  const [lamp] = await q<{ id: number }>("select id from resident_issue where spot = '3号楼前路灯' order by id limit 1");
  if (joint) {
    const [meeting] = await q<{ id: number }>(
      `insert into meeting_occurrence (community_id, schedule_id, kind, title, starts_at, ends_at, place, status, check_in_token,
                                       minutes, minutes_recorded_by, minutes_recorded_at)
       values ($1, $2, 'QUARTERLY_JOINT', '季度联席会', $3::timestamptz, $3::timestamptz + interval '2 hours', '永康北路社区会议室', 'HELD', $4,
               '业主代表、物业公司与社区共同出席。业主代表问：上周三坏的路灯为什么没修？', 'admin.yongkangbeilu', $3::timestamptz + interval '2 hours')
       returning id`,
      [joint.communityId, joint.id, `2026-10-15T15:00:00${LOCAL}`, randomBytes(24).toString('base64url')],
    );
    const [item] = await q<{ id: number }>(
      `insert into meeting_agenda_item (community_id, occurrence_id, position, title, issue_id)
       values ($1, $2, 1, '上周三坏的路灯为什么没修', $3) returning id`,
      [joint.communityId, meeting.id, lamp?.id ?? null],
    );
    await client.query(
      `insert into meeting_decision (community_id, occurrence_id, agenda_item_id, text, recorded_by, recorded_at)
       values ($1, $2, $3, '物业公司答复：灯具已于周五更换；今后路灯报修48小时内修复，业委会每月抽查。', 'admin.yongkangbeilu', $4::timestamptz)`,
      [joint.communityId, meeting.id, item.id, `2026-10-15T16:30:00${LOCAL}`],
    );
    await client.query(
      `insert into meeting_attendance (community_id, occurrence_id, person_id, status)
       select $2, $1, person_id, 'PRESENT' from user_account
        where login in ('admin.yongkangbeilu', 'owner.xinyuan', 'committee.xinyuan') and person_id is not null`,
      [meeting.id, joint.communityId],
    );
  }
}
