import { fixedClock } from '../../src/core/clock';
import { AddStationRosterEntryDocument, CheckInAtStationDocument, CreateServiceStationDocument } from '../generated/graphql';
import { sql } from '../support/databases';
import { DEMO, idByName } from '../support/demo';
import { codes, gid, ok, pkOf, startTestApp, type TestApp } from '../support/test-app';

/*
 * A check-in its holder forgot to close: the community's administrator closes it with the time the
 * person left (not before the check-in, not in the future, once); the audit log keeps who did;
 * nobody else may, and another community's administrator finds nothing.
 */
const CLOSE = `mutation($input: CloseStationCheckInInput!) {
  closeStationCheckIn(input: $input) { checkIn { id checkedInAt checkedOutAt } userErrors { field code } }
}`;
interface CloseAnswer {
  closeStationCheckIn: {
    checkIn: { id: string; checkedInAt: string; checkedOutAt: string | null } | null;
    userErrors: Array<{ field: string[]; code: string }>;
  };
}

describe('closing a forgotten check-in', () => {
  let app: TestApp;
  const clock = fixedClock('2026-11-16T01:30:00Z'); // a Monday, 09:30 in China

  beforeAll(async () => {
    app = await startTestApp({ clock });
  });
  afterAll(() => app.close());

  it('lets the administrator close it, audited, and nobody else', async () => {
    const community = await idByName(app.database, 'community', DEMO.yongkang, 'Community');
    const station = ok(
      await app.request(
        CreateServiceStationDocument,
        {
          input: {
            communityId: community,
            name: '补签退测试站',
            stationKind: 'OTHER',
            openingHours: [{ weekday: 1, opensAt: '09:00', closesAt: '12:00' }],
          },
        },
        { as: 'admin.yongkangbeilu' },
      ),
    ).createServiceStation.station!.id;
    const [person] = await sql<{ id: number }>(app.database, "select person_id as id from user_account where login = 'member.xinyuan'");
    ok(
      await app.request(
        AddStationRosterEntryDocument,
        {
          input: {
            stationId: station,
            personId: gid('Person', person.id),
            weekday: 1,
            startsAt: '09:00',
            endsAt: '12:00',
            fromOn: '2026-11-01',
          },
        },
        { as: 'admin.yongkangbeilu' },
      ),
    );
    const checkIn = ok(await app.request(CheckInAtStationDocument, { input: { stationId: station } }, { as: 'member.xinyuan' }))
      .checkInAtStation.checkIn!.id;
    clock.set('2026-11-16T09:00:00Z'); // that evening: still open
    const close = (checkedOutAt: string, as: string) =>
      app.request<CloseAnswer, Record<string, unknown>>(CLOSE, { input: { checkInId: checkIn, checkedOutAt } }, { as });

    // Not the holder, not the branch secretary, not a resident; another community: as if missing.
    for (const as of ['member.xinyuan', 'secretary.xinyuan', 'resident.xinyuan', 'grid.xinyuan'])
      expect(codes(await close('2026-11-16T04:00:00Z', as))).toEqual(['FORBIDDEN']);
    expect(codes(await close('2026-11-16T04:00:00Z', 'admin.zhenxing'))).toEqual(['NOT_FOUND']);

    const errors = async (at: string) => ok(await close(at, 'admin.yongkangbeilu')).closeStationCheckIn.userErrors;
    expect(await errors('2026-11-16T01:00:00Z')).toEqual([{ field: ['checkedOutAt'], code: 'DATE_ORDER' }]);
    expect(await errors('2026-11-16T10:00:00Z')).toEqual([{ field: ['checkedOutAt'], code: 'OUT_OF_RANGE' }]);
    const [still] = await sql<{ open: boolean }>(
      app.database,
      'select checked_out_at is null as open from station_check_in where id = $1',
      [pkOf(checkIn)],
    );
    expect(still.open).toBe(true);

    const closed = ok(await close('2026-11-16T04:00:00Z', 'admin.yongkangbeilu')).closeStationCheckIn;
    expect(closed).toEqual({
      checkIn: { id: checkIn, checkedInAt: '2026-11-16T01:30:00Z', checkedOutAt: '2026-11-16T04:00:00Z' },
      userErrors: [],
    });
    expect(await errors('2026-11-16T05:00:00Z')).toEqual([{ field: ['checkInId'], code: 'ALREADY_ENDED' }]);

    const audit = await sql<{ actor: string; operation: string }>(
      app.database,
      "select actor_label as actor, operation from audit_entry where entity = 'StationCheckIn' and entity_id = $1 and action = 'closeStationCheckIn'",
      [pkOf(checkIn)],
    );
    expect(audit).toEqual([{ actor: expect.stringContaining('admin.yongkangbeilu'), operation: 'UPDATE' }]);

    // The holder may check in again.
    clock.set('2026-11-23T01:30:00Z');
    expect(
      ok(await app.request(CheckInAtStationDocument, { input: { stationId: station } }, { as: 'member.xinyuan' })).checkInAtStation
        .userErrors,
    ).toEqual([]);
  });
});
