import { sql } from '../support/databases';
import { overlapping } from '../support/overlapping-transactions';
import { startTestApp, type TestApp } from '../support/test-app';
import { rollupDifferences } from './recompute';

/*
 * Migration20261210100000_locks_before_reads: two transactions writing to one compound at the same
 * moment, one adding its difference to the compound's roll-up row and the other recounting it.
 * Whichever waits for the row's lock computes after the other committed, so the roll-up equals a full
 * recount afterwards, in both orders.
 */
describe("the compounds' roll-up under overlapping writers", () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  /** Two active households of one compound, the first with residents. */
  type HouseholdPair = { compound: number; first: number; second: number };
  async function twoHouseholds(skip: number): Promise<HouseholdPair> {
    const [row] = await sql<HouseholdPair>(
      app.database,
      `select h.compound_id as compound, h.id as first,
              (select o.id from household o where o.compound_id = h.compound_id and o.archived_at is null and o.id <> h.id
                order by o.id limit 1) as second
         from household h
        where h.archived_at is null and exists (select 1 from person p where p.household_id = h.id and p.archived_at is null)
        order by h.id offset $1 limit 1`,
      [skip],
    );
    expect(row.second).not.toBeNull();
    return row;
  }

  /** Two compounds of one community, each with an active household; `low` holds the lower key. */
  type CompoundPair = { low: number; high: number; in_low: number; in_high: number; unit_high: number };
  async function twoCompounds(): Promise<CompoundPair> {
    const [pair] = await sql<CompoundPair>(
      app.database,
      `select l.compound_id as low, h.compound_id as high, l.id as in_low, h.id as in_high, h.unit_id as unit_high
         from household l join household h on h.community_id = l.community_id and h.compound_id > l.compound_id
        where l.archived_at is null and h.archived_at is null
        order by l.id, h.id limit 1`,
    );
    expect(pair).toBeDefined();
    return pair;
  }

  /**
   * A household without residents for a recount to delete (a delete recounts once; an update recounts
   * old and new rows, the second time after any wait), in another building of the compound than
   * `household`, so the delete does not first wait for the building's household count.
   */
  async function emptyHousehold(household: number, door: string): Promise<number> {
    const [row] = await sql<{ id: number }>(
      app.database,
      `insert into household (community_id, unit_id, door_no)
       select u.community_id, u.id, $2 from household h join building b on b.compound_id = h.compound_id and b.id <> h.building_id
         join unit u on u.building_id = b.id
        where h.id = $1 order by u.id limit 1
       returning id`,
      [household, door],
    );
    expect(row).toBeDefined();
    return row.id;
  }

  const residents = async (compound: number) =>
    (await sql<{ n: number }>(app.database, 'select residents as n from lianxin_figures_compound where compound_id = $1', [compound]))[0].n;
  const addPerson = (household: number) =>
    `insert into person (community_id, household_id, name) select community_id, id, '并发居民' from household where id = ${household}`;

  it('keeps a resident added while a recount of the compound waits for its row', async () => {
    expect(await rollupDifferences(app.database)).toEqual([]);
    const { compound, first, second } = await twoHouseholds(0);
    const empty = await emptyHousehold(second, 'o1-empty');
    const before = await residents(compound);
    // The person's difference holds the row; deleting a household recounts the compound after it.
    await overlapping(app.database, [addPerson(first)], [`delete from household where id = ${empty}`]);
    expect(await residents(compound)).toBe(before + 1);
    expect(await rollupDifferences(app.database)).toEqual([]);
  });

  it("adds no resident to a household a recount holding the compound's row has archived", async () => {
    const { compound, first } = await twoHouseholds(1);
    const [{ n: inFirst }] = await sql<{ n: number }>(
      app.database,
      'select count(*)::int as n from person where household_id = $1 and archived_at is null',
      [first],
    );
    const before = await residents(compound);
    // The archive recounts the compound and holds its row; the person's difference is computed after it commits.
    await overlapping(app.database, [`update household set archived_at = now() where id = ${first}`], [addPerson(first)]);
    expect(await residents(compound)).toBe(before - inFirst);
    expect(await rollupDifferences(app.database)).toEqual([]);
  });

  it('keeps the households of two overlapping inserts and a recount between them', async () => {
    const { compound, first } = await twoHouseholds(2);
    const empty = await emptyHousehold(first, 'o3-empty');
    const [{ n: before }] = await sql<{ n: number }>(
      app.database,
      'select households as n from lianxin_figures_compound where compound_id = $1',
      [compound],
    );
    const insert = (door: string) =>
      `insert into household (community_id, unit_id, door_no) select community_id, unit_id, '${door}' from household where id = ${first}`;
    await overlapping(app.database, [insert('o3-a')], [`delete from household where id = ${empty}`, insert('o3-b')]);
    const [{ n: after }] = await sql<{ n: number }>(
      app.database,
      'select households as n from lianxin_figures_compound where compound_id = $1',
      [compound],
    );
    expect(after).toBe(before + 1);
    expect(await rollupDifferences(app.database)).toEqual([]);
  });
  it('moves households between two compounds in opposite directions without a deadlock', async () => {
    const pair = await twoCompounds();
    // A household without residents moving from the lower compound to the higher: its update recounts both.
    const [empty] = await sql<{ id: number }>(
      app.database,
      `insert into household (community_id, unit_id, door_no) select community_id, unit_id, 'o4-empty' from household where id = $1 returning id`,
      [pair.in_low],
    );
    // The other writer holds the lower compound's row (a resident added), and once the move waits,
    // wants the higher one's (another resident): the move must not hold the higher row meanwhile.
    await overlapping(
      app.database,
      [addPerson(pair.in_low)],
      [`update household set unit_id = ${pair.unit_high}, door_no = 'o4-moved' where id = ${empty.id}`],
      [addPerson(pair.in_high)],
    );
    const [moved] = await sql<{ compound: number }>(app.database, 'select compound_id as compound from household where id = $1', [
      empty.id,
    ]);
    expect(moved.compound).toBe(pair.high);
    expect(await rollupDifferences(app.database)).toEqual([]);
  });

  it.each([
    ['with residents', false],
    ['with residents that is a member household', true],
  ])('moves a household %s to another compound while a writer holds the lower compound, without a deadlock', async (_what, member) => {
    // As above, but the moving household has residents (and is a member household): re-pathing them
    // (household_cascade) runs the persons' and member households' triggers before the household's own
    // recount, and they must not take the new compound's row out of order when no count changes.
    const pair = await twoCompounds();
    const [mover] = await sql<{ id: number }>(
      app.database,
      `insert into household (community_id, unit_id, door_no) select community_id, unit_id, 'o5-residents-' || $2 from household where id = $1 returning id`,
      [pair.in_low, member ? 'm' : 'r'],
    );
    await sql(app.database, `${addPerson(mover.id)}; ${addPerson(mover.id)}`);
    if (member)
      await sql(
        app.database,
        `insert into member_household (community_id, household_id, designated_on) select community_id, id, current_date from household where id = $1`,
        [mover.id],
      );
    const memberHouseholds = async (compound: number) =>
      (
        await sql<{ n: number }>(app.database, 'select member_households as n from lianxin_figures_compound where compound_id = $1', [
          compound,
        ])
      )[0].n;
    const [membersLow, membersHigh] = [await memberHouseholds(pair.low), await memberHouseholds(pair.high)];
    const [lowBefore, highBefore] = [await residents(pair.low), await residents(pair.high)];
    await overlapping(
      app.database,
      [addPerson(pair.in_low)],
      [`update household set unit_id = ${pair.unit_high}, door_no = 'o5-moved-${member ? 'm' : 'r'}' where id = ${mover.id}`],
      [addPerson(pair.in_high)],
    );
    const movedPersons = await sql<{ path: string }>(app.database, 'select path::text as path from person where household_id = $1', [
      mover.id,
    ]);
    const [moved] = await sql<{ compound: number; path: string }>(
      app.database,
      'select compound_id as compound, path::text as path from household where id = $1',
      [mover.id],
    );
    expect(moved.compound).toBe(pair.high);
    expect(movedPersons.map((p) => p.path)).toEqual([moved.path, moved.path]);
    // The two residents left the lower compound with their household; each compound gained the one added.
    expect(await residents(pair.low)).toBe(lowBefore - 2 + 1);
    expect(await residents(pair.high)).toBe(highBefore + 2 + 1);
    expect([await memberHouseholds(pair.low), await memberHouseholds(pair.high)]).toEqual(
      member ? [membersLow - 1, membersHigh + 1] : [membersLow, membersHigh],
    );
    expect(await rollupDifferences(app.database)).toEqual([]);
  });

  it('counts what a first recount committed when two writers create the same missing roll-up row', async () => {
    const { compound, first } = await twoHouseholds(3);
    const [{ n: households }] = await sql<{ n: number }>(
      app.database,
      'select count(*)::int as n from household where compound_id = $1 and archived_at is null',
      [compound],
    );
    // A compound without a roll-up row yet: the household insert creates it, the resident's recount waits for it.
    await sql(app.database, 'delete from lianxin_figures_compound where compound_id = $1', [compound]);
    await overlapping(
      app.database,
      [`insert into household (community_id, unit_id, door_no) select community_id, unit_id, 'o5-new' from household where id = ${first}`],
      [addPerson(first)],
    );
    const [row] = await sql<{ households: number }>(
      app.database,
      'select households from lianxin_figures_compound where compound_id = $1',
      [compound],
    );
    expect(row.households).toBe(households + 1);
    expect(await rollupDifferences(app.database)).toEqual([]);
  });
});
