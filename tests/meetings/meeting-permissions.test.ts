import { fixedClock } from '../../src/core/clock';
import { sql } from '../support/databases';
import { codes, gid, ok, startTestApp, type TestApp } from '../support/test-app';

/*
 * MeetingOccurrence.permissions and MeetingSchedule.permissions: what the caller may do now, and
 * that the mutations agree — a true flag's mutation goes through, a false one's is refused — for
 * the organisers, someone who does not keep the meeting, and an invited resident, as the meeting
 * comes near, starts and is held, on the request clock.
 */

const PERMS = `permissions { canMarkHeld canCancel canAddAgendaItem canInvite canRecordAttendance canRecordMinutes
  canRecordDecision canRecordIssueTakenIn canCheckIn }`;
const NODE = `query($id: ID!) { node(id: $id) { ... on MeetingOccurrence { ${PERMS} } } }`;
const SCHEDULES = `query($id: ID!) { community(id: $id) { meetingSchedules { id permissions { canMaterialize } } } }`;
const m = (name: string, input: string) => `mutation($input: ${input}!) { ${name}(input: $input) { userErrors { code } } }`;
const CREATE = `mutation($input: CreateMeetingOccurrenceInput!) { createMeetingOccurrence(input: $input) { occurrence { id ${PERMS} } userErrors { code } } }`;
const MUTATIONS = {
  setMeetingStatus: m('setMeetingStatus', 'SetMeetingStatusInput'),
  addMeetingAgendaItem: m('addMeetingAgendaItem', 'AddMeetingAgendaItemInput'),
  inviteToMeeting: m('inviteToMeeting', 'InviteToMeetingInput'),
  recordMeetingAttendance: m('recordMeetingAttendance', 'RecordMeetingAttendanceInput'),
  recordMeetingMinutes: m('recordMeetingMinutes', 'RecordMeetingMinutesInput'),
  recordMeetingDecision: m('recordMeetingDecision', 'RecordMeetingDecisionInput'),
  recordIssueTakenIn: m('recordIssueTakenIn', 'RecordIssueTakenInInput'),
  checkInToMeeting: m('checkInToMeeting', 'CheckInToMeetingInput'),
  materializeMeetingOccurrences: `mutation($input: MaterializeMeetingOccurrencesInput!) { materializeMeetingOccurrences(input: $input) { userErrors { code } } }`,
};
const TOKEN = `query($id: ID!) { node(id: $id) { ... on MeetingOccurrence { checkInToken } } }`;
const REPORT = `mutation($input: ReportIssueInput!) { reportIssue(input: $input) { issue { id } userErrors { code } } }`;

type Perms = Record<string, boolean>;
type Vars = Record<string, unknown>;
const NONE: Perms = {
  canMarkHeld: false,
  canCancel: false,
  canAddAgendaItem: false,
  canInvite: false,
  canRecordAttendance: false,
  canRecordMinutes: false,
  canRecordDecision: false,
  canRecordIssueTakenIn: false,
  canCheckIn: false,
};
const ORGANISER: Perms = { ...NONE, canCancel: true, canAddAgendaItem: true, canInvite: true, canRecordAttendance: true };

