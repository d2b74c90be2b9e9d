import { fixedClock } from '../../src/core/clock';
import { sql } from '../support/databases';
import { openXinyuanAccount, xinyuanCast } from '../support/finance';
import { codes, gid, ok, startTestApp, type TestApp } from '../support/test-app';

/*
 * Meetings held: materialised from their schedule, one-offs, the agenda with an issue and a spending
 * proposal, the register and QR check-in, minutes, decisions that resolve an issue or take a
 * spending step citing the meeting, office-hour intake; who may do and see what, both ways.
 */

const OCCURRENCE = `id kind title startsAt endsAt place status minutes minutesRecordedBy
  agenda { id position title issue { id status } proposal { id status } }
  attendance { status checkedInAt person { id } proxy { id } }
  myAttendance { status }
  decisions { text votesFor votesAgainst abstentions recordedBy issueStep { toStatus note } proposalTransition { step meeting meetingOn eligible attendance votesFor meetingOccurrence { id } } }
  issuesTakenIn { id }`;
const PAYLOAD = `occurrence { ${OCCURRENCE} } userErrors { field code message }`;
const m = (name: string, input: string) => `mutation($input: ${input}!) { ${name}(input: $input) { ${PAYLOAD} } }`;
const MATERIALIZE = `mutation($input: MaterializeMeetingOccurrencesInput!) { materializeMeetingOccurrences(input: $input) {
  occurrences { id kind title startsAt status } userErrors { field code message } } }`;
const CREATE = m('createMeetingOccurrence', 'CreateMeetingOccurrenceInput');
const STATUS = m('setMeetingStatus', 'SetMeetingStatusInput');
const AGENDA = m('addMeetingAgendaItem', 'AddMeetingAgendaItemInput');
const INVITE = m('inviteToMeeting', 'InviteToMeetingInput');
const ATTEND = m('recordMeetingAttendance', 'RecordMeetingAttendanceInput');
const MINUTES = m('recordMeetingMinutes', 'RecordMeetingMinutesInput');
const DECIDE = m('recordMeetingDecision', 'RecordMeetingDecisionInput');
const INTAKE = m('recordIssueTakenIn', 'RecordIssueTakenInInput');
const CHECK_IN = `mutation($input: CheckInToMeetingInput!) { checkInToMeeting(input: $input) { occurrence { id myAttendance { status checkedInAt } } userErrors { field code message } } }`;
const TOKEN = `query($id: ID!) { node(id: $id) { ... on MeetingOccurrence { checkInToken } } }`;
const NODE = `query($id: ID!) { node(id: $id) { ... on MeetingOccurrence { ${OCCURRENCE} } } }`;
const LIST = `query($id: ID!, $from: Date!, $to: Date!) { community(id: $id) { meetingOccurrences(from: $from, to: $to) { ${OCCURRENCE} } } }`;
const REPORT = `mutation($input: ReportIssueInput!) { reportIssue(input: $input) { issue { id status level } userErrors { code } } }`;
const ACCEPT = `mutation($input: AcceptIssueInput!) { acceptIssue(input: $input) { issue { status } userErrors { code } } }`;
const ESCALATE = `mutation($input: EscalateIssueInput!) { escalateIssue(input: $input) { issue { level } userErrors { code } } }`;
const PROPOSE = `mutation($input: ProposeExpenditureInput!) { proposeExpenditure(input: $input) { proposal { id status spendingPath } userErrors { code } } }`;

interface Occurrence {
  id: string;
  kind: string;
  title: string;
  startsAt: string;
  status: string;
  minutes: string | null;
  agenda: Array<{
    id: string;
    position: number;
    title: string;
    issue: { id: string; status: string } | null;
    proposal: { id: string; status: string } | null;
  }>;
  attendance: Array<{ status: string; checkedInAt: string | null; person: { id: string } | null; proxy: { id: string } | null }>;
  myAttendance: { status: string } | null;
  decisions: Array<{
    text: string;
    votesFor: number | null;
    issueStep: { toStatus: string; note: string } | null;
    proposalTransition: {
      step: string;
      meeting: string;
      meetingOn: string;
      eligible: number;
      attendance: number;
      votesFor: number;
      meetingOccurrence: { id: string } | null;
    } | null;
  }>;
  issuesTakenIn: Array<{ id: string }>;
}
type Payload = { occurrence: Occurrence | null; userErrors: Array<{ field: string[]; code: string; message: string }> };
type Vars = Record<string, unknown>;

