import { computeCareByCommunity, type CareFacts } from '../../src/modules/figures/figures.care';

/* Care and volunteer figures per community of a district, withheld together with the whole. */
const months = ['2026-01-01'];

function facts(over: Partial<CareFacts>): CareFacts {
  return { coverage: { tagged: 0, linked: 0, links: 0 }, visits: [], teams: [], volunteers: [], ...over };
}

describe('care and volunteer figures per community', () => {
  it('adds the rows up to the whole, and shows everything when nothing is withheld', () => {
    const rows = new Map([
      [1, facts({ coverage: { tagged: 10, linked: 10, links: 12 } })],
      [2, facts({ coverage: { tagged: 30, linked: 20, links: 20 } })],
    ]);
    const { total, rows: out } = computeCareByCommunity(rows, months, 3, false);
    expect(total.care.specialHouseholds).toEqual({ value: 40, suppressed: false });
    expect(total.care.coverage).toEqual({ value: 0.75, suppressed: false });
    expect(out.get(2)!.care.linkedHouseholds).toEqual({ value: 20, suppressed: false });
  });

  it('withholds a second community when one is small and the whole is shown', () => {
    const rows = new Map([
      [1, facts({ coverage: { tagged: 2, linked: 2, links: 2 } })],
      [2, facts({ coverage: { tagged: 30, linked: 30, links: 30 } })],
      [3, facts({ coverage: { tagged: 50, linked: 50, links: 50 } })],
    ]);
    const { total, rows: out } = computeCareByCommunity(rows, months, 3, true);
    expect(total.care.specialHouseholds).toEqual({ value: 82, suppressed: false });
    expect(out.get(1)!.care.specialHouseholds.suppressed).toBe(true);
    // Otherwise 82 − 30 − 50 gives the 2 away: the smaller other community goes too.
    expect(out.get(2)!.care.specialHouseholds.suppressed).toBe(true);
    expect(out.get(3)!.care.specialHouseholds).toEqual({ value: 50, suppressed: false });
    expect(out.get(1)!.care.coverage.suppressed).toBe(true);
  });

  it('withholds a team in its community and in the whole alike', () => {
    const team = (teamId: number, minutes: number, volunteers: number) => ({
      month: months[0],
      teamId,
      teamName: `t${teamId}`,
      minutes,
      volunteers,
    });
    const rows = new Map([
      [
        1,
        facts({
          teams: [team(1, 60, 1), team(2, 600, 5), team(3, 900, 8)],
          volunteers: [{ month: months[0], minutes: 1560, volunteers: 14 }],
        }),
      ],
      [2, facts({ teams: [team(4, 700, 6)], volunteers: [{ month: months[0], minutes: 700, volunteers: 6 }] })],
    ]);
    const { total, rows: out } = computeCareByCommunity(rows, months, 3, true);
    const names = (teams: Array<{ name: string; minutes: { suppressed: boolean } }>) =>
      teams.filter((t) => t.minutes.suppressed).map((t) => t.name);
    expect(names(out.get(1)!.volunteers.months[0].teams)).toEqual(['t1', 't2']);
    expect(names(total.volunteers.months[0].teams)).toEqual(['t1', 't2']);
    expect(total.volunteers.months[0].minutes).toEqual({ value: 2260, suppressed: false });
    expect(out.get(2)!.volunteers.months[0].minutes).toEqual({ value: 700, suppressed: false });
  });
});
