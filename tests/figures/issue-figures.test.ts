import { fixedClock } from '../../src/core/clock';
import { sql } from '../support/databases';
import { issueStepper } from '../support/issue-steps';
import { gid, ok, startTestApp, type TestApp } from '../support/test-app';

/*
 * Residents' issues in the figures: a month of issues written through the API with the request
 * clock moved (and the SLA timer run), then counted exactly per community, per compound, month by
 * month, and withheld where a district officer would see fewer than k ratings.
 */

const T0 = Date.parse('2027-02-01T00:00:00.000Z');
const HOUR = 3_600_000;
const at = (hours: number) => new Date(T0 + hours * HOUR).toISOString();
const C = '{ value suppressed }';
const ISSUE_FIGURES = `reported acceptedWithinSla resolved resolvedWithinSla solvedInCompound medianHoursToResolution ratings ${C} averageRating ${C}`;
const FIGURES = `query($id: ID!, $period: FiguresPeriod!) { node(id: $id) {
  ... on Community { figures(period: $period) { issues { ${ISSUE_FIGURES} } breakdown { name issues { ${ISSUE_FIGURES} } }
    issueSeries(from: "2027-01", to: "2027-03") { month reported resolved ratings ${C} } } }
  ... on District { figures(period: $period) { suppressionApplied issues { ${ISSUE_FIGURES} } breakdown { name issues { reported ratings ${C} averageRating ${C} } } } } } }`;
const REPORT = `mutation($input: ReportIssueInput!) { reportIssue(input: $input) { issue { id } userErrors { code } } }`;
const CREATE_POINT = `mutation($input: CreateIssueQrPointInput!) { createIssueQrPoint(input: $input) { token } }`;

type Cell = { value: number | null; suppressed: boolean };
type IssueFigures = {
  reported: number;
  acceptedWithinSla: number;
  resolved: number;
  resolvedWithinSla: number;
  solvedInCompound: number;
  medianHoursToResolution: number | null;
  ratings: Cell;
  averageRating: Cell;
};