describe('what the caller may do with a meeting', () => {
  const clock = fixedClock('2026-11-16T00:30:00Z');
  let app: TestApp;
  let yongkang: string;
  let resident: string;
  let issue: string;

  const one = async (query: string) => (await sql<{ id: number }>(app.database, query))[0].id;
  beforeAll(async () => {
    app = await startTestApp({ clock });
    yongkang = gid('Community', await one("select id from community where name = '永康北路社区'"));
    resident = gid('Person', await one("select person_id as id from user_account where login = 'resident.xinyuan'"));
    const household = gid(
      'Household',
      await one("select household_id as id from person where id = (select person_id from user_account where login = 'resident.xinyuan')"),
    );
    issue = ok(
      await app.request<{ reportIssue: { issue: { id: string } } }, Vars>(
        REPORT,
        { input: { householdId: household, subject: 'BUILDING', category: 'repairs', text: '楼道灯坏了', nameVisible: true } },
        { as: 'resident.xinyuan' },
      ),
    ).reportIssue.issue.id;
  });
  afterAll(() => app.close());

  const perms = async (id: string, as: string) =>
    ok(await app.request<{ node: { permissions: Perms } }, Vars>(NODE, { id }, { as })).node.permissions;
  /** OK, the userErrors' codes, or the error's code. */
  const act = async (name: keyof typeof MUTATIONS, input: Vars, as: string) => {
    const res = await app.request<Record<string, { userErrors: Array<{ code: string }> } | null>, Vars>(MUTATIONS[name], { input }, { as });
    return res.errors?.length ? codes(res).join(',') : res.data![name]!.userErrors.map((e) => e.code).join(',') || 'OK';
  };
  const create = async (kind: string, title: string) =>
    ok(
      await app.request<{ createMeetingOccurrence: { occurrence: { id: string; permissions: Perms } } }, Vars>(
        CREATE,
        { input: { communityId: yongkang, kind, title, startsAt: '2026-11-16T02:00:00Z', endsAt: '2026-11-16T04:00:00Z' } },
        { as: 'admin.yongkangbeilu' },
      ),
    ).createMeetingOccurrence.occurrence;

  it('answers for the organisers, others and the invited as the meeting is held, and the mutations agree', async () => {
    const created = await create('OFFICE_HOUR', '权限测试坐班');
    const id = created.id;
    // Before it starts: keeping it, but not marking it held nor recording what it decided.
    expect(created.permissions).toEqual({ ...ORGANISER, canRecordIssueTakenIn: true });
    expect(await perms(id, 'secretary.xinyuan')).toEqual(NONE);
    expect(await perms(id, 'resident.xinyuan')).toEqual(NONE);
    expect(await act('setMeetingStatus', { occurrenceId: id, status: 'CANCELLED' }, 'secretary.xinyuan')).toBe('FORBIDDEN');
    expect(await act('addMeetingAgendaItem', { occurrenceId: id, title: '楼道灯' }, 'secretary.xinyuan')).toBe('FORBIDDEN');
    expect(await act('setMeetingStatus', { occurrenceId: id, status: 'HELD' }, 'admin.yongkangbeilu')).toBe('MEETING_NOT_HELD');
    expect(await act('recordMeetingMinutes', { occurrenceId: id, minutes: '纪要' }, 'admin.yongkangbeilu')).toBe('MEETING_NOT_HELD');
    expect(await act('recordMeetingDecision', { occurrenceId: id, text: '决定' }, 'admin.yongkangbeilu')).toBe('MEETING_NOT_HELD');
    expect(await act('addMeetingAgendaItem', { occurrenceId: id, title: '楼道灯' }, 'admin.yongkangbeilu')).toBe('OK');
    expect(await act('inviteToMeeting', { occurrenceId: id, personIds: [resident] }, 'admin.yongkangbeilu')).toBe('OK');
    expect(await act('recordIssueTakenIn', { occurrenceId: id, issueId: issue }, 'admin.yongkangbeilu')).toBe('OK');

    // Invited, but check-in opens an hour before the start (01:00).
    const token = ok(await app.request<{ node: { checkInToken: string } }, Vars>(TOKEN, { id }, { as: 'admin.yongkangbeilu' })).node
      .checkInToken;
    expect(await perms(id, 'resident.xinyuan')).toEqual(NONE);
    expect(await act('checkInToMeeting', { token }, 'resident.xinyuan')).toBe('CHECK_IN_CLOSED');
    clock.set('2026-11-16T01:30:00Z');
    expect(await perms(id, 'resident.xinyuan')).toEqual({ ...NONE, canCheckIn: true });
    expect(await perms(id, 'member.xinyuan')).toEqual(NONE);
    expect(await act('checkInToMeeting', { token }, 'member.xinyuan')).toBe('FORBIDDEN');
    expect(await act('checkInToMeeting', { token }, 'resident.xinyuan')).toBe('OK');

    // Started: it may be marked held; held, its record stands and minutes and decisions follow.
    clock.set('2026-11-16T02:30:00Z');
    expect(await perms(id, 'admin.yongkangbeilu')).toEqual({ ...ORGANISER, canMarkHeld: true, canRecordIssueTakenIn: true });
    expect(await act('setMeetingStatus', { occurrenceId: id, status: 'HELD' }, 'admin.yongkangbeilu')).toBe('OK');
    expect(await perms(id, 'admin.yongkangbeilu')).toEqual({
      ...ORGANISER,
      canCancel: false,
      canMarkHeld: true,
      canRecordMinutes: true,
      canRecordDecision: true,
      canRecordIssueTakenIn: true,
    });
    expect(await act('setMeetingStatus', { occurrenceId: id, status: 'CANCELLED' }, 'admin.yongkangbeilu')).toBe('INVALID');
    expect(await act('recordMeetingMinutes', { occurrenceId: id, minutes: '纪要' }, 'admin.yongkangbeilu')).toBe('OK');
    expect(await act('recordMeetingDecision', { occurrenceId: id, text: '下周修好' }, 'admin.yongkangbeilu')).toBe('OK');
    expect(await act('recordMeetingMinutes', { occurrenceId: id, minutes: '纪要' }, 'secretary.xinyuan')).toBe('FORBIDDEN');
    expect(await perms(id, 'resident.xinyuan')).toEqual({ ...NONE, canCheckIn: true });

    // After it ends, check-in is closed.
    clock.set('2026-11-16T04:30:00Z');
    expect(await perms(id, 'resident.xinyuan')).toEqual(NONE);
    expect(await act('checkInToMeeting', { token }, 'resident.xinyuan')).toBe('CHECK_IN_CLOSED');
  });

  it('takes issues in only at an office hour or 逢三说事 that is not cancelled', async () => {
    clock.set('2026-11-16T00:30:00Z');
    const other = await create('OTHER', '权限测试培训');
    expect(other.permissions).toEqual(ORGANISER);
    expect(await act('recordIssueTakenIn', { occurrenceId: other.id, issueId: issue }, 'admin.yongkangbeilu')).toBe(
      'NOT_AN_INTAKE_MEETING',
    );
    const office = (await create('OFFICE_HOUR', '权限测试坐班二')).id;
    expect(await act('setMeetingStatus', { occurrenceId: office, status: 'CANCELLED' }, 'admin.yongkangbeilu')).toBe('OK');
    expect(await perms(office, 'admin.yongkangbeilu')).toEqual(ORGANISER);
    expect(await act('recordIssueTakenIn', { occurrenceId: office, issueId: issue }, 'admin.yongkangbeilu')).toBe('MEETING_CANCELLED');
  });

  it("answers whether the caller may materialise a schedule's meetings, and the mutation agrees", async () => {
    const joint = gid(
      'MeetingSchedule',
      await one("select id from meeting_schedule where kind = 'QUARTERLY_JOINT' and title = '季度联席会'"),
    );
    // The community's notice board: everyone in it reads the schedules, and what they may do with them.
    const may = async (as: string) =>
      ok(
        await app.request<{ community: { meetingSchedules: Array<{ id: string; permissions: { canMaterialize: boolean } }> } }, Vars>(
          SCHEDULES,
          { id: yongkang },
          { as },
        ),
      ).community.meetingSchedules.find((s) => s.id === joint)!.permissions.canMaterialize;
    const input = { meetingScheduleId: joint, from: '2027-01-01', to: '2027-03-31' };
    expect(await may('secretary.xinyuan')).toBe(false);
    expect(await act('materializeMeetingOccurrences', input, 'secretary.xinyuan')).toBe('FORBIDDEN');
    expect(await may('admin.yongkangbeilu')).toBe(true);
    expect(await act('materializeMeetingOccurrences', input, 'admin.yongkangbeilu')).toBe('OK');
  });
});
