import { computeCare, computeVolunteers, type CareFacts } from '../../src/modules/figures/figures.care';

/* The care and volunteer figures' suppression: small counts withheld above communities, and a cell recoverable from a total withheld with it. */
const months = ['2026-01-01'];

function facts(over: Partial<CareFacts>): CareFacts {
  return { coverage: { tagged: 0, linked: 0, links: 0 }, visits: [], teams: [], volunteers: [], ...over };
}

describe('care and volunteer figures', () => {
  it('shows everything to a community’s own roles', () => {
    const f = facts({
      coverage: { tagged: 40, linked: 38, links: 41 },
      visits: [{ month: '2026-01-01', visits: 20, solved: 2, passedOn: 1, households: 15, solvedHouseholds: 2, passedOnHouseholds: 1 }],
    });
    const care = computeCare(f, months, 3, false);
    expect(care.coverage).toEqual({ value: 0.95, suppressed: false });
    expect(care.months[0].solved).toEqual({ value: 2, suppressed: false });
  });

  it('withholds small counts and what would give them away', () => {
    const f = facts({
      coverage: { tagged: 40, linked: 38, links: 38 },
      visits: [{ month: '2026-01-01', visits: 20, solved: 2, passedOn: 0, households: 15, solvedHouseholds: 2, passedOnHouseholds: 0 }],
    });
    const care = computeCare(f, months, 3, true);
    // 2 households without a link: shown linked and tagged would give them away, so linked goes too.
    expect(care.specialHouseholds).toEqual({ value: 40, suppressed: false });
    expect(care.linkedHouseholds).toEqual({ value: null, suppressed: true });
    expect(care.coverage.suppressed).toBe(true);
    expect(care.months[0].solved).toEqual({ value: null, suppressed: true });
    expect(care.months[0].passedOn).toEqual({ value: 0, suppressed: false });
    expect(care.months[0].visits).toEqual({ value: 20, suppressed: false });
  });

  it('withholds a small team’s minutes and a second team’s with it', () => {
    const f = facts({
      volunteers: [{ month: '2026-01-01', minutes: 900, volunteers: 12 }],
      teams: [
        { month: '2026-01-01', teamId: 1, teamName: '夜间巡逻队', minutes: 600, volunteers: 8 },
        { month: '2026-01-01', teamId: 2, teamName: '合唱队', minutes: 120, volunteers: 2 },
        { month: '2026-01-01', teamId: 3, teamName: '调解队', minutes: 180, volunteers: 3 },
      ],
    });
    const [month] = computeVolunteers(f, months, 3, true).months;
    expect(month.minutes).toEqual({ value: 900, suppressed: false });
    expect(month.activeVolunteers).toEqual({ value: 12, suppressed: false });
    expect(month.teams.map((t) => t.minutes.suppressed)).toEqual([false, true, true]);
    expect(computeVolunteers(f, months, 3, false).months[0].teams.every((t) => !t.minutes.suppressed)).toBe(true);
  });
});
