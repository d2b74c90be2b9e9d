import { fixedClock } from '../../src/core/clock';
import { sql } from '../support/databases';
import { DEMO, idByName } from '../support/demo';
import { codes, gid, ok, startTestApp, type TestApp } from '../support/test-app';

/*
 * permissions { canX } of what hangs off a station — a standard item, a roster entry, a check-in, a
 * grid and its postings — and that the mutations agree: a true flag's mutation goes through, a false one's is
 * refused, for the community's keeper, for a grid worker of the community (reads them, keeps none of
 * them), and once the object has been retired, ended or closed.
 */

type Vars = Record<string, unknown>;
type Answer = Record<string, { userErrors: Array<{ code: string }> } | null>;

const KEEPER = 'admin.yongkangbeilu';
const READER = 'grid.community-reader';

describe('what the caller may do with the things of a station', () => {
  const clock = fixedClock('2026-11-16T01:30:00Z'); // a Monday, 09:30 in China
  let app: TestApp;
  let community: string;
  let station: string;
  let member: string;

  beforeAll(async () => {
    app = await startTestApp({ clock });
    community = await idByName(app.database, 'community', DEMO.yongkang, 'Community');
    // Reads everything of the community (READ_ALL), manages none of it, grants nothing.
    const [user] = await sql<{ id: number }>(app.database, 'insert into user_account (login, display_name) values ($1, $1) returning id', [
      READER,
    ]);
    await sql(
      app.database,
      "insert into role_binding (user_id, role, scope_type, scope_id) select $1, 'GRID_WORKER', 'COMMUNITY', id from community where name = $2",
      [user.id, DEMO.yongkang],
    );
    const [person] = await sql<{ id: number }>(app.database, "select person_id as id from user_account where login = 'member.xinyuan'");
    member = gid('Person', person.id);
    station = ok(
      await app.request<{ createServiceStation: { station: { id: string } } }, Vars>(
        `mutation($input: CreateServiceStationInput!) { createServiceStation(input: $input) { station { id } } }`,
        {
          input: {
            communityId: community,
            name: '对象权限测试站',
            stationKind: 'OTHER',
            openingHours: [{ weekday: 1, opensAt: '09:00', closesAt: '12:00' }],
          },
        },
        { as: KEEPER },
      ),
    ).createServiceStation.station.id;
  });
  afterAll(() => app.close());

  /** OK, the userErrors' codes, or the error's code. */
  const outcome = async (mutation: string, input: Vars, as: string) => {
    const name = mutation.match(/\{\s*(\w+)\(/)![1];
    const res = await app.request<Answer, Vars>(mutation, { input }, { as });
    return res.errors?.length ? codes(res).join(',') : res.data![name]!.userErrors.map((e) => e.code).join(',') || 'OK';
  };
  /** The station's (or the community's) objects of one kind with their permissions, by ID, as `as` reads them. */
  const read = async (query: string, as: string): Promise<Map<string, Record<string, boolean>>> => {
    const res = ok(await app.request<Record<string, unknown>, Vars>(query, { id: community }, { as }));
    const found = new Map<string, Record<string, boolean>>();
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') {
        const o = value as { id?: string; permissions?: Record<string, boolean> };
        if (o.id && o.permissions) found.set(o.id, o.permissions);
        else Object.values(o).forEach(walk);
      }
    };
    walk(res);
    return found;
  };
  const ITEMS = `query($id: ID!) { community(id: $id) { stationStandardItems { id permissions { canRetire } } } }`;
  const ROSTER = `query($id: ID!) { community(id: $id) { serviceStations { roster { id permissions { canEnd } } } } }`;
  const CHECK_INS = `query($id: ID!) { community(id: $id) { serviceStations { checkIns { nodes { id permissions { canClose } } } } } }`;
  const POSTINGS = `query($id: ID!) { community(id: $id) { gridUnits { postings { id permissions { canEnd } } } } }`;
  const GRIDS = `query($id: ID!) { community(id: $id) { gridUnits { id permissions { canPost } } } }`;

  it('a standard item: the keeper may retire it until it is retired; a reader never', async () => {
    const added = ok(
      await app.request<{ addStationStandardItem: { standardItem: { id: string; permissions: { canRetire: boolean } } } }, Vars>(
        `mutation($input: AddStationStandardItemInput!) { addStationStandardItem(input: $input) { standardItem { id permissions { canRetire } } } }`,
        { input: { communityId: community, name: '有应急药箱' } },
        { as: KEEPER },
      ),
    ).addStationStandardItem.standardItem;
    expect(added.permissions).toEqual({ canRetire: true });
    expect((await read(ITEMS, READER)).get(added.id)).toEqual({ canRetire: false });
    const RETIRE = `mutation($input: RetireStationStandardItemInput!) { retireStationStandardItem(input: $input) { userErrors { code } } }`;
    expect(await outcome(RETIRE, { standardItemId: added.id }, READER)).toBe('FORBIDDEN');
    expect((await read(ITEMS, KEEPER)).get(added.id)).toEqual({ canRetire: true });
    expect(await outcome(RETIRE, { standardItemId: added.id }, KEEPER)).toBe('OK');
    expect((await read(ITEMS, KEEPER)).get(added.id)).toEqual({ canRetire: false });
    expect(await outcome(RETIRE, { standardItemId: added.id }, KEEPER)).toBe('ALREADY_ENDED');
  });

  it('a roster entry and a check-in: the keeper may end and close them while they run; a reader never', async () => {
    const ADD = `mutation($input: AddStationRosterEntryInput!) { addStationRosterEntry(input: $input) { rosterEntry { id } userErrors { code } } }`;
    const add = async (untilOn: string | null) =>
      ok(
        await app.request<{ addStationRosterEntry: { rosterEntry: { id: string } } }, Vars>(
          ADD,
          {
            input: { stationId: station, personId: member, weekday: 1, startsAt: '09:00', endsAt: '12:00', fromOn: '2026-11-01', untilOn },
          },
          { as: KEEPER },
        ),
      ).addStationRosterEntry.rosterEntry.id;
    const [open, later, endsToday] = [await add(null), await add('2026-12-31'), await add('2026-11-16')];
    const asKeeper = await read(ROSTER, KEEPER);
    expect([asKeeper.get(open), asKeeper.get(later), asKeeper.get(endsToday)]).toEqual([
      { canEnd: true },
      { canEnd: true },
      { canEnd: false },
    ]);
    expect((await read(ROSTER, READER)).get(open)).toEqual({ canEnd: false });

    const END = `mutation($input: EndStationRosterEntryInput!) { endStationRosterEntry(input: $input) { userErrors { code } } }`;
    expect(await outcome(END, { rosterEntryId: endsToday }, KEEPER)).toBe('ALREADY_ENDED');
    expect(await outcome(END, { rosterEntryId: open }, READER)).toBe('FORBIDDEN');

    // Stationed here today: member.xinyuan checks in; the keeper may close it, the reader not.
    const checkIn = ok(
      await app.request<{ checkInAtStation: { checkIn: { id: string } } }, Vars>(
        `mutation($input: CheckInAtStationInput!) { checkInAtStation(input: $input) { checkIn { id } } }`,
        { input: { stationId: station } },
        { as: 'member.xinyuan' },
      ),
    ).checkInAtStation.checkIn.id;
    expect((await read(CHECK_INS, KEEPER)).get(checkIn)).toEqual({ canClose: true });
    expect((await read(CHECK_INS, READER)).get(checkIn)).toEqual({ canClose: false });
    const CLOSE = `mutation($input: CloseStationCheckInInput!) { closeStationCheckIn(input: $input) { userErrors { code } } }`;
    const closing = { checkInId: checkIn, checkedOutAt: '2026-11-16T01:30:00Z' };
    expect(await outcome(CLOSE, closing, READER)).toBe('FORBIDDEN');
    expect(await outcome(CLOSE, closing, KEEPER)).toBe('OK');
    expect((await read(CHECK_INS, KEEPER)).get(checkIn)).toEqual({ canClose: false });
    expect(await outcome(CLOSE, closing, KEEPER)).toBe('ALREADY_ENDED');

    expect(await outcome(END, { rosterEntryId: open }, KEEPER)).toBe('OK');
    expect((await read(ROSTER, KEEPER)).get(open)).toEqual({ canEnd: false });
    expect((await read(ROSTER, KEEPER)).get(later)).toEqual({ canEnd: true });
  });

  it('a grid and its posting: the keeper who may grant GRID_WORKER may post to the grid and end the posting until it has ended; a reader neither', async () => {
    const [compound] = await sql<{ id: number }>(
      app.database,
      'select cp.id from compound cp join community c on c.id = cp.community_id where c.name = $1 order by cp.id limit 1',
      [DEMO.yongkang],
    );
    const grid = ok(
      await app.request<{ createGridUnit: { grid: { id: string } } }, Vars>(
        `mutation($input: CreateGridUnitInput!) { createGridUnit(input: $input) { grid { id } } }`,
        { input: { communityId: community, name: '对象权限网格', stationId: station, compoundIds: [gid('Compound', compound.id)] } },
        { as: KEEPER },
      ),
    ).createGridUnit.grid.id;
    expect((await read(GRIDS, KEEPER)).get(grid)).toEqual({ canPost: true });
    expect((await read(GRIDS, READER)).get(grid)).toEqual({ canPost: false });
    const POST = `mutation($input: PostToGridInput!) { postToGrid(input: $input) { userErrors { code } } }`;
    expect(await outcome(POST, { gridId: grid, personId: member, post: 'WORKER' }, READER)).toBe('FORBIDDEN');
    const posting = ok(
      await app.request<{ postToGrid: { posting: { id: string; permissions: { canEnd: boolean } } } }, Vars>(
        `mutation($input: PostToGridInput!) { postToGrid(input: $input) { posting { id permissions { canEnd } } } }`,
        { input: { gridId: grid, personId: member, post: 'WORKER' } },
        { as: KEEPER },
      ),
    ).postToGrid.posting;
    expect(posting.permissions).toEqual({ canEnd: true });
    expect((await read(POSTINGS, READER)).get(posting.id)).toEqual({ canEnd: false });
    const END = `mutation($input: EndGridPostingInput!) { endGridPosting(input: $input) { userErrors { code } } }`;
    expect(await outcome(END, { gridPostingId: posting.id }, READER)).toBe('FORBIDDEN');
    expect(await outcome(END, { gridPostingId: posting.id }, KEEPER)).toBe('OK');
    expect((await read(POSTINGS, KEEPER)).get(posting.id)).toEqual({ canEnd: false });
    expect(await outcome(END, { gridPostingId: posting.id }, KEEPER)).toBe('ALREADY_ENDED');
  });
});