describe('meetings: occurrences, agenda, attendance, minutes and decisions', () => {
  const clock = fixedClock('2026-01-15T06:30:00Z');
  let app: TestApp;
  let yongkang: string;
  let zhenxing: string;
  let xinyuan: string;
  let joint: string;
  let officeHour: string;
  let thirds: string;
  let residentPerson: string;
  let committeePerson: string;
  let memberPerson: string;
  let account: string;
  let household: string;
  let zhenxingHousehold: string;

  const one = async (query: string, params: unknown[] = []) => (await sql<{ id: number }>(app.database, query, params))[0].id;
  const personOf = async (login: string) => gid('Person', await one('select person_id as id from user_account where login = $1', [login]));
  const call = async (query: string, input: Vars, as: string, name: string): Promise<Payload> =>
    ok(await app.request<Record<string, Payload>, Vars>(query, { input }, { as }))[name];

  beforeAll(async () => {
    app = await startTestApp({ clock });
    yongkang = gid('Community', await one("select id from community where name = '永康北路社区'"));
    zhenxing = gid('Community', await one("select id from community where name = '振兴社区'"));
    xinyuan = gid('Compound', await one("select id from compound where name = '馨园'"));
    joint = gid('MeetingSchedule', await one("select id from meeting_schedule where kind = 'QUARTERLY_JOINT' and title = '季度联席会'"));
    officeHour = gid('MeetingSchedule', await one("select id from meeting_schedule where kind = 'FRIDAY_OFFICE_HOUR'"));
    thirds = gid(
      'MeetingSchedule',
      await one(
        "select s.id from meeting_schedule s join community c on c.id = s.community_id where s.kind = 'THIRDS' and c.name = '振兴社区'",
      ),
    );
    residentPerson = await personOf('resident.xinyuan');
    committeePerson = await personOf('committee.xinyuan');
    memberPerson = await personOf('member.xinyuan');
    account = await openXinyuanAccount(app, await xinyuanCast(app));
    household = gid(
      'Household',
      await one("select household_id as id from person where id = (select person_id from user_account where login = 'resident.xinyuan')"),
    );
    zhenxingHousehold = gid(
      'Household',
      await one("select household_id as id from person where id = (select person_id from user_account where login = 'resident.zhenxing')"),
    );
  });
  afterAll(() => app.close());

  const materialize = (meetingScheduleId: string, from: string, to: string, as: string) =>
    app.request<
      {
        materializeMeetingOccurrences: { occurrences: Array<{ id: string; kind: string; startsAt: string }> | null; userErrors: unknown[] };
      },
      Vars
    >(MATERIALIZE, { input: { meetingScheduleId, from, to, place: '社区会议室' } }, { as });

  let january: string;

  it("materialises a schedule's meetings for a window by its rule, once, for its organisers only", async () => {
    const first = ok(await materialize(joint, '2026-01-01', '2026-12-31', 'admin.yongkangbeilu')).materializeMeetingOccurrences
      .occurrences!;
    // 季度联席会: the 15th of January, April, July and October, 15:00 in Beijing (07:00 UTC).
    expect(first.map((o) => o.startsAt)).toEqual([
      '2026-01-15T07:00:00Z',
      '2026-04-15T07:00:00Z',
      '2026-07-15T07:00:00Z',
      '2026-10-15T07:00:00Z',
    ]);
    expect(new Set(first.map((o) => o.kind))).toEqual(new Set(['QUARTERLY_JOINT']));
    const again = ok(await materialize(joint, '2026-01-01', '2026-12-31', 'admin.yongkangbeilu')).materializeMeetingOccurrences
      .occurrences!;
    expect(again.map((o) => o.id)).toEqual(first.map((o) => o.id));
    january = first[0].id;

    expect(codes(await materialize(joint, '2026-01-01', '2026-12-31', 'secretary.xinyuan'))).toEqual(['FORBIDDEN']);
    expect(codes(await materialize(joint, '2026-01-01', '2026-12-31', 'resident.xinyuan'))).toEqual(['FORBIDDEN']);
    expect(codes(await materialize(joint, '2026-01-01', '2026-12-31', 'admin.zhenxing'))).toEqual(['NOT_FOUND']);
    const tooLong = ok(await materialize(joint, '2026-01-01', '2027-06-30', 'admin.yongkangbeilu')).materializeMeetingOccurrences;
    expect(tooLong.userErrors).toEqual([expect.objectContaining({ code: 'DATE_ORDER' })]);
  });

  it('creates a one-off meeting for those who keep the organization where it is held', async () => {
    const input = {
      communityId: yongkang,
      compoundId: xinyuan,
      kind: 'OWNERS_ASSEMBLY',
      title: '馨园业主代表大会',
      startsAt: '2026-10-20T11:00:00Z',
      endsAt: '2026-10-20T13:00:00Z',
      place: '馨园活动室',
    };
    const created = await call(CREATE, input, 'secretary.xinyuan', 'createMeetingOccurrence');
    expect(created.occurrence).toMatchObject({ kind: 'OWNERS_ASSEMBLY', status: 'SCHEDULED', title: '馨园业主代表大会' });
    expect(codes(await app.request(CREATE, { input }, { as: 'committee.xinyuan' }))).toEqual(['FORBIDDEN']);
    expect(codes(await app.request(CREATE, { input }, { as: 'resident.xinyuan' }))).toEqual(['FORBIDDEN']);
    expect(codes(await app.request(CREATE, { input }, { as: 'admin.zhenxing' }))).toEqual(['NOT_FOUND']);
    const backwards = await call(CREATE, { ...input, endsAt: '2026-10-20T10:00:00Z' }, 'secretary.xinyuan', 'createMeetingOccurrence');
    expect(backwards.userErrors).toEqual([expect.objectContaining({ field: ['endsAt'], code: 'DATE_ORDER' })]);
  });

  let lamp: string;

  it('puts the street-lamp question on the joint meeting’s agenda, invites, and checks the invited in by the QR token', async () => {
    const reported = ok(
      await app.request<{ reportIssue: { issue: { id: string } } }, Vars>(
        REPORT,
        {
          input: {
            householdId: household,
            subject: 'SPOT',
            spot: '3号楼前路灯',
            category: 'repairs',
            text: '上周三坏的路灯还没修',
            nameVisible: true,
          },
        },
        { as: 'resident.xinyuan' },
      ),
    ).reportIssue.issue;
    lamp = reported.id;
    const item = await call(
      AGENDA,
      { occurrenceId: january, title: '上周三的路灯为什么没修', issueId: lamp },
      'admin.yongkangbeilu',
      'addMeetingAgendaItem',
    );
    expect(item.occurrence!.agenda).toEqual([expect.objectContaining({ position: 1, issue: { id: lamp, status: 'REPORTED' } })]);
    expect(codes(await app.request(AGENDA, { input: { occurrenceId: january, title: 'x' } }, { as: 'secretary.xinyuan' }))).toEqual([
      'FORBIDDEN',
    ]);
    expect(codes(await app.request(AGENDA, { input: { occurrenceId: january, title: 'x' } }, { as: 'admin.zhenxing' }))).toEqual([
      'NOT_FOUND',
    ]);

    const invited = await call(
      INVITE,
      { occurrenceId: january, personIds: [residentPerson, committeePerson] },
      'admin.yongkangbeilu',
      'inviteToMeeting',
    );
    expect(invited.occurrence!.attendance.map((a) => a.status)).toEqual(['INVITED', 'INVITED']);
    expect(
      codes(await app.request(INVITE, { input: { occurrenceId: january, personIds: [residentPerson] } }, { as: 'resident.xinyuan' })),
    ).toEqual(['FORBIDDEN']);
    const zhenxingPerson = await personOf('resident.zhenxing');
    expect(
      codes(await app.request(INVITE, { input: { occurrenceId: january, personIds: [zhenxingPerson] } }, { as: 'admin.yongkangbeilu' })),
    ).toEqual(['NOT_FOUND']);

    // The token is the organisers' (they print the QR code); nobody else reads it.
    const token = ok(await app.request<{ node: { checkInToken: string } }, Vars>(TOKEN, { id: january }, { as: 'admin.yongkangbeilu' }))
      .node.checkInToken;
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(codes(await app.request(TOKEN, { id: january }, { as: 'resident.xinyuan' }))).toEqual(['FORBIDDEN']);

    clock.set('2026-01-15T05:30:00Z');
    const early = ok(
      await app.request<{ checkInToMeeting: Payload }, Vars>(CHECK_IN, { input: { token } }, { as: 'resident.xinyuan' }),
    ).checkInToMeeting;
    expect(early.userErrors).toEqual([expect.objectContaining({ code: 'CHECK_IN_CLOSED' })]);
    clock.set('2026-01-15T06:50:00Z');
    const checkedIn = ok(
      await app.request<{ checkInToMeeting: Payload }, Vars>(CHECK_IN, { input: { token } }, { as: 'resident.xinyuan' }),
    ).checkInToMeeting;
    expect(checkedIn.occurrence!.myAttendance).toEqual({ status: 'PRESENT', checkedInAt: '2026-01-15T06:50:00Z' });
    expect(codes(await app.request(CHECK_IN, { input: { token } }, { as: 'member.xinyuan' }))).toEqual(['FORBIDDEN']);
    expect(codes(await app.request(CHECK_IN, { input: { token } }, { as: 'resident.zhenxing' }))).toEqual(['NOT_FOUND']);
    expect(codes(await app.request(CHECK_IN, { input: { token: 'not-a-token' } }, { as: 'resident.xinyuan' }))).toEqual(['NOT_FOUND']);
    expect(codes(await app.request(CHECK_IN, { input: { token } }, { as: null }))).toEqual(['UNAUTHENTICATED']);

    const proxy = await call(
      ATTEND,
      { occurrenceId: january, personId: committeePerson, status: 'PROXY', proxyPersonId: memberPerson },
      'admin.yongkangbeilu',
      'recordMeetingAttendance',
    );
    expect(proxy.occurrence!.attendance.map((a) => [a.status, a.proxy?.id ?? null])).toEqual([
      ['PRESENT', null],
      ['PROXY', memberPerson],
    ]);
    const noProxy = await call(
      ATTEND,
      { occurrenceId: january, personId: committeePerson, status: 'PROXY' },
      'admin.yongkangbeilu',
      'recordMeetingAttendance',
    );
    expect(noProxy.userErrors).toEqual([expect.objectContaining({ code: 'REQUIRED' })]);
  });

  it("lets the committee's answer resolve the issue through the ladder, all or nothing", async () => {
    clock.set('2026-01-15T06:55:00Z');
    const notYet = await call(STATUS, { occurrenceId: january, status: 'HELD' }, 'admin.yongkangbeilu', 'setMeetingStatus');
    expect(notYet.userErrors).toEqual([expect.objectContaining({ code: 'MEETING_NOT_HELD' })]);
    const item = await call(MINUTES, { occurrenceId: january, minutes: 'x' }, 'admin.yongkangbeilu', 'recordMeetingMinutes');
    expect(item.userErrors).toEqual([expect.objectContaining({ code: 'MEETING_NOT_HELD' })]);

    clock.set('2026-01-15T07:30:00Z');
    const held = await call(STATUS, { occurrenceId: january, status: 'HELD' }, 'admin.yongkangbeilu', 'setMeetingStatus');
    expect(held.occurrence!.status).toBe('HELD');
    const minutes = await call(
      MINUTES,
      { occurrenceId: january, minutes: '业主代表问路灯；物业说明已报修' },
      'admin.yongkangbeilu',
      'recordMeetingMinutes',
    );
    expect(minutes.occurrence).toMatchObject({ minutes: '业主代表问路灯；物业说明已报修', minutesRecordedBy: 'admin.yongkangbeilu' });

    const agendaItemId = held.occurrence!.agenda[0].id;
    const answer = {
      occurrenceId: january,
      agendaItemId,
      text: '物业本周五前更换灯杆线路，社区跟进',
      votesFor: 9,
      votesAgainst: 0,
      abstentions: 1,
      resolvesIssue: true,
    };
    expect(codes(await app.request(DECIDE, { input: answer }, { as: 'secretary.xinyuan' }))).toEqual(['FORBIDDEN']);
    // The ladder's rules apply: an issue not yet taken in is not resolved, and the decision is not recorded either.
    const early = await call(DECIDE, answer, 'admin.yongkangbeilu', 'recordMeetingDecision');
    expect(early.userErrors).toEqual([expect.objectContaining({ field: ['resolvesIssue', 'issueId'], code: 'WRONG_STATUS' })]);
    expect(ok(await app.request<{ node: Occurrence }, Vars>(NODE, { id: january }, { as: 'admin.yongkangbeilu' })).node.decisions).toEqual(
      [],
    );
    ok(await app.request(ACCEPT, { input: { issueId: lamp, note: '联席会上受理' } }, { as: 'admin.yongkangbeilu' }));
    const decided = await call(DECIDE, answer, 'admin.yongkangbeilu', 'recordMeetingDecision');
    expect(decided.userErrors).toEqual([]);
    expect(decided.occurrence!.decisions).toEqual([
      expect.objectContaining({
        text: answer.text,
        votesFor: 9,
        issueStep: { toStatus: 'RESOLVED', note: answer.text },
        proposalTransition: null,
      }),
    ]);
    expect(decided.occurrence!.agenda[0].issue).toEqual({ id: lamp, status: 'RESOLVED' });

    // Resolving it again: the ladder refuses.
    const twice = await call(DECIDE, answer, 'admin.yongkangbeilu', 'recordMeetingDecision');
    expect(twice.userErrors).toEqual([expect.objectContaining({ field: ['resolvesIssue', 'issueId'], code: 'WRONG_STATUS' })]);
    const after = ok(await app.request<{ node: Occurrence }, Vars>(NODE, { id: january }, { as: 'admin.yongkangbeilu' })).node;
    expect(after.decisions).toHaveLength(1);
  });

  it('refuses a decision moving an issue to an organiser whose rung of the ladder does not reach it', async () => {
    clock.set('2026-10-20T12:00:00Z');
    const reported = ok(
      await app.request<{ reportIssue: { issue: { id: string } } }, Vars>(
        REPORT,
        { input: { householdId: household, subject: 'BUILDING', category: 'repairs', text: '楼道灯不亮', nameVisible: false } },
        { as: 'resident.xinyuan' },
      ),
    ).reportIssue.issue;
    await app.request(ESCALATE, { input: { issueId: reported.id, note: '需支部协调' } }, { as: 'grid.xinyuan' });
    await app.request(ESCALATE, { input: { issueId: reported.id, note: '需社区协调' } }, { as: 'secretary.xinyuan' });
    const assembly = ok(
      await app.request<{ community: { meetingOccurrences: Occurrence[] } }, Vars>(
        LIST,
        { id: yongkang, from: '2026-10-20', to: '2026-10-20' },
        { as: 'secretary.xinyuan' },
      ),
    ).community.meetingOccurrences.find((o) => o.kind === 'OWNERS_ASSEMBLY')!;
    await call(STATUS, { occurrenceId: assembly.id, status: 'HELD' }, 'secretary.xinyuan', 'setMeetingStatus');
    const withItem = await call(
      AGENDA,
      { occurrenceId: assembly.id, title: '楼道灯', issueId: reported.id },
      'secretary.xinyuan',
      'addMeetingAgendaItem',
    );
    const input = { occurrenceId: assembly.id, agendaItemId: withItem.occurrence!.agenda[0].id, text: '支部出资修灯', resolvesIssue: true };
    // The issue went up to the community: the branch sees it no more, so it cannot resolve it.
    expect(codes(await app.request(DECIDE, { input }, { as: 'secretary.xinyuan' }))).toEqual(['FORBIDDEN']);
    const plain = await call(DECIDE, { ...input, resolvesIssue: false }, 'secretary.xinyuan', 'recordMeetingDecision');
    expect(plain.occurrence!.decisions).toEqual([expect.objectContaining({ text: '支部出资修灯', issueStep: null })]);
  });

  it("takes the spending discussion at a meeting, citing the meeting, its register and votes on the proposal's step", async () => {
    clock.set('2026-10-20T12:00:00Z');
    const proposal = ok(
      await app.request<{ proposeExpenditure: { proposal: { id: string; spendingPath: string } } }, Vars>(
        PROPOSE,
        { input: { accountId: account, purpose: '更换楼道路灯', amountFen: 120_000, payee: '电工班', category: 'REPAIR' } },
        { as: 'secretary.xinyuan' },
      ),
    ).proposeExpenditure.proposal;
    expect(proposal.spendingPath).toBe('FULL');
    const assembly = ok(
      await app.request<{ community: { meetingOccurrences: Occurrence[] } }, Vars>(
        LIST,
        { id: yongkang, from: '2026-10-20', to: '2026-10-20' },
        { as: 'secretary.xinyuan' },
      ),
    ).community.meetingOccurrences.find((o) => o.kind === 'OWNERS_ASSEMBLY')!;
    expect(
      codes(
        await app.request(
          AGENDA,
          { input: { occurrenceId: assembly.id, title: '路灯', proposalId: proposal.id } },
          { as: 'admin.zhenxing' },
        ),
      ),
    ).toEqual(['NOT_FOUND']);
    const added = await call(
      AGENDA,
      { occurrenceId: assembly.id, title: '更换楼道路灯的开支', proposalId: proposal.id },
      'secretary.xinyuan',
      'addMeetingAgendaItem',
    );
    const item = added.occurrence!.agenda.find((a) => a.proposal)!;
    expect(item.proposal).toEqual({ id: proposal.id, status: 'PROPOSED' });
    await call(INVITE, { occurrenceId: assembly.id, personIds: [committeePerson, memberPerson] }, 'secretary.xinyuan', 'inviteToMeeting');
    await call(
      ATTEND,
      { occurrenceId: assembly.id, personId: committeePerson, status: 'PRESENT' },
      'secretary.xinyuan',
      'recordMeetingAttendance',
    );

    const decided = await call(
      DECIDE,
      { occurrenceId: assembly.id, agendaItemId: item.id, text: '同意更换', votesFor: 1, proposalStep: 'DISCUSS' },
      'secretary.xinyuan',
      'recordMeetingDecision',
    );
    expect(decided.userErrors).toEqual([]);
    const transition = decided.occurrence!.decisions.find((d) => d.proposalTransition)!.proposalTransition!;
    expect(transition).toEqual({
      step: 'DISCUSS',
      meeting: '馨园业主代表大会 2026-10-20',
      meetingOn: '2026-10-20',
      eligible: 2,
      attendance: 1,
      votesFor: 1,
      meetingOccurrence: { id: assembly.id },
    });
    // The next step (review) is not the owners' assembly's to take for a grid worker-less caller without it.
    expect(
      codes(
        await app.request(
          DECIDE,
          { input: { occurrenceId: assembly.id, agendaItemId: item.id, text: '审议', proposalStep: 'RESOLVE' } },
          { as: 'secretary.xinyuan' },
        ),
      ),
    ).toEqual(['FORBIDDEN']);
  });

  it('records the issues taken in during an office hour, and only during one', async () => {
    clock.set('2026-10-16T07:00:00Z');
    const fridays = ok(await materialize(officeHour, '2026-10-16', '2026-10-16', 'admin.zhenxing')).materializeMeetingOccurrences
      .occurrences!;
    expect(fridays.map((o) => [o.kind, o.startsAt])).toEqual([['OFFICE_HOUR', '2026-10-16T06:30:00Z']]);
    const issue = ok(
      await app.request<{ reportIssue: { issue: { id: string } } }, Vars>(
        REPORT,
        {
          input: { householdId: zhenxingHousehold, subject: 'COMPOUND', category: 'parking', text: '消防通道有车乱停', nameVisible: true },
        },
        { as: 'resident.zhenxing' },
      ),
    ).reportIssue.issue;
    const taken = await call(INTAKE, { occurrenceId: fridays[0].id, issueId: issue.id }, 'admin.zhenxing', 'recordIssueTakenIn');
    expect(taken.occurrence!.issuesTakenIn).toEqual([{ id: issue.id }]);
    const twice = await call(INTAKE, { occurrenceId: fridays[0].id, issueId: issue.id }, 'admin.zhenxing', 'recordIssueTakenIn');
    expect(twice.userErrors).toEqual([expect.objectContaining({ code: 'TAKEN' })]);
    const other = await call(
      CREATE,
      { communityId: zhenxing, kind: 'OTHER', title: '志愿者培训', startsAt: '2026-10-16T01:00:00Z', endsAt: '2026-10-16T02:00:00Z' },
      'admin.zhenxing',
      'createMeetingOccurrence',
    );
    const wrong = await call(INTAKE, { occurrenceId: other.occurrence!.id, issueId: issue.id }, 'admin.zhenxing', 'recordIssueTakenIn');
    expect(wrong.userErrors).toEqual([expect.objectContaining({ code: 'NOT_AN_INTAKE_MEETING' })]);
    // 逢三说事 takes matters in too: the demo's autumn meetings hold what residents raised before them.
    const third = ok(await materialize(thirds, '2026-10-13', '2026-10-13', 'admin.zhenxing')).materializeMeetingOccurrences.occurrences!;
    const heldThird = ok(await app.request<{ node: Occurrence }, Vars>(NODE, { id: third[0].id }, { as: 'admin.zhenxing' })).node;
    expect(heldThird).toMatchObject({ kind: 'THIRDS', status: 'HELD' });
    expect(heldThird.issuesTakenIn.length).toBeGreaterThan(0);
    expect(
      codes(await app.request(INTAKE, { input: { occurrenceId: fridays[0].id, issueId: issue.id } }, { as: 'admin.yongkangbeilu' })),
    ).toEqual(['NOT_FOUND']);
    expect(codes(await app.request(INTAKE, { input: { occurrenceId: january, issueId: lamp } }, { as: 'admin.zhenxing' }))).toEqual([
      'NOT_FOUND',
    ]);
  });

  it('shows residents the meetings of their community and compound with their own line of the register; another community’s are not there', async () => {
    const seen = ok(
      await app.request<{ community: { meetingOccurrences: Occurrence[] } }, Vars>(
        LIST,
        { id: yongkang, from: '2026-01-01', to: '2026-12-31' },
        { as: 'resident.xinyuan' },
      ),
    ).community.meetingOccurrences;
    const joint = seen.find((o) => o.id === january)!;
    expect(joint.attendance).toEqual([expect.objectContaining({ status: 'PRESENT', person: { id: residentPerson } })]);
    expect(joint.myAttendance).toEqual({ status: 'PRESENT' });
    expect(joint.decisions[0].issueStep).toEqual({ toStatus: 'RESOLVED', note: '物业本周五前更换灯杆线路，社区跟进' });
    expect(seen.map((o) => o.kind)).toEqual(expect.arrayContaining(['QUARTERLY_JOINT', 'OWNERS_ASSEMBLY']));
    // The demo's October joint meeting: the street-lamp question and the committee's answer.
    const demo = seen.find((o) => o.startsAt === '2026-10-15T07:00:00Z')!;
    expect(demo.agenda.map((a) => a.title)).toEqual(['上周三坏的路灯为什么没修']);
    expect(demo.decisions.map((d) => d.text)).toEqual([expect.stringContaining('灯具已于周五更换')]);
    // Only organisers read the whole register.
    const organiser = ok(await app.request<{ node: Occurrence }, Vars>(NODE, { id: january }, { as: 'admin.yongkangbeilu' })).node;
    expect(organiser.attendance).toHaveLength(2);

    expect(codes(await app.request(LIST, { id: yongkang, from: '2026-10-01', to: '2026-10-31' }, { as: 'resident.zhenxing' }))).toEqual([
      'NOT_FOUND',
    ]);
    const foreign = await app.request<{ node: Occurrence | null }, Vars>(NODE, { id: january }, { as: 'resident.zhenxing' });
    expect(foreign.data?.node ?? null).toBeNull();
    expect(codes(await app.request(LIST, { id: zhenxing, from: '2026-10-01', to: '2026-10-31' }, { as: 'resident.xinyuan' }))).toEqual([
      'NOT_FOUND',
    ]);
  });

  it('reads a list of meetings with agenda, register and decisions in a constant number of statements', async () => {
    const count = async () => {
      const res = await app.request<{ community: { meetingOccurrences: Occurrence[] } }, Vars>(
        LIST,
        { id: yongkang, from: '2026-01-01', to: '2026-12-31' },
        { as: 'admin.yongkangbeilu' },
      );
      ok(res);
      return { n: res.data!.community.meetingOccurrences.length, statements: res.extensions!.sqlStatements! };
    };
    const before = await count();
    const extra = await call(
      CREATE,
      {
        communityId: yongkang,
        kind: 'PARTY_ASSEMBLY',
        title: '党员大会',
        startsAt: '2026-10-21T01:00:00Z',
        endsAt: '2026-10-21T03:00:00Z',
      },
      'admin.yongkangbeilu',
      'createMeetingOccurrence',
    );
    await call(AGENDA, { occurrenceId: extra.occurrence!.id, title: '路灯', issueId: lamp }, 'admin.yongkangbeilu', 'addMeetingAgendaItem');
    await call(
      INVITE,
      { occurrenceId: extra.occurrence!.id, personIds: [residentPerson, committeePerson, memberPerson] },
      'admin.yongkangbeilu',
      'inviteToMeeting',
    );
    const after = await count();
    expect(after.n).toBe(before.n + 1);
    expect(after.statements).toBe(before.statements);
  });
});
