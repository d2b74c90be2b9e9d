import { fixedClock } from '../../src/core/clock';
import {
  AddStationRosterEntryDocument,
  AddStationStandardItemDocument,
  CheckInAtStationDocument,
  CheckOutOfStationDocument,
  CommunityGridsDocument,
  CommunityStationsFullDocument,
  CommunityStationsPublicDocument,
  CreateGridUnitDocument,
  CreateServiceStationDocument,
  EndGridPostingDocument,
  PostToGridDocument,
  RecordStationInspectionDocument,
  RetireStationStandardItemDocument,
  SetStationOpeningHoursDocument,
  StationInspectionsDocument,
  StationMonthDocument,
  StationStaffedHoursDocument,
  UpdateServiceStationDocument,
  ViewerBindingRolesDocument,
} from '../generated/graphql';
import { sql } from '../support/databases';
import { DEMO, idByName } from '../support/demo';
import { codes, gid, ok, startTestApp, type TestApp } from '../support/test-app';

/*
 * Stations and grids: a station with weekly hours, inspected against the "八有" items; the staffed
 * share from check-ins at fixed times; a grid posting granting and revoking GRID_WORKER; who may
 * do what, both ways; another community's IDs; the demo's stations in a constant number of statements.
 */
describe('service stations and grids', () => {
  let app: TestApp;
  const clock = fixedClock('2026-11-16T00:00:00Z'); // a Monday (08:00 in China)
  let community: string;
  let zhenxing: string;
  let xinyuan: string;

  async function personOf(login: string): Promise<string> {
    const [row] = await sql<{ id: number }>(app.database, 'select person_id as id from user_account where login = $1', [login]);
    return gid('Person', row.id);
  }

  const MONDAY_MORNING = [{ weekday: 1, opensAt: '09:00', closesAt: '12:00' }];

  async function createStation(name: string): Promise<string> {
    const res = ok(
      await app.request(
        CreateServiceStationDocument,
        {
          input: {
            communityId: community,
            compoundId: xinyuan,
            name,
            stationKind: 'PARTY_MASSES_STATION',
            areaSquareMeters: 120,
            facilities: ['日间照料', '议事厅'],
            openingHours: MONDAY_MORNING,
          },
        },
        { as: 'admin.yongkangbeilu' },
      ),
    ).createServiceStation;
    expect(res.userErrors).toEqual([]);
    return res.station!.id;
  }

  beforeAll(async () => {
    app = await startTestApp({ clock });
    community = await idByName(app.database, 'community', DEMO.yongkang, 'Community');
    zhenxing = await idByName(app.database, 'community', DEMO.zhenxing, 'Community');
    xinyuan = await idByName(app.database, 'compound', DEMO.xinyuan, 'Compound');
  });
  afterAll(() => app.close());

  it('creates a station (community admins only), which residents see with its hours, facilities and standard', async () => {
    const input = {
      communityId: community,
      name: '测试服务站',
      stationKind: 'CONVENIENCE_POST' as const,
      areaSquareMeters: 3,
      openingHours: [
        { weekday: 2, opensAt: '08:00', closesAt: '12:00' },
        { weekday: 2, opensAt: '11:00', closesAt: '13:00' },
      ],
    };
    expect(
      ok(await app.request(CreateServiceStationDocument, { input }, { as: 'admin.yongkangbeilu' })).createServiceStation.userErrors.map(
        (e) => [e.code, e.field],
      ),
    ).toEqual([['SLOTS_OVERLAP', ['openingHours', '1']]]);
    expect(codes(await app.request(CreateServiceStationDocument, { input }, { as: 'secretary.xinyuan' }))).toEqual(['FORBIDDEN']);
    expect(codes(await app.request(CreateServiceStationDocument, { input }, { as: 'resident.xinyuan' }))).toEqual(['FORBIDDEN']);
    expect(codes(await app.request(CreateServiceStationDocument, { input }, { as: 'admin.zhenxing' }))).toEqual(['NOT_FOUND']);

    const id = await createStation('馨园测试驿站');
    const seen = ok(await app.request(CommunityStationsPublicDocument, { id: community }, { as: 'resident.xinyuan' })).community!;
    expect(seen.serviceStations.find((s) => s.id === id)).toEqual({
      id,
      name: '馨园测试驿站',
      kind: 'PARTY_MASSES_STATION',
      areaSquareMeters: 120,
      facilities: ['日间照料', '议事厅'],
      openingHours: MONDAY_MORNING,
      meetsStandard: false,
    });
    expect(seen.stationStandardItems.map((i) => i.name)).toEqual([
      '有场所',
      '有牌子',
      '有制度',
      '有人员',
      '有设施',
      '有活动',
      '有服务',
      '有台账',
    ]);
    // Changed by the community's administrators only; the hours are replaced as a whole.
    const update = (as: string) =>
      app.request(UpdateServiceStationDocument, { input: { stationId: id, areaSquareMeters: null, facilities: ['图书角'] } }, { as });
    expect(codes(await update('secretary.xinyuan'))).toEqual(['FORBIDDEN']);
    expect(codes(await update('admin.zhenxing'))).toEqual(['NOT_FOUND']);
    expect(ok(await update('admin.yongkangbeilu')).updateServiceStation.station).toMatchObject({
      name: '馨园测试驿站',
      areaSquareMeters: null,
      facilities: ['图书角'],
    });
    const hours = [
      { weekday: 6, opensAt: '09:00', closesAt: '11:30' },
      { weekday: 1, opensAt: '14:00', closesAt: '17:00' },
    ];
    const set = (as: string, openingHours = hours) =>
      app.request(SetStationOpeningHoursDocument, { input: { stationId: id, openingHours } }, { as });
    expect(codes(await set('resident.xinyuan'))).toEqual(['FORBIDDEN']);
    expect(
      ok(await set('admin.yongkangbeilu', [{ weekday: 1, opensAt: '17:00', closesAt: '09:00' }])).setStationOpeningHours.userErrors.map(
        (e) => e.code,
      ),
    ).toEqual(['DATE_ORDER']);
    expect(ok(await set('admin.yongkangbeilu')).setStationOpeningHours.station!.openingHours).toEqual([hours[1], hours[0]]);

    // Residents see the public face, not the inspections.
    expect(codes(await app.request(StationInspectionsDocument, { id }, { as: 'resident.xinyuan' }))).toEqual(['FORBIDDEN']);
    expect(codes(await app.request(CommunityStationsPublicDocument, { id: community }, { as: 'resident.zhenxing' }))).toEqual([
      'NOT_FOUND',
    ]);
  });

  it('meets the standard when its latest inspection met every active item', async () => {
    const id = await createStation('八有测试站');
    const items = ok(await app.request(CommunityStationsPublicDocument, { id: community }, { as: 'admin.yongkangbeilu' })).community!
      .stationStandardItems;
    const inspect = (metItemIds: string[], inspectedOn: string, as = 'admin.yongkangbeilu') =>
      app.request(
        RecordStationInspectionDocument,
        { input: { stationId: id, inspectedOn, inspector: '小店街道党建办', metItemIds, photos: ['oss://stations/1.jpg'], note: '验收' } },
        { as },
      );
    const seven = ok(
      await inspect(
        items.slice(0, 7).map((i) => i.id),
        '2026-11-10',
      ),
    ).recordStationInspection.inspection!;
    expect(seven.items.filter((i) => !i.met).map((i) => i.name)).toEqual(['有台账']);
    expect(seven).toMatchObject({ photos: ['oss://stations/1.jpg'], recordedBy: 'admin.yongkangbeilu', station: { meetsStandard: false } });
    const eight = ok(
      await inspect(
        items.map((i) => i.id),
        '2026-11-12',
      ),
    ).recordStationInspection.inspection!;
    expect(eight.station!.meetsStandard).toBe(true);
    expect(
      codes(
        await inspect(
          items.map((i) => i.id),
          '2026-11-12',
          'secretary.xinyuan',
        ),
      ),
    ).toEqual(['FORBIDDEN']);
    expect(
      codes(
        await inspect(
          items.map((i) => i.id),
          '2026-11-12',
          'admin.zhenxing',
        ),
      ),
    ).toEqual(['NOT_FOUND']);
    // Another community's item is NOT_FOUND, like a missing one.
    const theirs = ok(await app.request(CommunityStationsPublicDocument, { id: zhenxing }, { as: 'admin.zhenxing' })).community!
      .stationStandardItems[0];
    expect(codes(await inspect([theirs.id], '2026-11-12'))).toEqual(['NOT_FOUND']);
    expect(ok(await inspect([], '2026-12-12')).recordStationInspection.userErrors.map((e) => e.code)).toEqual(['OUT_OF_RANGE']);

    // A new item holds every station to it until inspected; retiring it lets the latest inspection stand again.
    const added = ok(
      await app.request(
        AddStationStandardItemDocument,
        { input: { communityId: community, name: '有网络' } },
        { as: 'admin.yongkangbeilu' },
      ),
    ).addStationStandardItem.standardItem!;
    expect(added.position).toBe(9);
    const meets = async () =>
      ok(await app.request(CommunityStationsPublicDocument, { id: community }, { as: 'resident.xinyuan' })).community!.serviceStations.find(
        (s) => s.id === id,
      )!.meetsStandard;
    expect(await meets()).toBe(false);
    ok(await app.request(RetireStationStandardItemDocument, { input: { standardItemId: added.id } }, { as: 'admin.yongkangbeilu' }));
    expect(await meets()).toBe(true);

    // Inspections are append-only in the database.
    await expect(sql(app.database, "update station_inspection set inspector = 'x' where inspector = '小店街道党建办'")).rejects.toThrow();
  });

  it('lets stationed staff check in and out, and measures the staffed share of opening hours exactly', async () => {
    const id = await createStation('打卡测试站');
    const member = await personOf('member.xinyuan');
    const checkIn = (as: string) => app.request(CheckInAtStationDocument, { input: { stationId: id } }, { as });
    const checkOut = (as: string) => app.request(CheckOutOfStationDocument, { input: { stationId: id } }, { as });

    // Not on the roster: refused; a manager adds them (weekly, Monday mornings), and they may.
    expect(codes(await checkIn('member.xinyuan'))).toEqual(['FORBIDDEN']);
    const roster = (as: string) =>
      app.request(
        AddStationRosterEntryDocument,
        { input: { stationId: id, personId: member, weekday: 1, startsAt: '09:00', endsAt: '12:00', fromOn: '2026-11-01' } },
        { as },
      );
    expect(codes(await roster('secretary.xinyuan'))).toEqual(['FORBIDDEN']);
    expect(ok(await roster('admin.yongkangbeilu')).addStationRosterEntry.rosterEntry).toMatchObject({ weekday: 1, startsAt: '09:00' });

    clock.set('2026-11-16T01:30:00Z'); // 09:30 in China
    expect(ok(await checkIn('member.xinyuan')).checkInAtStation.checkIn).toMatchObject({
      checkedInAt: '2026-11-16T01:30:00Z',
      checkedOutAt: null,
    });
    expect(ok(await checkIn('member.xinyuan')).checkInAtStation.userErrors.map((e) => e.code)).toEqual(['ALREADY_CHECKED_IN']);
    expect(ok(await checkOut('grid.xinyuan')).checkOutOfStation.userErrors.map((e) => e.code)).toEqual(['NOT_CHECKED_IN_AT_STATION']);
    expect(codes(await checkIn('resident.xinyuan'))).toEqual(['FORBIDDEN']);
    expect(codes(await checkIn('admin.zhenxing'))).toEqual(['NOT_FOUND']);

    // Up to now: Mondays 2 and 9 (3 h each) and 01:00–02:15 today open; 01:30–02:15 staffed.
    clock.set('2026-11-16T02:15:00Z');
    const staffed = async () =>
      ok(await app.request(StationStaffedHoursDocument, { id, from: '2026-11-01', to: '2026-11-30' }, { as: 'admin.yongkangbeilu' })).node!;
    let hours = await staffed();
    if (!('staffedHours' in hours)) throw new Error('expected a station');
    expect(hours.staffedHours).toEqual({ openSeconds: 2 * 10800 + 4500, staffedSeconds: 2700, share: 2700 / 26100 });

    // A grid posted to the station stations its workers there too; overlapping presences count once.
    const grid = ok(
      await app.request(
        CreateGridUnitDocument,
        { input: { communityId: community, name: '打卡测试网格', stationId: id, compoundIds: [xinyuan] } },
        { as: 'admin.yongkangbeilu' },
      ),
    ).createGridUnit.grid!;
    ok(
      await app.request(
        PostToGridDocument,
        { input: { gridId: grid.id, personId: await personOf('grid.xinyuan'), post: 'CHIEF' } },
        { as: 'admin.yongkangbeilu' },
      ),
    );
    clock.set('2026-11-16T02:00:00Z');
    ok(await checkIn('grid.xinyuan'));
    clock.set('2026-11-16T02:30:00Z');
    expect(ok(await checkOut('member.xinyuan')).checkOutOfStation.checkIn).toMatchObject({ checkedOutAt: '2026-11-16T02:30:00Z' });
    clock.set('2026-11-16T03:00:00Z');
    ok(await checkOut('grid.xinyuan'));

    // After the month: five Mondays of 3 h open (54,000 s), 01:30–03:00 of one staffed (5,400 s).
    clock.set('2026-12-01T00:00:00Z');
    hours = await staffed();
    if (!('staffedHours' in hours)) throw new Error('expected a station');
    expect(hours.staffedHours).toEqual({ openSeconds: 54000, staffedSeconds: 5400, share: 0.1 });
    expect(hours.checkIns.nodes.map((c) => [c.checkedInAt, c.checkedOutAt])).toEqual([
      ['2026-11-16T01:30:00Z', '2026-11-16T02:30:00Z'],
      ['2026-11-16T02:00:00Z', '2026-11-16T03:00:00Z'],
    ]);
    expect(
      codes(await app.request(StationStaffedHoursDocument, { id, from: '2026-11-01', to: '2026-11-30' }, { as: 'resident.xinyuan' })),
    ).toEqual(['FORBIDDEN']);

    // The check-out is written once; nothing else of a check-in ever changes.
    await expect(sql(app.database, "update station_check_in set checked_out_at = checked_out_at + interval '1 hour'")).rejects.toThrow();
    await expect(sql(app.database, 'delete from station_check_in')).rejects.toThrow();
    clock.set('2026-11-16T00:00:00Z');
  });

  it('grants GRID_WORKER with a posting and revokes it when the posting ends', async () => {
    const dianye = await idByName(app.database, 'compound', '电业宿舍', 'Compound');
    const grid = ok(
      await app.request(
        CreateGridUnitDocument,
        { input: { communityId: community, name: '电业宿舍网格', compoundIds: [dianye] } },
        { as: 'admin.yongkangbeilu' },
      ),
    ).createGridUnit.grid!;
    expect(grid.compounds.map((c) => c.name)).toEqual(['电业宿舍']);
    const member = await personOf('member.xinyuan');
    const post = (as: string, post: 'CHIEF' | 'WORKER' = 'WORKER', personId = member) =>
      app.request(PostToGridDocument, { input: { gridId: grid.id, personId, post } }, { as });
    const gridRoles = async () =>
      ok(await app.request(ViewerBindingRolesDocument, {}, { as: 'member.xinyuan' }))
        .viewer.bindings.filter((b) => b.role === 'GRID_WORKER')
        .map((b) => b.scope?.id);

    expect(codes(await post('secretary.xinyuan'))).toEqual(['FORBIDDEN']);
    expect(codes(await post('grid.xinyuan'))).toEqual(['FORBIDDEN']);
    expect(codes(await post('admin.zhenxing'))).toEqual(['NOT_FOUND']);
    expect(await gridRoles()).toEqual([]);
    const posting = ok(await post('admin.yongkangbeilu')).postToGrid.posting!;
    expect(await gridRoles()).toEqual([dianye]);
    expect(ok(await post('admin.yongkangbeilu')).postToGrid.userErrors.map((e) => e.code)).toEqual(['TAKEN']);
    ok(await post('admin.yongkangbeilu', 'CHIEF', await personOf('grid.xinyuan')));
    expect(
      ok(await post('admin.yongkangbeilu', 'CHIEF', await personOf('leader.xinyuan'))).postToGrid.userErrors.map((e) => e.code),
    ).toEqual(['TAKEN']);

    expect(codes(await app.request(EndGridPostingDocument, { input: { gridPostingId: posting.id } }, { as: 'secretary.xinyuan' }))).toEqual(
      ['FORBIDDEN'],
    );
    const ended = ok(await app.request(EndGridPostingDocument, { input: { gridPostingId: posting.id } }, { as: 'admin.yongkangbeilu' }));
    expect(ended.endGridPosting.posting!.endedOn).toBe('2026-11-16');
    expect(await gridRoles()).toEqual([]);
    expect(
      ok(
        await app.request(EndGridPostingDocument, { input: { gridPostingId: posting.id } }, { as: 'admin.yongkangbeilu' }),
      ).endGridPosting.userErrors.map((e) => e.code),
    ).toEqual(['ALREADY_ENDED']);

    // Two postings covering the same compound share one binding: ending the one that created it hands it over.
    const second = ok(
      await app.request(
        CreateGridUnitDocument,
        { input: { communityId: community, name: '电业宿舍第二网格', compoundIds: [dianye] } },
        { as: 'admin.yongkangbeilu' },
      ),
    ).createGridUnit.grid!;
    const postTo = async (gridId: string) =>
      ok(await app.request(PostToGridDocument, { input: { gridId, personId: member, post: 'WORKER' } }, { as: 'admin.yongkangbeilu' }))
        .postToGrid.posting!.id;
    const first = await postTo(grid.id);
    const other = await postTo(second.id);
    expect(await gridRoles()).toEqual([dianye]);
    const end = (gridPostingId: string) => app.request(EndGridPostingDocument, { input: { gridPostingId } }, { as: 'admin.yongkangbeilu' });
    ok(await end(first));
    expect(await gridRoles()).toEqual([dianye]);
    ok(await end(other));
    expect(await gridRoles()).toEqual([]);

    // A grid of single buildings covers their compound; a person without a login is posted without any binding.
    const [building] = await sql<{ id: number; name: string }>(
      app.database,
      "select b.id, b.name from building b join compound c on c.id = b.compound_id where c.name = '电业宿舍' order by b.id limit 1",
    );
    const buildingGrid = ok(
      await app.request(
        CreateGridUnitDocument,
        { input: { communityId: community, name: '电业宿舍楼栋网格', buildingIds: [gid('Building', building.id)] } },
        { as: 'admin.yongkangbeilu' },
      ),
    ).createGridUnit.grid!;
    expect(buildingGrid.compounds.map((c) => c.name)).toEqual(['电业宿舍']);
    const [noLogin] = await sql<{ id: number }>(
      app.database,
      `select p.id from person p join household h on h.id = p.household_id join compound c on c.id = h.compound_id
        where c.name = '电业宿舍' and not exists (select 1 from user_account u where u.person_id = p.id) order by p.id limit 1`,
    );
    const bindingsBefore = await sql<{ n: number }>(app.database, "select count(*)::int as n from role_binding where role = 'GRID_WORKER'");
    ok(
      await app.request(
        PostToGridDocument,
        { input: { gridId: buildingGrid.id, personId: gid('Person', noLogin.id), post: 'CHIEF' } },
        { as: 'admin.yongkangbeilu' },
      ),
    );
    expect(await sql<{ n: number }>(app.database, "select count(*)::int as n from role_binding where role = 'GRID_WORKER'")).toEqual(
      bindingsBefore,
    );

    // grid.xinyuan's own binding at Xinyuan was granted by hand: the posting to 电业宿舍 gave a new one and never touches it.
    const grids = ok(await app.request(CommunityGridsDocument, { id: community }, { as: 'admin.yongkangbeilu' })).community!.gridUnits;
    const xinyuanGrid = grids.find((g) => g.name === '馨园网格')!;
    expect(xinyuanGrid.compounds.map((c) => c.name)).toEqual(['馨园']);
    expect(xinyuanGrid.postings.map((p) => p.post)).toEqual(['CHIEF', 'WORKER']);
    expect(grids.find((g) => g.name === '电业宿舍网格')!.postings.map((p) => [p.post, p.endedOn])).toEqual([
      ['WORKER', '2026-11-16'],
      ['CHIEF', null],
      ['WORKER', '2026-11-16'],
    ]);
    // Residents see the grids, not who is posted.
    expect(codes(await app.request(CommunityGridsDocument, { id: community }, { as: 'resident.xinyuan' }))).toContain('FORBIDDEN');
  });

  it("lists the demo's stations with inspections, roster and grids in a constant number of statements, and the month's figures", async () => {
    const res = await app.request(CommunityStationsFullDocument, { id: community }, { as: 'admin.yongkangbeilu' });
    const stations = ok(res).community!.serviceStations;
    const demo = stations.filter((s) => !s.name.includes('测试'));
    expect(demo).toHaveLength(12);
    expect(demo.map((s) => [s.name, s.areaSquareMeters]).filter(([, a]) => a !== null)).toEqual(
      expect.arrayContaining([
        ['门房便民驿站', 3],
        ['车棚文体中心', 300],
        ['馨园党群服务站', 400],
        ['一中宿舍党群服务站', 200],
        ['昌盛西一巷片区共建活动中心', 2000],
      ]),
    );
    const xinyuanStation = demo.find((s) => s.name === '馨园党群服务站')!;
    expect(xinyuanStation.meetsStandard).toBe(true);
    expect(xinyuanStation.inspections[0].items).toHaveLength(8);
    expect(xinyuanStation.roster.length).toBe(5);
    expect(xinyuanStation.grids.map((g) => g.name)).toEqual(['馨园网格']);
    expect(demo.find((s) => s.name === '门房便民驿站')!.meetsStandard).toBe(false);
    // begin_request, community, stations, compounds, inspections, roster, persons, grids, postings, persons.
    expect(res.extensions!.sqlStatements).toBeLessThanOrEqual(10);

    const month = ok(await app.request(StationMonthDocument, { id: community, month: '2026-11-01' }, { as: 'district.xiaodian' }))
      .community!.stationMonth;
    expect(month.meetingStandard).toBe(4); // the three upgraded stations and the 八有测试站 above
    const xin = month.staffed.find((s) => s.station.name === '馨园党群服务站')!.hours;
    // Up to the test clock (Nov 16, 08:00 in China): 10 weekdays of 7 h and 2 Saturdays of 3 h open; the weekdays staffed.
    expect(xin).toEqual({ openSeconds: (10 * 7 + 2 * 3) * 3600, staffedSeconds: 10 * 7 * 3600, share: 70 / 76 });
    expect(codes(await app.request(StationMonthDocument, { id: community, month: '2026-11-01' }, { as: 'resident.xinyuan' }))).toEqual([
      'FORBIDDEN',
    ]);
  });
});
