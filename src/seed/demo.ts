import type { MikroORM } from '@mikro-orm/postgresql';
import type pg from 'pg';
import type { Logger } from '../core/logger';
import { withTransaction } from '../core/database/owner-transaction';
import { BulkLoader, vacuumAnalyze } from './bulk';
import { seedDemoFinance } from './demo-finance';
import { seedDemoCommittees } from './demo-governance';
import { seedDemoFees } from './demo-fees';
import { seedDemoCare } from './demo-care';
import { seedDemoVolunteers } from './demo-volunteers';
import { seedDemoStations } from './demo-stations';
import { seedDemoServices } from './demo-services';
import { seedDemoIssues } from './demo-issues';
import { seedDemoMeetings, seedDemoMeetingsHeld } from './demo-meetings';
import { seedDemoEngagement } from './demo-engagement';
import { seedDemoQr } from './demo-qr';
import { seedDemoPrincipals } from './demo-principals';
import { seedDemoWebhooks } from './demo-webhooks';
import { DEMO_DISTRICTS, DEMO_MARKER, type CommunityDef, type CompoundDef } from './demo-catalog';
import { personName, type DemoGender } from './names';
import { Rng } from './rng';

/*
 * Loads the demo data (demo-catalog.ts) in one transaction: the articles' communities with their
 * organizations, and buildings, households and fictional persons generated deterministically in
 * plausible numbers. Paths and tenant keys are derived by the database triggers as for any insert.
 */

const HOME_ORGANIZATIONS = [
  '市直机关工委某支部',
  '区教育系统党委',
  '供电公司机关党委',
  '市第一人民医院党委',
  '区退休干部党支部',
  '市公交集团党委',
  '某高校离退休党总支',
];
const SPECIALTIES = ['理发', '家电维修', '法律咨询', '测量血压', '书法', '辅导功课', '水电维修', '心理疏导', '缝补衣物', '摄影'];
const PLEDGES = ['有事找党员，随叫随到', '守护楼院平安，邻里互帮互助', '带头缴费、带头守约、带头参与', '邻里有难处，先来敲我家门'];
const DUTIES = ['负责本单元政策宣传和邻里调解', '联系本楼独居老人，每周上门看望', '组织楼道卫生清扫', '收集居民意见，每月向支部汇报'];

interface Household {
  id: number;
  compound: number;
  building: number;
  unit: number;
  persons: Person[];
}

interface Person {
  id: number;
  household: number;
  community: number;
  birthYear: number;
}

interface Built {
  households: Household[];
  buildings: Array<{ id: number; compound: number; group: number | null; units: number[] }>;
}

