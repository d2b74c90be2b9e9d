import { fixedClock } from '../../src/core/clock';
import { sql } from '../support/databases';
import { codes, gid, ok, startTestApp, type TestApp } from '../support/test-app';

/*
 * The refusals the other issue tests leave out, so that every role of the ladder is seen both ways:
 * a building's handlers (group leader, grid worker, branch secretary) still read an issue that
 * climbed past them but no longer act on it; the community admin acts at the community, not at the
 * street; the district officer reads and acts only once an issue reaches the street (masked, like
 * the street's officer), and another district's not at all.
 */

const START = '2026-11-02T08:00:00.000Z';
const DAY = 86_400_000;
const at = (days: number) => new Date(Date.parse(START) + days * DAY).toISOString();

const FIELDS = 'id status level reporterName';
const REPORT = `mutation($input: ReportIssueInput!) { reportIssue(input: $input) { issue { ${FIELDS} } userErrors { code } } }`;
const ACCEPT = `mutation($input: AcceptIssueInput!) { acceptIssue(input: $input) { issue { ${FIELDS} } userErrors { code } } }`;
const ISSUE = `query($id: ID!) { node(id: $id) { ... on ResidentIssue { ${FIELDS} } } }`;
const LIST = `query { residentIssues(first: 50) { nodes { ${FIELDS} } } }`;

type Issue = { id: string; status: string; level: string; reporterName: string | null };

describe('each role of the ladder, both ways, as an issue climbs', () => {
  const clock = fixedClock(START);
  let app: TestApp;
  let issueId: string;

  beforeAll(async () => {
    app = await startTestApp({ clock });
    const [row] = await sql<{ id: number }>(
      app.database,
      "select household_id as id from person where id = (select person_id from user_account where login = 'resident.xinyuan')",
    );
    const reported = ok(
      await app.request<{ reportIssue: { issue: Issue | null; userErrors: unknown[] } }, Record<string, unknown>>(
        REPORT,
        {
          input: { householdId: gid('Household', row.id), subject: 'BUILDING', category: 'repairs', text: '楼道漏水', nameVisible: true },
        },
        { as: 'resident.xinyuan' },
      ),
    ).reportIssue;
    expect(reported.userErrors).toEqual([]);
    issueId = reported.issue!.id;
  });
  afterAll(() => app.close());

  const read = (as: string) => app.request<{ node: Issue | null }, { id: string }>(ISSUE, { id: issueId }, { as });
  const accept = (as: string) =>
    app.request<{ acceptIssue: { issue: Issue | null; userErrors: unknown[] } }, Record<string, unknown>>(
      ACCEPT,
      { input: { issueId } },
      { as },
    );
  const climbTo = async (days: number) => {
    clock.set(at(days));
    await app.jobs.runDue();
  };

  it('refuses the district officer while the issue is below the street', async () => {
    expect(codes(await read('district.xiaodian'))).toEqual(['FORBIDDEN']);
    const listed = ok(
      await app.request<{ residentIssues: { nodes: Issue[] } }, Record<string, never>>(LIST, {}, { as: 'district.xiaodian' }),
    );
    expect(listed.residentIssues.nodes).toEqual([]);
    expect(codes(await accept('district.xiaodian'))).toEqual(['FORBIDDEN']);
  });

  it('lets the building’s handlers read an issue that climbed to the community, but no longer act on it; the admin acts', async () => {
    await climbTo(2); // building group → branch
    await climbTo(5); // branch → community
    expect(ok(await read('resident.xinyuan')).node).toMatchObject({ level: 'COMMUNITY', status: 'ESCALATED' });
    for (const handler of ['leader.xinyuan', 'grid.xinyuan', 'secretary.xinyuan']) {
      expect(ok(await read(handler)).node).toMatchObject({ id: issueId, level: 'COMMUNITY' });
      expect(codes(await accept(handler))).toEqual(['FORBIDDEN']);
    }
    expect(codes(await accept('district.xiaodian'))).toEqual(['FORBIDDEN']);
    const taken = ok(await accept('admin.yongkangbeilu')).acceptIssue;
    expect(taken.userErrors).toEqual([]);
    expect(taken.issue).toMatchObject({ status: 'ACCEPTED', level: 'COMMUNITY', reporterName: '馨园居民' });
  });

  it('leaves the community admin reading, not acting, once the street has it; the street and its district read it masked', async () => {
    await climbTo(10); // community → street
    expect(ok(await read('admin.yongkangbeilu')).node).toMatchObject({ level: 'STREET', reporterName: '馨园居民' });
    expect(codes(await accept('admin.yongkangbeilu'))).toEqual(['FORBIDDEN']);
    expect(ok(await read('street.xiaodian')).node).toMatchObject({ level: 'STREET', reporterName: null });
    const taken = ok(await accept('street.xiaodian')).acceptIssue;
    expect(taken.userErrors).toEqual([]);
    expect(taken.issue).toMatchObject({ status: 'ACCEPTED', level: 'STREET', reporterName: null });
    // Above the street, the district's officer is a street-level handler over its streets: masked, and may act.
    expect(ok(await read('district.xiaodian')).node).toMatchObject({ level: 'STREET', reporterName: null });
    expect(ok(await accept('district.xiaodian')).acceptIssue.userErrors).toEqual([{ code: 'WRONG_STATUS' }]);
    // Another district's officer: as if it did not exist.
    expect(ok(await read('district.gaoxin')).node).toBeNull();
    expect(codes(await accept('district.gaoxin'))).toEqual(['NOT_FOUND']);
  });
});