describe('issue figures', () => {
  const clock = fixedClock(at(0));
  let app: TestApp;
  let home: string;
  let community: string;
  let district: string;

  beforeAll(async () => {
    app = await startTestApp({ clock, env: { QR_REPORTS_PER_SOURCE: '1000' } });
    const [row] = await sql<{ household: number; compound: number; community: number; district: number }>(
      app.database,
      `select h.id as household, h.compound_id as compound, h.community_id as community, c.district_id as district
         from household h join community c on c.id = h.community_id
        where h.id = (select household_id from person where id = (select person_id from user_account where login = 'resident.xinyuan'))`,
    );
    home = gid('Household', row.household);
    community = gid('Community', row.community);
    district = gid('District', row.district);

    const step = issueStepper(app);
    const report = async () =>
      ok(
        await app.request<{ reportIssue: { issue: { id: string } } }, Record<string, unknown>>(
          REPORT,
          { input: { householdId: home, subject: 'BUILDING', category: 'repairs', text: '楼道灯坏了', nameVisible: true } },
          { as: 'resident.xinyuan' },
        ),
      ).reportIssue.issue.id;

    // 1 February: three residents' reports and one by QR code.
    clock.set(at(0));
    const a = await report();
    const c = await report();
    await report(); // D: left waiting
    const token = ok(
      await app.request<{ createIssueQrPoint: { token: string } }, Record<string, unknown>>(
        CREATE_POINT,
        { input: { compoundId: gid('Compound', row.compound) } },
        { as: 'secretary.xinyuan' },
      ),
    ).createIssueQrPoint.token;
    const base = app.url.replace('/graphql', '');
    const page = await fetch(`${base}/r/${token}`);
    const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())![1];
    const posted = await fetch(`${base}/r/${token}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: page.headers.get('set-cookie')!.split(';')[0] },
      body: new URLSearchParams({ category: 'repairs', text: '路灯不亮', location: '', phone: '13800000000', name: '', csrf }).toString(),
    });
    expect(posted.status).toBe(303);
    const [qr] = await sql<{ id: number }>(
      app.database,
      "select id from resident_issue where qr_point_id is not null and text = '路灯不亮'",
    );
    const b = gid('ResidentIssue', qr.id);

    // A: taken in within the hour, solved in a day, rated 5.
    clock.set(at(1));
    await step('acceptIssue', a, 'grid.xinyuan');
    // C: sent up by hand to the community, which takes it in and solves it in 30 hours, rated 3.
    await step('escalateIssue', c, 'grid.xinyuan', { note: '需要社区协调' });
    await step('escalateIssue', c, 'secretary.xinyuan', { note: '涉及多个小区' });
    clock.set(at(24));
    await step('resolveIssue', a, 'grid.xinyuan', { note: '已修好' });
    clock.set(at(25));
    await step('acceptIssue', c, 'admin.yongkangbeilu');
    clock.set(at(30));
    await step('resolveIssue', c, 'admin.yongkangbeilu', { note: '已协调解决' });
    // B and D: nobody takes them in; the building group's two days pass and the timer sends them up.
    clock.set(at(48));
    await app.jobs.runDue();
    // B: the branch takes it in and solves it on the third day (72 hours), without leaving the compound.
    clock.set(at(49));
    await step('acceptIssue', b, 'secretary.xinyuan');
    clock.set(at(72));
    await step('resolveIssue', b, 'secretary.xinyuan', { note: '已更换灯泡' });
    await step('closeIssue', a, 'resident.xinyuan', { rating: 5 });
    await step('closeIssue', c, 'resident.xinyuan', { rating: 3 });

    // 10 March: E, solved in ten hours and rated 4.
    clock.set('2027-03-10T00:00:00.000Z');
    const e = await report();
    await step('acceptIssue', e, 'grid.xinyuan');
    clock.set('2027-03-10T10:00:00.000Z');
    await step('resolveIssue', e, 'grid.xinyuan', { note: '已处理' });
    await step('closeIssue', e, 'resident.xinyuan', { rating: 4 });
  });
  afterAll(() => app.close());

  async function figures(id: string, period: string, as: string) {
    return ok(await app.request<{ node: { figures: Record<string, unknown> } }, Record<string, unknown>>(FIGURES, { id, period }, { as }))
      .node.figures;
  }

  it('counts a community’s month exactly, in total, per compound and month by month', async () => {
    const f = await figures(community, '2027-02', 'admin.yongkangbeilu');
    const february: IssueFigures = {
      reported: 4,
      acceptedWithinSla: 2, // A and C; B was taken in after its deadline passed; D never
      resolved: 3,
      resolvedWithinSla: 2, // A and C; B's deadline passed
      solvedInCompound: 2, // A and B; C went up to the community
      medianHoursToResolution: 30, // of 24, 30 and 72
      ratings: { value: 2, suppressed: false },
      averageRating: { value: 4, suppressed: false },
    };
    expect(f.issues).toEqual(february);
    const rows = f.breakdown as Array<{ name: string; issues: IssueFigures }>;
    expect(rows.find((r) => r.name === '馨园')!.issues).toEqual(february);
    expect(rows.filter((r) => r.name !== '馨园').every((r) => r.issues.reported === 0)).toBe(true);
    expect(f.issueSeries).toEqual([
      { month: '2027-01-01', reported: 0, resolved: 0, ratings: { value: 0, suppressed: false } },
      { month: '2027-02-01', reported: 4, resolved: 3, ratings: { value: 2, suppressed: false } },
      { month: '2027-03-01', reported: 1, resolved: 1, ratings: { value: 1, suppressed: false } },
    ]);
    const quarter = (await figures(community, '2027-Q1', 'admin.yongkangbeilu')).issues as IssueFigures;
    expect(quarter).toMatchObject({
      reported: 5,
      resolved: 4,
      solvedInCompound: 3,
      medianHoursToResolution: 27,
      averageRating: { value: 4 },
    });
  });

  it('withholds fewer than k ratings from a district officer, and shows them from k on', async () => {
    const month = await figures(district, '2027-02', 'district.xiaodian');
    expect(month.suppressionApplied).toBe(true);
    expect(month.issues).toMatchObject({
      reported: 4,
      resolved: 3,
      ratings: { value: null, suppressed: true },
      averageRating: { value: null, suppressed: true },
    });
    const quarter = await figures(district, '2027-Q1', 'district.xiaodian');
    expect(quarter.issues).toMatchObject({
      reported: 5,
      ratings: { value: 3, suppressed: false },
      averageRating: { value: 4, suppressed: false },
    });
    const rows = quarter.breakdown as Array<{ name: string; issues: { reported: number; ratings: Cell } }>;
    expect(rows.find((r) => r.issues.reported > 0)!.issues.ratings).toEqual({ value: 3, suppressed: false });
  });

  it('shows no issue figures to a resident, nor another district’s officer', async () => {
    const denied = await app.request(FIGURES, { id: community, period: '2027-02' }, { as: 'resident.xinyuan' });
    expect(denied.errors?.length).toBeGreaterThan(0);
    const other = await app.request<{ node: unknown }, Record<string, unknown>>(
      FIGURES,
      { id: district, period: '2027-02' },
      { as: 'district.gaoxin' },
    );
    expect(other.data?.node ?? null).toBeNull();
  });
});
