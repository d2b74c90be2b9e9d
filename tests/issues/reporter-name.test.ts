import { fixedClock } from '../../src/core/clock';
import { sql } from '../support/databases';
import { gid, ok, startTestApp, type TestApp } from '../support/test-app';

/*
 * The reporter's name is personal data with a condition of its own, declared in the issues
 * module's manifest (not in a resolver): a reporter who did not let handlers see it (nameVisible
 * false) is nameless even to a duty of care; the reporter always sees their own.
 */

const FIELDS = 'id nameVisible reporterName';
const REPORT = `mutation($input: ReportIssueInput!) { reportIssue(input: $input) { issue { ${FIELDS} } userErrors { code } } }`;
const ISSUE = `query($id: ID!) { node(id: $id) { ... on ResidentIssue { ${FIELDS} } } }`;

type Issue = { id: string; nameVisible: boolean; reporterName: string | null };

describe('the reporter’s name, as the reporter chose', () => {
  let app: TestApp;
  let home: string;

  beforeAll(async () => {
    app = await startTestApp({ clock: fixedClock('2026-11-02T08:00:00.000Z') });
    const [row] = await sql<{ id: number }>(
      app.database,
      "select household_id as id from person where id = (select person_id from user_account where login = 'resident.xinyuan')",
    );
    home = gid('Household', row.id);
  });
  afterAll(() => app.close());

  async function report(nameVisible: boolean): Promise<string> {
    const res = ok(
      await app.request<{ reportIssue: { issue: Issue | null; userErrors: unknown[] } }, Record<string, unknown>>(
        REPORT,
        { input: { householdId: home, subject: 'BUILDING', category: 'repairs', text: '楼道灯坏了', nameVisible } },
        { as: 'resident.xinyuan' },
      ),
    ).reportIssue;
    expect(res.userErrors).toEqual([]);
    return res.issue!.id;
  }
  const read = async (id: string, as: string) => ok(await app.request<{ node: Issue | null }, { id: string }>(ISSUE, { id }, { as })).node;

  it('shows a visible name to the community admin (a duty of care) and the reporter', async () => {
    const id = await report(true);
    expect(await read(id, 'admin.yongkangbeilu')).toEqual({ id, nameVisible: true, reporterName: '馨园居民' });
    expect(await read(id, 'resident.xinyuan')).toEqual({ id, nameVisible: true, reporterName: '馨园居民' });
  });

  it('hides a withheld name from the community admin, but not from the reporter', async () => {
    const id = await report(false);
    expect(await read(id, 'admin.yongkangbeilu')).toEqual({ id, nameVisible: false, reporterName: null });
    expect(await read(id, 'resident.xinyuan')).toEqual({ id, nameVisible: false, reporterName: '馨园居民' });
  });
});
