import { computeFigures, type Groups } from '../../src/modules/figures/figures.compute';
import type { CommunityRules, CompoundPeriodFacts } from '../../src/modules/figures/figures.loaders';
import { parsePeriod } from '../../src/modules/figures/figures.period';

/*
 * A district's figures per street and per community are linked tables: a street is the sum of its
 * communities, and the streets, like the communities, add up to the district. A cell withheld in
 * one of them must not come back by subtraction in another: no additive group (the communities of
 * a street against the street, the streets against the district, the communities against the
 * district) may show its whole with exactly one part withheld.
 */

const K = 3;

function compound(id: number, communityId: number, households: number, partyMembers: number, charged: number): CompoundPeriodFacts {
  return {
    compoundId: id,
    compoundName: `小区${id}`,
    communityId,
    communityName: `社区${communityId}`,
    propertyMode: 'COMPANY',
    branchKind: 'NONE',
    branchId: null,
    graduated: false,
    households,
    groupedHouseholds: 0,
    residents: households * 2,
    partyMembers,
    externalPartyMembers: 0,
    memberHouseholds: 0,
    plates: 0,
    committeeSitting: false,
    committeeCompliant: false,
    committeeTermEnd: null,
    electionOpen: false,
    chargedFen: charged * 3000,
    waivedFen: 0,
    collectedFen: charged * 2000,
    chargedHouseholds: charged,
    settledHouseholds: Math.floor(charged / 2),
    arrearsHouseholds: charged - Math.floor(charged / 2),
    periodRows: charged > 0,
    evaluations: 0,
    scoreSum: 0,
    objections: 0,
    objectionsAnswered: 0,
    quarterRows: false,
    evaluatedHouseholds: 0,
  };
}

const rules = (communityId: number, streetId: number): CommunityRules => ({
  communityId,
  name: `社区${communityId}`,
  streetId,
  streetName: `街道${streetId}`,
  statementDueDay: 10,
  redFlagMinScore: 85,
  yellowFlagBelowScore: 60,
});

type Column = (g: Groups) => { value: number | null; hide: boolean; base: number };
const COLUMNS: Record<string, Column> = {
  households: (g) => g.people.households,
  residents: (g) => g.people.residents,
  partyMembers: (g) => g.people.partyMembers,
  chargedHouseholds: (g) => g.fees.chargedHouseholds,
  settledHouseholds: (g) => g.fees.settledHouseholds,
  arrearsHouseholds: (g) => g.fees.arrearsHouseholds,
};

/** Groups with a shown whole and exactly one withheld part, per column: what a reader could subtract. */
function recoverable(whole: Groups, parts: Groups[]): string[] {
  const found: string[] = [];
  for (const [name, col] of Object.entries(COLUMNS)) {
    if (col(whole).hide) continue;
    if (parts.filter((p) => col(p).hide).length === 1) found.push(name);
  }
  return found;
}

function figures(compounds: CompoundPeriodFacts[], communityRules: CommunityRules[]) {
  return computeFigures({
    unit: 'COMMUNITY',
    streets: true,
    period: parsePeriod('2026-10')!,
    today: '2026-11-20',
    k: K,
    suppress: true,
    compounds,
    accounts: [],
    statements: [],
    rules: communityRules,
  });
}

describe('figures per street and per community (linked suppression)', () => {
  it('adds up: each street is its communities, the streets are the district', () => {
    const { total, rows, streets } = figures(
      [compound(1, 1, 40, 10, 30), compound(2, 2, 50, 12, 40), compound(3, 3, 60, 9, 50)],
      [rules(1, 7), rules(2, 7), rules(3, 8)],
    );
    expect(streets.map((s) => [s.unit.pk, s.unit.name, s.groups.people.households.value])).toEqual([
      [7, '街道7', 90],
      [8, '街道8', 60],
    ]);
    expect(total.people.households.value).toBe(150);
    expect(rows.map((r) => r.groups.people.households.value)).toEqual([40, 50, 60]);
    expect(streets.every((s) => !s.groups.people.households.hide)).toBe(true);
  });

  it('withholds a small community so that neither its street nor the other rows give it away', () => {
    // Community 2 has 2 party members: withheld. In street 7 (communities 1 and 2) the street row
    // would give it away (street − community 1); a second cell must go in every group it sits in.
    const { total, rows, streets } = figures(
      [compound(1, 1, 40, 10, 30), compound(2, 2, 50, 2, 40), compound(3, 3, 60, 9, 50), compound(4, 4, 70, 8, 60)],
      [rules(1, 7), rules(2, 7), rules(3, 8), rules(4, 8)],
    );
    expect(rows[1].groups.people.partyMembers.hide).toBe(true);
    expect(
      recoverable(
        total,
        rows.map((r) => r.groups),
      ),
    ).toEqual([]);
    expect(
      recoverable(
        total,
        streets.map((s) => s.groups),
      ),
    ).toEqual([]);
    expect(recoverable(streets[0].groups, [rows[0].groups, rows[1].groups])).toEqual([]);
    expect(recoverable(streets[1].groups, [rows[2].groups, rows[3].groups])).toEqual([]);
  });

  it('holds for random districts: no group ever shows its whole beside one withheld part', () => {
    let seed = 20261205;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let trial = 0; trial < 200; trial++) {
      const streetCount = 1 + Math.floor(random() * 4);
      const communityRules: CommunityRules[] = [];
      const compounds: CompoundPeriodFacts[] = [];
      let community = 0;
      for (let s = 1; s <= streetCount; s++)
        for (let c = 0, n = 1 + Math.floor(random() * 4); c < n; c++) {
          community++;
          communityRules.push(rules(community, s));
          const small = () => (random() < 0.3 ? Math.floor(random() * 3) : 3 + Math.floor(random() * 60));
          compounds.push(compound(community, community, small(), small(), small()));
        }
      const { total, rows, streets } = figures(compounds, communityRules);
      const byStreet = (s: number) => rows.filter((_, i) => communityRules[i].streetId === s).map((r) => r.groups);
      expect(
        recoverable(
          total,
          rows.map((r) => r.groups),
        ),
      ).toEqual([]);
      expect(
        recoverable(
          total,
          streets.map((s) => s.groups),
        ),
      ).toEqual([]);
      streets.forEach((s) => expect(recoverable(s.groups, byStreet(s.unit.pk))).toEqual([]));
      // Nothing small is shown.
      for (const g of [total, ...rows.map((r) => r.groups), ...streets.map((s) => s.groups)])
        for (const col of Object.values(COLUMNS)) {
          const c = col(g);
          if (c.base > 0 && c.base < K) expect(c.hide).toBe(true);
        }
    }
  });
});
