import type pg from 'pg';

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
