import type pg from 'pg';
import type { Logger } from '../core/logger';
import { withTransaction } from '../core/database/owner-transaction';
import { vacuumAnalyze } from './bulk';

/*
 * A synthetic district for benchmarks and statement-count tests: N communities × compounds ×
 * buildings × households, 2 persons each, every compound with a standalone branch and a building
 * group, 1 in 20 persons a party member. Generated inside PostgreSQL (INSERT … SELECT over
 * generate_series), one statement per level, so 480,000 households load in a few minutes at most;
 * the triggers derive every path as for any other insert.
 */

export interface SyntheticSize {
  communities: number;
  compounds: number;
  buildings: number;
  households: number;
  personsPerHousehold?: number;
  unitsPerBuilding?: number;
}

export interface SyntheticResult {
  districtId: number;
  streetId: number;
  communityIds: number[];
  households: number;
  persons: number;
  seconds: number;
}

const SURNAMES =
  "array['王','李','张','刘','陈','杨','赵','黄','周','吴','徐','孙','胡','朱','高','林','何','郭','马','罗','梁','宋','郑','谢','韩','唐','冯','于','董','萧']";
const GIVEN =
  "array['伟','芳','娜','敏','静','丽','强','磊','军','洋','勇','艳','杰','娟','涛','明','超','秀英','霞','平','刚','桂英','华','建华','玉兰','文','斌','红','建国','淑珍','丹','萍','鹏','辉','玲','浩','凯','宇','欣','婷']";

export async function seedSynthetic(
  url: string,
  size: SyntheticSize,
  logger: Logger,
  label = `合成区${Date.now().toString(36)}`,
): Promise<SyntheticResult> {
  const started = Date.now();
  const persons = size.personsPerHousehold ?? 2;
  const units = size.unitsPerBuilding ?? 2;
  const perUnit = Math.ceil(size.households / units);
  const result = await withTransaction(url, async (client: pg.Client) => {
    const step = async (name: string, text: string, params: unknown[] = []) => {
      const t = Date.now();
      const res = await client.query(text, params);
      logger.info(`synthetic: ${name}`, { rows: res.rowCount, seconds: (Date.now() - t) / 1000 });
      return res;
    };
    const district = await client.query<{ id: number }>(`insert into district (name, city) values ($1, '合成市') returning id`, [label]);
    const districtId = district.rows[0].id;
    const street = await client.query<{ id: number }>(`insert into street (district_id, name) values ($1, '合成街道') returning id`, [
      districtId,
    ]);
    const streetId = street.rows[0].id;
    const scope = 'community_id in (select id from community where street_id = $1)';

    const communities = await step(
      'communities',
      `insert into community (street_id, district_id, name, registered_residents)
       select $1, $2, '合成社区' || g, $4 from generate_series(1, $3) g returning id`,
      [streetId, districtId, size.communities, size.compounds * size.buildings * size.households * persons],
    );
    await step(
      'committees',
      `insert into community_committee (community_id, name) select id, name || '党委' from community where street_id = $1`,
      [streetId],
    );
    await step(
      'compounds',
      `insert into compound (community_id, name, property_mode, built_year)
       select c.id, '文源小区' || g || '号院', (array['NONE','COMPANY','SELF_MANAGED','RED_PROPERTY'])[1 + g % 4], 1980 + (g * 7) % 40
       from community c cross join generate_series(1, $2) g where c.street_id = $1`,
      [streetId, size.compounds],
    );
    await step(
      'branches',
      `insert into compound_branch (community_id, committee_id, name, kind, established_on)
       select cp.community_id, cc.id, cp.name || '党支部', 'STANDALONE', date '2020-07-01'
       from compound cp join community_committee cc on cc.community_id = cp.community_id where cp.${scope}`,
      [streetId],
    );
    await step(
      'compound coverage',
      `update compound cp set branch_id = b.id from compound_branch b
        where b.community_id = cp.community_id and b.name = cp.name || '党支部' and cp.${scope}`,
      [streetId],
    );
    await step(
      'branch history',
      `insert into compound_branch_assignment (community_id, compound_id, branch_id, since, reason)
       select community_id, id, branch_id, date '2020-07-01', 'ASSIGNED' from compound where ${scope}`,
      [streetId],
    );
    await step(
      'building groups',
      `insert into building_group (community_id, branch_id, name) select community_id, id, name || '第一党小组' from compound_branch where ${scope}`,
      [streetId],
    );
    await step(
      'buildings',
      `insert into building (community_id, compound_id, group_id, name, floors)
       select cp.community_id, cp.id, g.id, b || '号楼', 6 + (b % 4) * 3
       from compound cp join building_group g on g.branch_id = cp.branch_id cross join generate_series(1, $2) b where cp.${scope}`,
      [streetId, size.buildings],
    );
    await step(
      'units',
      `insert into unit (community_id, building_id, name) select b.community_id, b.id, u || '单元'
       from building b cross join generate_series(1, $2) u where b.${scope}`,
      [streetId, units],
    );
    const households = await step(
      'households',
      `insert into household (community_id, unit_id, door_no, area_sqm)
       select u.community_id, u.id, ((h - 1) / 2 + 1) || '0' || ((h - 1) % 2 + 1), 50 + (u.id * 7 + h * 13) % 90
       from unit u cross join generate_series(1, $2) h
       where u.${scope} and (split_part(u.name, '单元', 1)::int - 1) * $2 + h <= $3`,
      [streetId, perUnit, size.households],
    );
    const people = await step(
      'persons',
      `insert into person (community_id, household_id, name, gender, birth_year)
       select h.community_id, h.id, (${SURNAMES})[1 + (h.id + p) % 30] || (${GIVEN})[1 + (h.id * 3 + p * 7) % 40],
              case when (h.id + p) % 2 = 0 then 'FEMALE' else 'MALE' end, 1940 + (h.id * 11 + p * 17) % 75
       from household h cross join generate_series(1, $2) p where h.${scope}`,
      [streetId, persons],
    );
    await step(
      'party memberships',
      `insert into party_membership (community_id, person_id, branch_id, organization_relation, status, joined_on)
       select p.community_id, p.id, cp.branch_id, 'LOCAL', 'FULL', date '2010-07-01'
       from person p join household h on h.id = p.household_id join compound cp on cp.id = h.compound_id
       where p.${scope} and p.id % 20 = 0`,
      [streetId],
    );
    return {
      districtId,
      streetId,
      communityIds: communities.rows.map((r: { id: number }) => r.id),
      households: households.rowCount ?? 0,
      persons: people.rowCount ?? 0,
    };
  });
  // Fresh bulk data: set the visibility map (index-only counts) and statistics, as autovacuum would later.
  await vacuumAnalyze(url);
  return { ...result, seconds: (Date.now() - started) / 1000 };
}
