import { fixedClock } from '../../src/core/clock';
import {
  ActivityCodeDocument,
  AwardVolunteerHonourDocument,
  CheckInVolunteerDocument,
  CheckOutVolunteerDocument,
  CommunityVolunteersDocument,
  CorrectVolunteerHoursDocument,
  CreateVolunteerTeamDocument,
  MyVolunteerHoursDocument,
  ScheduleVolunteerActivityDocument,
  SignUpForVolunteerActivityDocument,
  TeamLedgerDocument,
  VolunteerMonthsDocument,
} from '../generated/graphql';
import { DEMO, idByName } from '../support/demo';
import { codes, ok, startTestApp, type TestApp } from '../support/test-app';

/*
 * Volunteers: a compound's team and its Thursday activity (an RRULE), a volunteer signing up,
 * checking in with the activity's QR code and out, the minutes on the ledger, a correction by
 * reversal; the demo's teams, activities and honours; who may do what.
 */
describe('volunteers', () => {
  let app: TestApp;
  const clock = fixedClock('2026-11-19T09:00:00Z'); // a Thursday
  let community: string;
  let compound: string;

  beforeAll(async () => {
    app = await startTestApp({ clock });
    community = await idByName(app.database, 'community', DEMO.yongkang, 'Community');
    compound = await idByName(app.database, 'compound', DEMO.xinyuan, 'Compound');
  });
  afterAll(() => app.close());

  it('walks a team, a Thursday activity, sign-up, check-in and out, and a correction by reversal', async () => {
    expect(
      codes(
        await app.request(
          CreateVolunteerTeamDocument,
          { input: { compoundId: compound, name: '馨园合唱队', teamKind: 'CULTURE' } },
          { as: 'committee.xinyuan' },
        ),
      ),
    ).toEqual(['FORBIDDEN']);
    const team = ok(
      await app.request(
        CreateVolunteerTeamDocument,
        { input: { compoundId: compound, name: '馨园合唱队', teamKind: 'CULTURE' } },
        { as: 'secretary.xinyuan' },
      ),
    ).createVolunteerTeam.team!;

    const schedule = (recurrence: string) =>
      app.request(
        ScheduleVolunteerActivityDocument,
        {
          input: {
            teamId: team.id,
            title: '周四合唱',
            startsAt: '2026-11-05T11:30:00Z',
            durationMinutes: 120,
            recurrence,
            place: '馨园活动室',
          },
        },
        { as: 'secretary.xinyuan' },
      );
    expect(ok(await schedule('EVERY THURSDAY')).scheduleVolunteerActivity.userErrors.map((e) => e.code)).toEqual(['INVALID']);
    // Rules finer than a day, or that never take place, would hold the server's event loop for
    // minutes at every sign-up and list of occurrences (the library walks every period from the start).
    for (const rule of ['FREQ=SECONDLY', 'FREQ=DAILY;BYHOUR=8,9', 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30'])
      expect([rule, ok(await schedule(rule)).scheduleVolunteerActivity.userErrors.map((e) => e.code)]).toEqual([rule, ['INVALID']]);
    const activity = ok(await schedule('FREQ=WEEKLY;BYDAY=TH')).scheduleVolunteerActivity.activity!;

    const listed = ok(
      await app.request(
        CommunityVolunteersDocument,
        { id: community, from: '2026-11-01T00:00:00Z', to: '2026-11-30T23:59:59Z' },
        { as: 'resident.xinyuan' },
      ),
    ).community!.volunteerTeams.find((t) => t.id === team.id)!;
    expect(listed.activities[0].occurrences).toEqual([
      '2026-11-05T11:30:00.000Z',
      '2026-11-12T11:30:00.000Z',
      '2026-11-19T11:30:00.000Z',
      '2026-11-26T11:30:00.000Z',
    ]);

    const signUp = (occursOn: string) =>
      app.request(SignUpForVolunteerActivityDocument, { input: { activityId: activity.id, occursOn } }, { as: 'member.xinyuan' });
    expect(ok(await signUp('2026-11-25')).signUpForVolunteerActivity.userErrors.map((e) => e.code)).toEqual(['NOT_AN_OCCURRENCE']);
    expect(ok(await signUp('2026-11-19')).signUpForVolunteerActivity.attendance!.occursOn).toBe('2026-11-19');
    expect(ok(await signUp('2026-11-19')).signUpForVolunteerActivity.userErrors.map((e) => e.code)).toEqual(['TAKEN']);
    expect(
      codes(
        await app.request(
          SignUpForVolunteerActivityDocument,
          { input: { activityId: activity.id, occursOn: '2026-11-26' } },
          { as: 'resident.zhenxing' },
        ),
      ),
    ).toEqual(['NOT_FOUND']);

    // The QR code is for those who organise the activity, the attendance list for those who read persons.
    expect(codes(await app.request(ActivityCodeDocument, { id: activity.id }, { as: 'member.xinyuan' }))).toEqual([
      'FORBIDDEN',
      'FORBIDDEN',
    ]);
    const code = ok(await app.request(ActivityCodeDocument, { id: activity.id }, { as: 'secretary.xinyuan' })).node!;
    if (!('checkInCode' in code)) throw new Error('expected an activity');

    const checkIn = (c: string) =>
      app.request(CheckInVolunteerDocument, { input: { activityId: activity.id, code: c } }, { as: 'member.xinyuan' });
    clock.set('2026-11-19T11:30:00Z');
    expect(ok(await checkIn('not-the-code')).checkInVolunteer.userErrors.map((e) => e.code)).toEqual(['WRONG_CODE']);
    expect(ok(await checkIn(code.checkInCode)).checkInVolunteer.attendance!.checkedInAt).toBe('2026-11-19T11:30:00Z');
    clock.set('2026-11-19T13:15:00Z');
    ok(await app.request(CheckOutVolunteerDocument, { input: { activityId: activity.id } }, { as: 'member.xinyuan' }));
    expect(
      ok(
        await app.request(CheckOutVolunteerDocument, { input: { activityId: activity.id } }, { as: 'member.xinyuan' }),
      ).checkOutVolunteer.userErrors.map((e) => e.code),
    ).toEqual(['ALREADY_ENDED']);

    const mine = ok(await app.request(MyVolunteerHoursDocument, {}, { as: 'member.xinyuan' })).myVolunteerHours.filter(
      (h) => h.team?.name === '馨园合唱队',
    );
    expect(mine.map((h) => [h.servedOn, h.minutes, h.recordedBy])).toEqual([['2026-11-19', 105, 'member.xinyuan']]);

    // Corrected by the branch: a reversal and the right amount; the entry itself never changes.
    expect(
      codes(
        await app.request(
          CorrectVolunteerHoursDocument,
          { input: { hoursId: mine[0].id, minutes: 120, reason: '签退晚了' } },
          { as: 'member.xinyuan' },
        ),
      ),
    ).toEqual(['FORBIDDEN']);
    const corrected = ok(
      await app.request(
        CorrectVolunteerHoursDocument,
        { input: { hoursId: mine[0].id, minutes: 120, reason: '忘记按时签到' } },
        { as: 'secretary.xinyuan' },
      ),
    ).correctVolunteerHours;
    expect(corrected.hours).toMatchObject({ minutes: 120, reason: '忘记按时签到' });
    const again = ok(
      await app.request(
        CorrectVolunteerHoursDocument,
        { input: { hoursId: mine[0].id, minutes: 90, reason: '再改' } },
        { as: 'secretary.xinyuan' },
      ),
    ).correctVolunteerHours;
    expect(again.userErrors.map((e) => e.code)).toEqual(['HOURS_ALREADY_REVERSED']);

    const ledger = ok(await app.request(TeamLedgerDocument, { id: team.id }, { as: 'secretary.xinyuan' })).node!;
    if (!('hours' in ledger)) throw new Error('expected a team');
    expect(ledger.hours.nodes.map((h) => [h.minutes, h.reverses?.id ?? null])).toEqual([
      [105, null],
      [-105, mine[0].id],
      [120, null],
    ]);
    expect(ledger.minutes).toBe(120);
  });

  it("shows the demo's teams, recurring activities and honours, in a constant number of statements", async () => {
    const res = await app.request(
      CommunityVolunteersDocument,
      { id: community, from: '2026-11-01T00:00:00Z', to: '2026-11-07T23:59:59Z' },
      { as: 'admin.yongkangbeilu' },
    );
    const data = ok(res).community!;
    expect(data.volunteerTeams.length).toBeGreaterThanOrEqual(14);
    const patrol = data.volunteerTeams.find((t) => t.name === '平安巡逻队')!;
    expect(patrol.activities[0].occurrences).toHaveLength(7);
    expect(patrol.minutes).toBeGreaterThan(0);
    expect(data.volunteerHonours.map((h) => [h.title, h.awardedBy])).toContainEqual(['全国最佳志愿服务社区', '中央文明办']);
    // begin_request, community, teams, minutes, compounds, activities, honours, honoured teams.
    expect(res.extensions!.sqlStatements).toBeLessThanOrEqual(8);

    const months = ok(
      await app.request(VolunteerMonthsDocument, { id: community, from: '2026-11-01', to: '2026-11-30' }, { as: 'district.xiaodian' }),
    ).community!.volunteerMonths;
    expect(months).toHaveLength(1);
    expect(months[0].volunteers).toBeGreaterThan(0);
    expect(
      codes(
        await app.request(VolunteerMonthsDocument, { id: community, from: '2026-11-01', to: '2026-11-30' }, { as: 'resident.xinyuan' }),
      ),
    ).toEqual(['FORBIDDEN']);

    const xianglu = await idByName(app.database, 'community', '示例社区（殿前街道）', 'Community');
    const xiamen = ok(
      await app.request(CommunityVolunteersDocument, { id: xianglu, from: '2026-11-01T00:00:00Z', to: '2026-11-30T23:59:59Z' }),
    ).community!;
    const choir = xiamen.volunteerTeams.flatMap((t) => t.activities).find((a) => a.title === '周四合唱')!;
    expect(choir.recurrence).toBe('FREQ=WEEKLY;BYDAY=TH');
    expect(choir.occurrences).toHaveLength(4);

    const award = await app.request(
      AwardVolunteerHonourDocument,
      { input: { compoundId: compound, title: '星级志愿服务小区', awardedBy: '小店街道', awardedOn: '2026-10-01' } },
      { as: 'admin.yongkangbeilu' },
    );
    expect(ok(award).awardVolunteerHonour.honour).toMatchObject({ title: '星级志愿服务小区', awardedBy: '小店街道' });
    expect(
      codes(
        await app.request(
          AwardVolunteerHonourDocument,
          { input: { compoundId: compound, title: 'x', awardedBy: 'x', awardedOn: '2026-10-01' } },
          { as: 'resident.xinyuan' },
        ),
      ),
    ).toEqual(['FORBIDDEN']);
  });
});
