import { sql } from '../support/databases';
import { codes, gid, ok, startTestApp, type TestApp } from '../support/test-app';

/* Meeting schedules: who keeps them, who reads them, and the days they fall on. */

const CREATE = `mutation($input: CreateMeetingScheduleInput!) { createMeetingSchedule(input: $input) {
  schedule { id kind title rule occurrences(from: "2026-05-01", to: "2026-05-31") } userErrors { field code message } } }`;
const LIST = `query($id: ID!) { community(id: $id) { meetingSchedules { title kind occurrences(from: "2026-05-01", to: "2026-05-31") } } }`;

interface Payload {
  createMeetingSchedule: { schedule: { kind: string; rule: string; occurrences: string[] } | null; userErrors: Array<{ code: string }> };
}

describe('meeting schedules', () => {
  let app: TestApp;
  let community: string;
  let xinyuan: string;

  beforeAll(async () => {
    app = await startTestApp();
    community = gid('Community', (await sql<{ id: number }>(app.database, "select id from community where name = '永康北路社区'"))[0].id);
    xinyuan = gid('Compound', (await sql<{ id: number }>(app.database, "select id from compound where name = '馨园'"))[0].id);
  });
  afterAll(() => app.close());

  const thirds = () => ({
    communityId: community,
    kind: 'THIRDS',
    title: '逢三说事',
    startsOn: '2026-01-01',
    startTime: '09:00',
    nextWorkingDay: true,
  });

  it('lets the community keep its schedules, and a branch those of its compound; nobody else', async () => {
    const res = ok(await app.request<Payload, Record<string, unknown>>(CREATE, { input: thirds() }, { as: 'admin.yongkangbeilu' }));
    expect(res.createMeetingSchedule.schedule).toEqual({
      id: expect.any(String),
      kind: 'THIRDS',
      title: '逢三说事',
      rule: 'FREQ=MONTHLY;BYMONTHDAY=3,13,23',
      // 3 May 2026 is a Sunday and 23 May a Saturday: moved to Monday.
      occurrences: ['2026-05-04', '2026-05-13', '2026-05-25'],
    });
    const branch = {
      ...thirds(),
      compoundId: xinyuan,
      kind: 'CUSTOM',
      title: '支部主题党日',
      rule: 'FREQ=MONTHLY;BYDAY=1MO',
      nextWorkingDay: false,
    };
    expect(
      ok(await app.request<Payload, Record<string, unknown>>(CREATE, { input: branch }, { as: 'secretary.xinyuan' })).createMeetingSchedule
        .schedule!.occurrences,
    ).toEqual(['2026-05-04']);
    expect(codes(await app.request(CREATE, { input: thirds() }, { as: 'secretary.xinyuan' }))).toEqual(['FORBIDDEN']);
    expect(codes(await app.request(CREATE, { input: thirds() }, { as: 'resident.xinyuan' }))).toEqual(['FORBIDDEN']);
    expect(codes(await app.request(CREATE, { input: thirds() }, { as: 'street.xiaodian' }))).toEqual(['FORBIDDEN']);
    expect(codes(await app.request(CREATE, { input: thirds() }, { as: 'admin.zhenxing' }))).toEqual(['NOT_FOUND']);
    const invalid = ok(
      await app.request<Payload, Record<string, unknown>>(
        CREATE,
        { input: { ...thirds(), kind: 'CUSTOM', rule: 'FREQ=SOMETIMES' } },
        { as: 'admin.yongkangbeilu' },
      ),
    );
    expect(invalid.createMeetingSchedule.userErrors.map((e) => e.code)).toEqual(['INVALID_RULE']);
    // Every second from 1900: listing a year of it held the event loop (every request) for minutes.
    for (const rule of ['FREQ=SECONDLY', 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30']) {
      const unbounded = ok(
        await app.request<Payload, Record<string, unknown>>(
          CREATE,
          { input: { ...thirds(), kind: 'CUSTOM', rule, startsOn: '1900-01-01' } },
          { as: 'admin.yongkangbeilu' },
        ),
      );
      expect([rule, unbounded.createMeetingSchedule.userErrors.map((e) => e.code)]).toEqual([rule, ['INVALID_RULE']]);
    }
  });

  it('shows the schedules and their days to everyone in the community, not to another community', async () => {
    const res = ok(
      await app.request<{ community: { meetingSchedules: Array<{ title: string; occurrences: string[] }> } }, { id: string }>(
        LIST,
        { id: community },
        { as: 'resident.xinyuan' },
      ),
    );
    expect(res.community.meetingSchedules.map((s) => s.title)).toEqual(expect.arrayContaining(['季度联席会', '逢三说事', '支部主题党日']));
    expect(codes(await app.request(LIST, { id: community }, { as: 'resident.zhenxing' }))).toEqual(['NOT_FOUND']);
  });
});