function isoDate(rng: Rng, fromYear: number, toYear: number): string {
  const year = rng.int(fromYear, toYear);
  const month = rng.int(1, 12);
  const day = rng.int(1, 28);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function householdSize(rng: Rng): number {
  const r = rng.next();
  return r < 0.25 ? 1 : r < 0.65 ? 2 : r < 0.9 ? 3 : 4;
}

class DemoBuilder {
  private readonly rng = new Rng(20171);
  private personCount = 0;
  private readonly load: BulkLoader;
  private readonly rows = {
    units: [] as unknown[][],
    households: [] as unknown[][],
    persons: [] as unknown[][],
    memberships: [] as unknown[][],
    memberHouseholds: [] as unknown[][],
    duties: [] as unknown[][],
  };

  constructor(client: pg.ClientBase) {
    this.load = new BulkLoader(client);
  }

  async run(): Promise<{ communities: number; households: number; persons: number }> {
    let households = 0;
    let communities = 0;
    for (const district of DEMO_DISTRICTS) {
      const [districtId] = await this.load.reserveIds('district', 1);
      await this.load.insert(
        'district',
        [
          { name: 'id', type: 'int' },
          { name: 'name', type: 'text' },
          { name: 'city', type: 'text' },
        ],
        [[districtId, district.name, district.city]],
      );
      for (const street of district.streets) {
        const [streetId] = await this.load.reserveIds('street', 1);
        await this.load.insert(
          'street',
          [
            { name: 'id', type: 'int' },
            { name: 'district_id', type: 'int' },
            { name: 'name', type: 'text' },
          ],
          [[streetId, districtId, street.name]],
        );
        for (const community of street.communities) {
          households += await this.community(community, districtId, streetId);
          communities++;
        }
      }
    }
    await this.flush();
    return { communities, households, persons: this.personCount };
  }

  private async community(def: CommunityDef, districtId: number, streetId: number): Promise<number> {
    const rng = this.rng;
    const [communityId] = await this.load.reserveIds('community', 1);
    await this.load.insert(
      'community',
      [
        { name: 'id', type: 'int' },
        { name: 'street_id', type: 'int' },
        { name: 'district_id', type: 'int' },
        { name: 'name', type: 'text' },
        { name: 'area_km2', type: 'numeric' },
        { name: 'registered_residents', type: 'int' },
      ],
      [[communityId, streetId, districtId, def.name, def.areaKm2 ?? null, def.registeredResidents ?? null]],
    );
    const [committeeId] = await this.load.reserveIds('community_committee', 1);
    await this.load.insert(
      'community_committee',
      [
        { name: 'id', type: 'int' },
        { name: 'community_id', type: 'int' },
        { name: 'name', type: 'text' },
        { name: 'brand_name', type: 'text' },
      ],
      [[committeeId, communityId, def.committeeName, def.brandName ?? null]],
    );

    const branchIds = new Map<string, number>();
    const branchPks = await this.load.reserveIds('compound_branch', def.branches.length);
    def.branches.forEach((b, i) => branchIds.set(b.key, branchPks[i]));
    await this.load.insert(
      'compound_branch',
      [
        { name: 'id', type: 'int' },
        { name: 'community_id', type: 'int' },
        { name: 'committee_id', type: 'int' },
        { name: 'name', type: 'text' },
        { name: 'kind', type: 'text' },
        { name: 'established_on', type: 'date' },
      ],
      def.branches.map((b) => [branchIds.get(b.key), communityId, committeeId, b.name, b.kind, b.establishedOn]),
    );

    const compoundIds = await this.load.reserveIds('compound', def.compounds.length);
    await this.load.insert(
      'compound',
      [
        { name: 'id', type: 'int' },
        { name: 'community_id', type: 'int' },
        { name: 'name', type: 'text' },
        { name: 'property_mode', type: 'text' },
        { name: 'built_year', type: 'int' },
        { name: 'branch_id', type: 'int' },
      ],
      def.compounds.map((c, i) => [
        compoundIds[i],
        communityId,
        c.name,
        c.propertyMode,
        c.builtYear ?? null,
        c.branch ? branchIds.get(c.branch) : null,
      ]),
    );
    const established = new Map(def.branches.map((b) => [b.key, b.establishedOn]));
    const history: unknown[][] = [];
    def.compounds.forEach((c, i) => {
      if (c.formerBranch)
        history.push([
          communityId,
          compoundIds[i],
          branchIds.get(c.formerBranch.branch),
          c.formerBranch.since,
          c.formerBranch.until,
          'ASSIGNED',
        ]);
      if (c.branch)
        history.push([
          communityId,
          compoundIds[i],
          branchIds.get(c.branch),
          c.since ?? established.get(c.branch),
          null,
          c.formerBranch ? 'GRADUATED' : 'ASSIGNED',
        ]);
    });
    await this.load.insert(
      'compound_branch_assignment',
      [
        { name: 'community_id', type: 'int' },
        { name: 'compound_id', type: 'int' },
        { name: 'branch_id', type: 'int' },
        { name: 'since', type: 'date' },
        { name: 'until', type: 'date' },
        { name: 'reason', type: 'text' },
      ],
      history,
    );

    const secretaryCandidates = new Map<number, number[]>(); // branch id → member person ids
    const groupLeaders: unknown[][] = [];
    let households = 0;
    for (let i = 0; i < def.compounds.length; i++) {
      const compound = def.compounds[i];
      const branchId = compound.branch ? branchIds.get(compound.branch)! : null;
      const built = await this.compound(compound, compoundIds[i], communityId, branchId, def.groups);
      households += built.households.length;
      const members = this.members(compound, built, communityId, branchId);
      if (branchId) secretaryCandidates.set(branchId, [...(secretaryCandidates.get(branchId) ?? []), ...members.local]);
      this.memberHouseholds(compound, communityId, members.householdsWithMembers);
      this.duties(compound, built, communityId, compoundIds[i], members.all);
      for (const building of built.buildings) {
        if (building.group === null || groupLeaders.some((g) => g[0] === building.group)) continue;
        const residents = built.households.filter((h) => h.building === building.id).flatMap((h) => h.persons);
        const memberLeader = residents.find((p) => members.all.includes(p.id));
        const leader = memberLeader ?? residents.find((p) => p.birthYear < 1990);
        if (leader) groupLeaders.push([building.group, leader.id]);
      }
    }

    // Secretaries: a local member of each branch; the committee's a resident of the community.
    await this.flush();
    for (const [branchId, candidates] of secretaryCandidates) {
      if (candidates.length)
        await this.load.client.query('update compound_branch set secretary_id = $1 where id = $2', [rng.pick(candidates), branchId]);
    }
    for (const [groupId, personId] of groupLeaders)
      await this.load.client.query('update building_group set leader_id = $1 where id = $2', [personId, groupId]);
    const anyMember = [...secretaryCandidates.values()].flat();
    await this.load.client.query(
      `update community_committee set secretary_id = coalesce($1, (select id from person where community_id = $2 and birth_year < 1985 order by id limit 1)) where id = $3`,
      [anyMember.length ? rng.pick(anyMember) : null, communityId, committeeId],
    );
    return households;
  }

  /** Buildings, units, households and persons of one compound, and its building groups. */
  private async compound(
    def: CompoundDef,
    compoundId: number,
    communityId: number,
    branchId: number | null,
    grouping: CommunityDef['groups'],
  ): Promise<Built> {
    const rng = this.rng;
    const small = def.households < 100;
    const floors = def.highRise ? rng.int(11, 26) : small ? rng.int(4, 6) : rng.int(5, 7);
    const unitsPerBuilding = def.highRise ? rng.int(1, 2) : small ? rng.int(1, 2) : rng.int(2, 4);
    const perUnit = floors * 2;
    const buildingCount = Math.ceil(def.households / (perUnit * unitsPerBuilding));

    // Building groups: one per compound, or one per three buildings; none without a branch.
    let groupOf: (buildingIndex: number) => number | null = () => null;
    if (branchId !== null) {
      const groupCount = grouping === 'per-compound' || small ? 1 : Math.ceil(buildingCount / 3);
      const groupIds = await this.load.reserveIds('building_group', groupCount);
      await this.load.insert(
        'building_group',
        [
          { name: 'id', type: 'int' },
          { name: 'community_id', type: 'int' },
          { name: 'branch_id', type: 'int' },
          { name: 'name', type: 'text' },
        ],
        groupIds.map((id, g) => [id, communityId, branchId, groupCount === 1 ? `${def.name}党小组` : `${def.name}第${g + 1}党小组`]),
      );
      groupOf = (b) => groupIds[Math.min(Math.floor(b / 3), groupIds.length - 1)];
    }

    const buildingIds = await this.load.reserveIds('building', buildingCount);
    await this.load.insert(
      'building',
      [
        { name: 'id', type: 'int' },
        { name: 'community_id', type: 'int' },
        { name: 'compound_id', type: 'int' },
        { name: 'group_id', type: 'int' },
        { name: 'name', type: 'text' },
        { name: 'floors', type: 'int' },
      ],
      buildingIds.map((id, b) => [id, communityId, compoundId, groupOf(b), `${b + 1}号楼`, floors]),
    );

    const built: Built = { households: [], buildings: [] };
    const unitIds = await this.load.reserveIds('unit', buildingCount * unitsPerBuilding);
    let remaining = def.households;
    let unitCursor = 0;
    const householdSlots: Array<{ unit: number; building: number; door: string }> = [];
    for (let b = 0; b < buildingCount; b++) {
      const units: number[] = [];
      for (let u = 0; u < unitsPerBuilding && remaining > 0; u++) {
        const unitId = unitIds[unitCursor++];
        units.push(unitId);
        this.rows.units.push([unitId, communityId, buildingIds[b], `${u + 1}单元`]);
        for (let f = 1; f <= floors && remaining > 0; f++) {
          for (let d = 1; d <= 2 && remaining > 0; d++, remaining--) {
            householdSlots.push({ unit: unitId, building: buildingIds[b], door: `${f}0${d}` });
          }
        }
      }
      built.buildings.push({ id: buildingIds[b], compound: compoundId, group: groupOf(b), units });
    }

    const householdIds = await this.load.reserveIds('household', householdSlots.length);
    const sizes = householdSlots.map(() => householdSize(rng));
    const personIds = await this.load.reserveIds(
      'person',
      sizes.reduce((a, b) => a + b, 0),
    );
    let personCursor = 0;
    const old = (def.builtYear ?? 2000) < 2000;
    householdSlots.forEach((slot, i) => {
      const area = old ? rng.int(4500, 9000) / 100 : rng.int(7000, 14000) / 100;
      this.rows.households.push([householdIds[i], communityId, compoundId, slot.building, slot.unit, slot.door, area]);
      const household: Household = { id: householdIds[i], compound: compoundId, building: slot.building, unit: slot.unit, persons: [] };
      for (let p = 0; p < sizes[i]; p++) {
        const gender: DemoGender = rng.chance(0.5) ? 'FEMALE' : 'MALE';
        const birthYear = p < 2 ? rng.int(1938, 1996) : rng.chance(0.7) ? rng.int(2000, 2020) : rng.int(1930, 1950);
        const id = personIds[personCursor++];
        this.rows.persons.push([id, communityId, household.id, personName(rng, gender), gender, birthYear]);
        this.personCount++;
        household.persons.push({ id, household: household.id, community: communityId, birthYear });
      }
      built.households.push(household);
    });
    return built;
  }

  /** Party members: the compound's member households first, then others, LOCAL where a branch covers it. */
  private members(def: CompoundDef, built: Built, communityId: number, branchId: number | null) {
    const rng = this.rng;
    const adults = built.households.flatMap((h) => h.persons.filter((p) => p.birthYear <= 2004));
    const target = branchId ? (def.localMembers ?? Math.max(1, Math.round(adults.length * 0.05))) : 0;
    const external = def.externalMembers ?? (branchId ? Math.round(target * 0.2) : Math.max(1, Math.round(adults.length * 0.04)));
    const designated = rng.sample(
      built.households.filter((h) => h.persons.some((p) => p.birthYear <= 2004)),
      Math.min(def.memberHouseholds ?? 0, target || external),
    );
    const chosen: Person[] = designated.map((h) => h.persons.find((p) => p.birthYear <= 2004)!);
    const rest = rng.sample(
      adults.filter((p) => !chosen.includes(p)),
      target + external - chosen.length,
    );
    chosen.push(...rest);
    const local: number[] = [];
    chosen.forEach((person, i) => {
      const isLocal = i < target;
      const probationary = rng.chance(0.06);
      const joinedOn = probationary ? isoDate(rng, 2024, 2025) : isoDate(rng, Math.max(1960, person.birthYear + 20), 2023);
      this.rows.memberships.push([
        communityId,
        person.id,
        isLocal ? branchId : null,
        isLocal ? 'LOCAL' : 'EXTERNAL',
        probationary ? 'PROBATIONARY' : 'FULL',
        isLocal ? null : rng.pick(HOME_ORGANIZATIONS),
        joinedOn,
      ]);
      if (isLocal) local.push(person.id);
    });
    return { all: chosen.map((p) => p.id), local, householdsWithMembers: designated };
  }

  private memberHouseholds(def: CompoundDef, communityId: number, households: Household[]): void {
    const rng = this.rng;
    const since = def.formerBranch ? (def.since ?? '2022-07-01') : '2021-07-01';
    for (const household of households) {
      this.rows.memberHouseholds.push([
        communityId,
        household.id,
        since,
        true,
        rng.pick(DUTIES),
        rng.pick(PLEDGES),
        rng.sample(SPECIALTIES, 2).join('、'),
      ]);
    }
  }

  /** 两长四员: building heads (and, where the compound does it fully, unit heads and the four officers). */
  private duties(def: CompoundDef, built: Built, communityId: number, compoundId: number, members: number[]): void {
    const rng = this.rng;
    const every = def.propertyMode === 'NONE' || def.fullDuties ? 1 : 2;
    built.buildings.forEach((building, b) => {
      if (b % every !== 0) return;
      const residents = built.households
        .filter((h) => h.building === building.id)
        .flatMap((h) => h.persons)
        .filter((p) => p.birthYear < 1995);
      if (!residents.length) return;
      const head = residents.find((p) => members.includes(p.id)) ?? rng.pick(residents);
      this.rows.duties.push([communityId, head.id, 'BUILDING_HEAD', compoundId, building.id, null, '2021-06-01']);
      if (!def.fullDuties) return;
      for (const unit of building.units) {
        const inUnit = built.households
          .filter((h) => h.unit === unit)
          .flatMap((h) => h.persons)
          .filter((p) => p.birthYear < 1995);
        if (inUnit.length)
          this.rows.duties.push([communityId, rng.pick(inUnit).id, 'UNIT_HEAD', compoundId, building.id, unit, '2021-06-01']);
      }
    });
    if (def.fullDuties) {
      const officers = rng.sample(members, 4);
      ['POLICY_PUBLICIST', 'SENTIMENT_INFORMANT', 'SAFETY_PATROLLER', 'CIVILITY_PERSUADER'].forEach((role, i) => {
        if (officers[i]) this.rows.duties.push([communityId, officers[i], role, compoundId, null, null, '2021-06-01']);
      });
    }
  }

  private async flush(): Promise<void> {
    const r = this.rows;
    const int = (name: string) => ({ name, type: 'int' });
    const text = (name: string) => ({ name, type: 'text' });
    await this.load.insert('unit', [int('id'), int('community_id'), int('building_id'), text('name')], r.units.splice(0));
    await this.load.insert(
      'household',
      [
        int('id'),
        int('community_id'),
        int('compound_id'),
        int('building_id'),
        int('unit_id'),
        text('door_no'),
        { name: 'area_sqm', type: 'numeric' },
      ],
      r.households.splice(0),
    );
    await this.load.insert(
      'person',
      [int('id'), int('community_id'), int('household_id'), text('name'), text('gender'), int('birth_year')],
      r.persons.splice(0),
    );
    await this.load.insert(
      'party_membership',
      [
        int('community_id'),
        int('person_id'),
        int('branch_id'),
        text('organization_relation'),
        text('status'),
        text('home_organization'),
        { name: 'joined_on', type: 'date' },
      ],
      r.memberships.splice(0),
    );
    await this.load.insert(
      'member_household',
      [
        int('community_id'),
        int('household_id'),
        { name: 'designated_on', type: 'date' },
        { name: 'displays_plate', type: 'boolean' },
        text('duties'),
        text('pledge'),
        text('specialties'),
      ],
      r.memberHouseholds.splice(0),
    );
    await this.load.insert(
      'duty_assignment',
      [
        int('community_id'),
        int('person_id'),
        text('role'),
        int('compound_id'),
        int('building_id'),
        int('unit_id'),
        { name: 'started_on', type: 'date' },
      ],
      r.duties.splice(0),
    );
  }
}

export async function hasDemoData(orm: MikroORM): Promise<boolean> {
  const rows = await orm.em
    .fork()
    .execute<{ n: number }[]>('select count(*)::int as n from district where name = ? and city = ?', [
      DEMO_MARKER.district,
      DEMO_MARKER.city,
    ]);
  return rows[0].n > 0;
}

/** Loads the demo data into the database the ORM is connected to (in one transaction). */
export async function seedDemo(orm: MikroORM, logger: Logger): Promise<void> {
  const started = Date.now();
  const url = orm.config.getClientUrl();
  const result = await withTransaction(url, async (client) => {
    const counts = await new DemoBuilder(client).run();
    await seedDemoPrincipals(client);
    // Committees first: an account's committee seat is held by a member of the sitting committee.
    await seedDemoCommittees(client);
    await seedDemoFinance(client);
    await seedDemoServices(client);
    await seedDemoFees(client);
    await seedDemoCare(client);
    await seedDemoVolunteers(client);
    await seedDemoIssues(client);
    await seedDemoQr(client);
    await seedDemoMeetings(client);
    await seedDemoMeetingsHeld(client);
    await seedDemoStations(client);
    await seedDemoEngagement(client);
    await seedDemoWebhooks(client);
    return counts;
  });
  await vacuumAnalyze(url);
  logger.info('loaded the demo data', { ...result, seconds: (Date.now() - started) / 1000 });
}
