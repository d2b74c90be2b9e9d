import { fixedClock } from '../../src/core/clock';
import { sql } from '../support/databases';
import { DEMO, idByName } from '../support/demo';
import { codes, gid, ok, startTestApp, type TestApp } from '../support/test-app';

/*
 * ServiceStation.permissions: what the caller may do with a station now, and that the mutations
 * agree — a true flag's mutation goes through, a false one's is refused — for its keepers and for
 * a person checking in and out in person as their roster and open check-in change, and for a
 * person whose own row their roles do not read (the check-in names it); a list of stations with
 * its permissions in a constant number of statements.
 */

const PERMS = 'permissions { canUpdate canRecordInspection canAddRosterEntry canCheckIn canCheckOut }';
const CREATE = `mutation($input: CreateServiceStationInput!) { createServiceStation(input: $input) { station { id ${PERMS} } userErrors { code } } }`;
const UPDATE = `mutation($input: UpdateServiceStationInput!) { updateServiceStation(input: $input) { station { name } userErrors { code } } }`;
const ROSTER = `mutation($input: AddStationRosterEntryInput!) { addStationRosterEntry(input: $input) { rosterEntry { id } userErrors { code } } }`;
const CHECK_IN = `mutation($input: CheckInAtStationInput!) { checkInAtStation(input: $input) { checkIn { id } userErrors { code } } }`;
const CHECK_OUT = `mutation($input: CheckOutOfStationInput!) { checkOutOfStation(input: $input) { checkIn { id } userErrors { code } } }`;
const LIST = `query($id: ID!) { community(id: $id) { serviceStations { id ${PERMS} } } }`;

type Perms = Record<string, boolean>;
const NONE: Perms = { canUpdate: false, canRecordInspection: false, canAddRosterEntry: false, canCheckIn: false, canCheckOut: false };
const KEEPER: Perms = { ...NONE, canUpdate: true, canRecordInspection: true, canAddRosterEntry: true };
type Vars = Record<string, unknown>;
type Answer = Record<string, { userErrors: Array<{ code: string }> } | null>;

