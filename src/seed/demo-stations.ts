import type pg from 'pg';
import { DEFAULT_STANDARD_ITEMS } from '../modules/stations/stations-defaults';

/*
 * Stations and grids in the demo, after the articles. Yongkang North Road's 12 party-and-masses
 * service stations (seed 000): the 3 m² gatehouse turned convenience post and the 300 m² old bicycle
 * shed turned culture and sports centre among them; its three stations upgraded to the "八有" standard
 * (seed 001: Xinyuan's 400 m² of idle public rooms, the Yizhong dormitory's 200 m² former coal pit of
 * the boiler house, the 2,000 m² venue the Changsheng West Lane area shares with a unit stationed
 * there), each with an inspection meeting all eight items. Areas the articles do not give are left
 * empty. Grids for Xinyuan, the dormitory and Changsheng West Lane with a chief and workers, posted
 * to those stations; Xinyuan's grid worker on the roster and checking in on the weekdays of the first
 * two weeks of November 2026. Zhenxing gets one station and grid too. Times are UTC (08:30 in China
 * is 00:30).
 */

interface StationDef {
  name: string;
  kind: string;
  area: number | null;
  compound: string | null;
  facilities: string[];
  saturday: boolean;
}

const YONGKANG: StationDef[] = [
  {
    name: '馨园党群服务站',
    kind: 'PARTY_MASSES_STATION',
    area: 400,
    compound: '馨园',
    facilities: ['议事厅', '多功能活动室', '图书角'],
    saturday: true,
  },
  {
    name: '一中宿舍党群服务站',
    kind: 'PARTY_MASSES_STATION',
    area: 200,
    compound: '小店区一中宿舍',
    facilities: ['议事室', '阅览角'],
    saturday: true,
  },
  {
    name: '昌盛西一巷片区共建活动中心',
    kind: 'SHARED_VENUE',
    area: 2000,
    compound: null,
    facilities: ['文体活动场地', '日间照料', '议事厅'],
    saturday: true,
  },
  {
    name: '门房便民驿站',
    kind: 'CONVENIENCE_POST',
    area: 3,
    compound: '电业宿舍',
    facilities: ['便民工具箱', '爱心雨伞'],
    saturday: false,
  },
  {
    name: '车棚文体中心',
    kind: 'CULTURE_SPORTS_CENTRE',
    area: 300,
    compound: '漪汾仙庄',
    facilities: ['乒乓球室', '文体活动室'],
    saturday: false,
  },
  { name: '漪汾仙庄党群服务站', kind: 'PARTY_MASSES_STATION', area: null, compound: '漪汾仙庄', facilities: ['议事室'], saturday: false },
  {
    name: '粮食局宿舍党群服务站',
    kind: 'PARTY_MASSES_STATION',
    area: null,
    compound: '粮食局宿舍',
    facilities: ['议事室'],
    saturday: false,
  },
  {
    name: '交通局宿舍党群服务站',
    kind: 'PARTY_MASSES_STATION',
    area: null,
    compound: '交通局宿舍',
    facilities: ['议事室'],
    saturday: false,
  },
  { name: '永康苑党群服务站', kind: 'PARTY_MASSES_STATION', area: null, compound: '永康苑', facilities: ['议事室'], saturday: false },
  { name: '建工宿舍党群服务站', kind: 'PARTY_MASSES_STATION', area: null, compound: '建工宿舍', facilities: ['议事室'], saturday: false },
  { name: '冶金小区党群服务站', kind: 'PARTY_MASSES_STATION', area: null, compound: '冶金小区', facilities: ['议事室'], saturday: false },
  {
    name: '永康北路片区党群服务站',
    kind: 'PARTY_MASSES_STATION',
    area: null,
    compound: null,
    facilities: ['议事室', '四点半课堂'],
    saturday: false,
  },
];

const UPGRADED = ['馨园党群服务站', '一中宿舍党群服务站', '昌盛西一巷片区共建活动中心'];

async function station(client: pg.ClientBase, community: string, s: StationDef): Promise<void> {
  const { rows } = await client.query<{ id: number }>(
    `insert into service_station (community_id, compound_id, name, kind, area_square_meters, facilities)
     select m.id, (select c.id from compound c where c.community_id = m.id and c.name = $2), $3, $4, $5, $6::text[]
       from community m where m.name = $1 returning id`,
    [community, s.compound, s.name, s.kind, s.area, s.facilities],
  );
  if (!rows.length) return;
  // The gatehouse post is open every day from morning to evening; the others office hours (and Saturday mornings).
  const slots: Array<[number, string, string]> =
    s.kind === 'CONVENIENCE_POST'
      ? [1, 2, 3, 4, 5, 6, 7].map((d) => [d, '07:00', '19:00'])
      : [1, 2, 3, 4, 5].flatMap((d): Array<[number, string, string]> => [
          [d, '08:30', '12:00'],
          [d, '14:30', '18:00'],
        ]);
  if (s.saturday) slots.push([6, '09:00', '12:00']);
  await client.query(
    `insert into station_opening_slot (community_id, station_id, weekday, opens_at, closes_at)
     select s.community_id, s.id, x.weekday, x.opens_at, x.closes_at
       from service_station s cross join unnest($2::int[], $3::text[], $4::text[]) as x(weekday, opens_at, closes_at) where s.id = $1`,
    [rows[0].id, slots.map((x) => x[0]), slots.map((x) => x[1]), slots.map((x) => x[2])],
  );
}