describe('what the caller may do with a station', () => {
  const clock = fixedClock('2026-11-16T01:30:00Z'); // a Monday, 09:30 in China
  let app: TestApp;
  let community: string;

  beforeAll(async () => {
    app = await startTestApp({ clock });
    community = await idByName(app.database, 'community', DEMO.yongkang, 'Community');
  });
  afterAll(() => app.close());

  // Read from the community's list: everyone in the community reads its stations there.
  const perms = async (id: string, as: string) =>
    ok(
      await app.request<{ community: { serviceStations: Array<{ id: string; permissions: Perms }> } }, Vars>(
        LIST,
        { id: community },
        { as },
      ),
    ).community.serviceStations.find((s) => s.id === id)!.permissions;
  /** OK, the userErrors' codes, or the error's code. */
  const outcome = async (query: string, name: string, input: Vars, as: string) => {
    const res = await app.request<Answer, Vars>(query, { input }, { as });
    return res.errors?.length ? codes(res).join(',') : res.data![name]!.userErrors.map((e) => e.code).join(',') || 'OK';
  };
  const createStation = async (name: string) =>
    ok(
      await app.request<{ createServiceStation: { station: { id: string; permissions: Perms } } }, Vars>(
        CREATE,
        {
          input: {
            communityId: community,
            name,
            stationKind: 'OTHER',
            openingHours: [{ weekday: 1, opensAt: '09:00', closesAt: '12:00' }],
          },
        },
        { as: 'admin.yongkangbeilu' },
      ),
    ).createServiceStation.station;

  it('answers for its keepers and for the person on its roster, and the mutations agree', async () => {
    const created = await createStation('权限测试站');
    const station = created.id;
    expect(created.permissions).toEqual(KEEPER);
    expect(await perms(station, 'admin.yongkangbeilu')).toEqual(KEEPER);
    expect(await perms(station, 'member.xinyuan')).toEqual(NONE);
    expect(await outcome(UPDATE, 'updateServiceStation', { stationId: station, name: '改名' }, 'member.xinyuan')).toBe('FORBIDDEN');
    expect(await outcome(UPDATE, 'updateServiceStation', { stationId: station, name: '权限测试站一' }, 'admin.yongkangbeilu')).toBe('OK');

    // Not on the roster: no checking in, and the rule agrees.
    expect(await outcome(CHECK_IN, 'checkInAtStation', { stationId: station }, 'member.xinyuan')).toBe('FORBIDDEN');
    const [person] = await sql<{ id: number }>(app.database, "select person_id as id from user_account where login = 'member.xinyuan'");
    const entry = {
      stationId: station,
      personId: gid('Person', person.id),
      weekday: 1,
      startsAt: '09:00',
      endsAt: '12:00',
      fromOn: '2026-11-01',
    };
    expect(await outcome(ROSTER, 'addStationRosterEntry', entry, 'member.xinyuan')).toBe('FORBIDDEN');
    expect(await outcome(ROSTER, 'addStationRosterEntry', entry, 'admin.yongkangbeilu')).toBe('OK');

    // On the roster today: checking in, not out.
    expect(await perms(station, 'member.xinyuan')).toEqual({ ...NONE, canCheckIn: true });
    expect(await outcome(CHECK_OUT, 'checkOutOfStation', { stationId: station }, 'member.xinyuan')).toBe('NOT_CHECKED_IN_AT_STATION');
    expect(await outcome(CHECK_IN, 'checkInAtStation', { stationId: station }, 'member.xinyuan')).toBe('OK');

    // Checked in: out, not in again.
    expect(await perms(station, 'member.xinyuan')).toEqual({ ...NONE, canCheckOut: true });
    expect(await outcome(CHECK_IN, 'checkInAtStation', { stationId: station }, 'member.xinyuan')).toBe('ALREADY_CHECKED_IN');
    // Open here, so not at another station either, where the person is stationed too.
    const other = (await createStation('权限测试站二')).id;
    expect(await outcome(ROSTER, 'addStationRosterEntry', { ...entry, stationId: other }, 'admin.yongkangbeilu')).toBe('OK');
    expect(await perms(other, 'member.xinyuan')).toEqual(NONE);
    expect(await outcome(CHECK_IN, 'checkInAtStation', { stationId: other }, 'member.xinyuan')).toBe('ALREADY_CHECKED_IN');
    expect(await outcome(CHECK_OUT, 'checkOutOfStation', { stationId: other }, 'member.xinyuan')).toBe('NOT_CHECKED_IN_AT_STATION');
    expect(await outcome(CHECK_OUT, 'checkOutOfStation', { stationId: station }, 'member.xinyuan')).toBe('OK');
    expect(await perms(station, 'member.xinyuan')).toEqual({ ...NONE, canCheckIn: true });
    expect(await perms(other, 'member.xinyuan')).toEqual({ ...NONE, canCheckIn: true });
  });

  it('says no to checking in where the caller cannot read their own person, and yes with a role that reads it', async () => {
    const station = (await createStation('权限测试站五')).id;
    // Two party members of member.xinyuan's branch, on the station's roster; only the second is also a resident.
    const [branch] = await sql<{ id: number }>(
      app.database,
      "select b.scope_id as id from role_binding b join user_account u on u.id = b.user_id where u.login = 'member.xinyuan' and b.role = 'MEMBER'",
    );
    const persons = await sql<{ id: number; householdId: number }>(
      app.database,
      `select p.id, p.household_id as "householdId" from person p join household h on h.id = p.household_id
        where h.compound_id = (select h2.compound_id from household h2 join person p2 on p2.household_id = h2.id
                                 join user_account u on u.person_id = p2.id where u.login = 'member.xinyuan')
          and not exists (select 1 from user_account u where u.person_id = p.id)
        order by p.id limit 2`,
    );
    for (const [i, person] of persons.entries()) {
      const login = `member.only${i}`;
      const [user] = await sql<{ id: number }>(
        app.database,
        'insert into user_account (login, display_name, person_id) values ($1, $1, $2) returning id',
        [login, person.id],
      );
      await sql(app.database, "insert into role_binding (user_id, role, scope_type, scope_id) values ($1, 'MEMBER', 'BRANCH', $2)", [
        user.id,
        branch.id,
      ]);
      if (i === 1)
        await sql(app.database, "insert into role_binding (user_id, role, scope_type, scope_id) values ($1, 'RESIDENT', 'HOUSEHOLD', $2)", [
          user.id,
          person.householdId,
        ]);
      const entry = {
        stationId: station,
        personId: gid('Person', person.id),
        weekday: 1,
        startsAt: '09:00',
        endsAt: '12:00',
        fromOn: '2026-11-01',
      };
      expect(await outcome(ROSTER, 'addStationRosterEntry', entry, 'admin.yongkangbeilu')).toBe('OK');
    }

    // Stationed, but the check-in would name a person the caller's roles do not read: no, and the mutations agree.
    expect(await perms(station, 'member.only0')).toEqual(NONE);
    expect(await outcome(CHECK_IN, 'checkInAtStation', { stationId: station }, 'member.only0')).toBe('FORBIDDEN');
    expect(await outcome(CHECK_OUT, 'checkOutOfStation', { stationId: station }, 'member.only0')).toBe('FORBIDDEN');

    // A resident too: reads their own row, checks in and out.
    expect(await perms(station, 'member.only1')).toEqual({ ...NONE, canCheckIn: true });
    expect(await outcome(CHECK_IN, 'checkInAtStation', { stationId: station }, 'member.only1')).toBe('OK');
    expect(await perms(station, 'member.only1')).toEqual({ ...NONE, canCheckOut: true });
    expect(await outcome(CHECK_OUT, 'checkOutOfStation', { stationId: station }, 'member.only1')).toBe('OK');
  });

  it("reads a community's stations with their permissions in a constant number of statements", async () => {
    const count = async () => {
      const res = await app.request<{ community: { serviceStations: unknown[] } }, Vars>(LIST, { id: community }, { as: 'member.xinyuan' });
      return { n: ok(res).community.serviceStations.length, statements: res.extensions!.sqlStatements! };
    };
    const before = await count();
    await createStation('权限测试站三');
    await createStation('权限测试站四');
    const after = await count();
    expect(after.n).toBe(before.n + 2);
    expect(after.statements).toBe(before.statements);
  });
});