/** An inspection of a station by name: every active item, met unless named in `notMet`. */
async function inspect(client: pg.ClientBase, name: string, on: string, inspector: string, notMet: string[], note: string): Promise<void> {
  const { rows } = await client.query<{ id: number }>(
    `insert into station_inspection (community_id, station_id, inspected_on, inspector, photos, note, recorded_by)
     select s.community_id, s.id, $2::date, $3, array['demo/stations/' || s.id || '/' || $2 || '.jpg'], $4, 'demo'
       from service_station s where s.name = $1 returning id`,
    [name, on, inspector, note],
  );
  if (!rows.length) return;
  await client.query(
    `insert into station_inspection_item (community_id, inspection_id, item_id, met)
     select i.community_id, i.id, si.id, not (si.name = any($2::text[]))
       from station_inspection i join station_standard_item si on si.community_id = i.community_id and si.retired_on is null where i.id = $1`,
    [rows[0].id, notMet],
  );
}

/** A grid covering compounds (by name pattern), posted to a station, with the n-th residents of its first compound as chief and workers. */
async function grid(
  client: pg.ClientBase,
  community: string,
  name: string,
  compounds: string,
  stationName: string,
  people: number[],
): Promise<void> {
  const { rows } = await client.query<{ id: number }>(
    `insert into grid_unit (community_id, name, station_id)
     select m.id, $2, (select s.id from service_station s where s.community_id = m.id and s.name = $3) from community m where m.name = $1 returning id`,
    [community, name, stationName],
  );
  if (!rows.length) return;
  await client.query(
    `insert into grid_area (community_id, grid_id, compound_id)
     select g.community_id, g.id, c.id from grid_unit g join compound c on c.community_id = g.community_id and c.name like $2 where g.id = $1`,
    [rows[0].id, compounds],
  );
  await client.query(
    `with first_compound as (select min(a.compound_id) as id from grid_area a where a.grid_id = $1),
          residents as (select p.id, row_number() over (order by p.id) - 1 as n
                          from person p join household h on h.id = p.household_id where h.compound_id = (select id from first_compound))
     insert into grid_posting (community_id, grid_id, person_id, post, started_on)
     select g.community_id, g.id, r.id, case when r.n = ($2::int[])[1] then 'CHIEF' else 'WORKER' end, date '2026-01-01'
       from grid_unit g join residents r on r.n = any($2::int[]) where g.id = $1`,
    [rows[0].id, people],
  );
}

export async function seedDemoStations(client: pg.ClientBase): Promise<void> {
  // The demo builds communities in SQL, not through createCommunity: they get the "八有" items here.
  await client.query(
    `insert into station_standard_item (community_id, name, position)
     select c.id, d.name, d.position from community c cross join unnest($1::text[]) with ordinality as d(name, position)
      where not exists (select 1 from station_standard_item i where i.community_id = c.id)`,
    [DEFAULT_STANDARD_ITEMS],
  );
  for (const s of YONGKANG) await station(client, '永康北路社区', s);
  await station(client, '振兴社区', {
    name: '振兴社区党群服务中心',
    kind: 'PARTY_MASSES_STATION',
    area: null,
    compound: null,
    facilities: ['日间照料', '议事厅'],
    saturday: true,
  });
  for (const name of UPGRADED) await inspect(client, name, '2026-10-15', '小店街道党建办', [], '按照"八有"标准提档升级，验收合格');
  await inspect(client, '门房便民驿站', '2026-10-15', '小店街道党建办', ['有制度', '有台账'], '面积所限，制度上墙与台账待完善');
  await inspect(client, '振兴社区党群服务中心', '2026-09-20', '振中街道', [], '验收合格');

  // Xinyuan's grid worker (the demo login grid.xinyuan: the 41st resident) is its grid's chief; the dormitory's and Changsheng's grids.
  await grid(client, '永康北路社区', '馨园网格', '馨园', '馨园党群服务站', [40, 41]);
  await grid(client, '永康北路社区', '一中宿舍网格', '小店区一中宿舍', '一中宿舍党群服务站', [5, 6]);
  await grid(client, '永康北路社区', '昌盛西一巷网格', '昌盛西一巷%', '昌盛西一巷片区共建活动中心', [0, 1, 2]);
  await grid(client, '振兴社区', '振兴第一网格', (await firstCompound(client, '振兴社区')) ?? '', '振兴社区党群服务中心', [0, 1]);

  // The grid chiefs are also on their station's roster, weekdays in office hours; and they check in (驻点打卡).
  await client.query(
    `insert into station_roster_entry (community_id, station_id, person_id, weekday, starts_at, ends_at, from_on)
     select g.community_id, g.station_id, p.person_id, d, '08:30', '18:00', date '2026-01-01'
       from grid_posting p join grid_unit g on g.id = p.grid_id cross join generate_series(1, 5) d
      where p.post = 'CHIEF' and g.station_id is not null`,
  );
  await client.query(
    `insert into station_check_in (community_id, station_id, person_id, checked_in_at, checked_out_at)
     select g.community_id, g.station_id, p.person_id, (d::date + time '00:25') at time zone 'UTC', (d::date + time '10:05') at time zone 'UTC'
       from grid_posting p join grid_unit g on g.id = p.grid_id
      cross join generate_series(date '2026-11-02', date '2026-11-13', interval '1 day') d
      where p.post = 'CHIEF' and g.station_id is not null and extract(isodow from d) between 1 and 5`,
  );
}

async function firstCompound(client: pg.ClientBase, community: string): Promise<string | null> {
  const { rows } = await client.query<{ name: string }>(
    'select c.name from compound c join community m on m.id = c.community_id where m.name = $1 order by c.id limit 1',
    [community],
  );
  return rows[0]?.name ?? null;
}
