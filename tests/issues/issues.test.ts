import { fixedClock } from '../../src/core/clock';
import { sql } from '../support/databases';
import { codes, gid, ok, startTestApp, type TestApp } from '../support/test-app';

/*
 * Residents' issues: reporting, handlers at their rung of the ladder, the SLA timer as a job
 * (the test moves the request clock and runs the due jobs; it never sleeps), exactly one
 * escalation per deadline with two API instances, closing with a rating, reopening.
 */

const START = '2026-11-02T08:00:00.000Z';
const DAY = 86_400_000;
const DEFAULTS = ['repairs', 'sanitation', 'parking', 'safety', 'neighbour_dispute', 'property_service', 'elderly_help', 'other'];
const at = (days: number) => new Date(Date.parse(START) + days * DAY).toISOString().replace('.000Z', 'Z');

const ISSUE_FIELDS = `id status level dueAt reporterName rating
  steps { fromStatus toStatus level actor role note }
  escalations { fromLevel toLevel missedDeadline actor }`;
const REPORT = `mutation($input: ReportIssueInput!) { reportIssue(input: $input) { issue { ${ISSUE_FIELDS} } userErrors { field code message } } }`;
const step = (name: string, input = `${name[0].toUpperCase()}${name.slice(1)}Input`) =>
  `mutation($input: ${input}!) { ${name}(input: $input) { issue { ${ISSUE_FIELDS} } userErrors { field code message } } }`;
const ISSUE = `query($id: ID!) { node(id: $id) { ... on ResidentIssue { ${ISSUE_FIELDS} } } }`;
const LIST = `query { residentIssues(first: 50) { totalCount nodes { ${ISSUE_FIELDS} } } }`;
const MINE = `query { myIssues { nodes { id status } } }`;

type Issue = {
  id: string;
  status: string;
  level: string;
  dueAt: string | null;
  reporterName: string | null;
  rating: number | null;
  steps: Array<{ fromStatus: string | null; toStatus: string; level: string; actor: string; role: string; note: string | null }>;
  escalations: Array<{ fromLevel: string; toLevel: string; missedDeadline: string | null; actor: string }>;
};
type Payload = { issue: Issue | null; userErrors: Array<{ field: string[]; code: string; message: string }> };

describe('residents’ issues and the escalation ladder', () => {
  const clock = fixedClock(START);
  let app: TestApp;
  let home: string;

  beforeAll(async () => {
    app = await startTestApp({ clock });
    const [row] = await sql<{ id: number }>(
      app.database,
      "select household_id as id from person where id = (select person_id from user_account where login = 'resident.xinyuan')",
    );
    home = gid('Household', row.id);
  });
  afterAll(() => app.close());

  async function report(as = 'resident.xinyuan', extra: Record<string, unknown> = {}): Promise<Issue> {
    const res = ok(
      await app.request<{ reportIssue: Payload }, Record<string, unknown>>(
        REPORT,
        {
          input: {
            householdId: home,
            subject: 'BUILDING',
            category: 'repairs',
            text: '楼道下水管堵塞，污水外溢',
            nameVisible: true,
            ...extra,
          },
        },
        { as },
      ),
    ).reportIssue;
    expect(res.userErrors).toEqual([]);
    return res.issue!;
  }

  async function act(
    name: string,
    id: string,
    as: string,
    extra: Record<string, unknown> = {},
    input = `${name[0].toUpperCase()}${name.slice(1)}Input`,
  ) {
    return app.request<Record<string, Payload>, Record<string, unknown>>(step(name, input), { input: { issueId: id, ...extra } }, { as });
  }

  it('records a report at the building group with its SLA deadline, and shows it to the reporter with every step', async () => {
    clock.set(START);
    const issue = await report();
    expect(issue).toMatchObject({ status: 'REPORTED', level: 'BUILDING_GROUP', dueAt: at(2), reporterName: '馨园居民' });
    expect(issue.steps).toEqual([
      { fromStatus: null, toStatus: 'REPORTED', level: 'BUILDING_GROUP', actor: 'resident.xinyuan', role: 'RESIDENT', note: null },
    ]);
    const mine = ok(
      await app.request<{ myIssues: { nodes: Array<{ id: string }> } }, Record<string, never>>(MINE, {}, { as: 'resident.xinyuan' }),
    );
    expect(mine.myIssues.nodes.map((n) => n.id)).toContain(issue.id);
    // A category the community does not have is refused, and nothing is written.
    const refused = await app.request<{ reportIssue: Payload }, Record<string, unknown>>(
      REPORT,
      { input: { householdId: home, subject: 'BUILDING', category: 'ufo', text: 'x', nameVisible: false } },
      { as: 'resident.xinyuan' },
    );
    expect(ok(refused).reportIssue.userErrors.map((e) => e.code)).toEqual(['UNKNOWN_CATEGORY']);
  });

  it('lets only the right people report and act, each role both ways', async () => {
    clock.set(START);
    // Another community's resident cannot report for this household; it is NOT_FOUND to them.
    expect(
      codes(
        await app.request(
          REPORT,
          { input: { householdId: home, subject: 'HOUSEHOLD', category: 'repairs', text: 'x', nameVisible: true } },
          { as: 'resident.zhenxing' },
        ),
      ),
    ).toEqual(['NOT_FOUND']);
    const issue = await report();
    // Not handlers here: the reporter, a committee member, the street (the issue has not reached it), another community.
    expect(codes(await act('acceptIssue', issue.id, 'resident.xinyuan'))).toEqual(['FORBIDDEN']);
    expect(codes(await act('acceptIssue', issue.id, 'committee.xinyuan'))).toEqual(['FORBIDDEN']);
    expect(codes(await act('acceptIssue', issue.id, 'street.xiaodian'))).toEqual(['FORBIDDEN']);
    expect(codes(await act('acceptIssue', issue.id, 'admin.zhenxing'))).toEqual(['NOT_FOUND']);
    expect(codes(await app.request(ISSUE, { id: issue.id }, { as: 'street.xiaodian' }))).toEqual(['FORBIDDEN']);
    // Another community's issue is like one that does not exist: node(id:) answers null.
    expect(
      ok(await app.request<{ node: Issue | null }, { id: string }>(ISSUE, { id: issue.id }, { as: 'resident.zhenxing' })).node,
    ).toBeNull();
    // The building group takes it in: the group leader (the household is in its group) or the grid worker.
    const accepted = ok(await act('acceptIssue', issue.id, 'leader.xinyuan', { note: '已联系住户' })).acceptIssue.issue!;
    expect(accepted).toMatchObject({ status: 'ACCEPTED', level: 'BUILDING_GROUP', dueAt: at(2) });
    expect(accepted.steps.at(-1)).toMatchObject({
      toStatus: 'ACCEPTED',
      actor: 'leader.xinyuan',
      role: 'GROUP_LEADER',
      note: '已联系住户',
    });
    ok(await act('startIssue', issue.id, 'grid.xinyuan'));
    // Only the reporter closes; an unresolved issue cannot be closed.
    expect(codes(await act('closeIssue', issue.id, 'leader.xinyuan', { rating: 5 }, 'CloseIssueInput'))).toEqual(['FORBIDDEN']);
    expect(
      ok(await act('closeIssue', issue.id, 'resident.xinyuan', { rating: 5 }, 'CloseIssueInput')).closeIssue.userErrors.map((e) => e.code),
    ).toEqual(['WRONG_STATUS']);
    const resolved = ok(await act('resolveIssue', issue.id, 'grid.xinyuan', { note: '疏通完毕' })).resolveIssue.issue!;
    expect(resolved).toMatchObject({ status: 'RESOLVED', dueAt: null });
    const closed = ok(await act('closeIssue', issue.id, 'resident.xinyuan', { rating: 4, comment: '及时' }, 'CloseIssueInput')).closeIssue
      .issue!;
    expect(closed).toMatchObject({ status: 'CLOSED', rating: 4 });
    // Reopening within the window (7 days by default), not after it.
    clock.set(at(3));
    const reopened = ok(await act('reopenIssue', issue.id, 'resident.xinyuan', { note: '又堵了' }, 'ReopenIssueInput')).reopenIssue.issue!;
    expect(reopened).toMatchObject({ status: 'REOPENED', rating: null, dueAt: at(5) });
    // A reopened issue waits to be taken in again before it can be resolved again.
    expect(ok(await act('resolveIssue', issue.id, 'leader.xinyuan')).resolveIssue.userErrors.map((e) => e.code)).toEqual(['WRONG_STATUS']);
    ok(await act('acceptIssue', issue.id, 'leader.xinyuan'));
    expect(ok(await act('resolveIssue', issue.id, 'leader.xinyuan', { note: '更换管道' })).resolveIssue.issue!.status).toBe('RESOLVED');
    clock.set(at(20));
    expect(
      ok(await act('reopenIssue', issue.id, 'resident.xinyuan', { note: '又堵了' }, 'ReopenIssueInput')).reopenIssue.userErrors.map(
        (e) => e.code,
      ),
    ).toEqual(['REOPEN_WINDOW_PASSED']);
    // A rejection needs a reason; a rejected issue's timer stops.
    clock.set(START);
    const other = await report();
    const rejected = ok(await act('rejectIssue', other.id, 'secretary.xinyuan', { reason: '不属于社区职责范围' }, 'RejectIssueInput'))
      .rejectIssue.issue!;
    expect(rejected).toMatchObject({ status: 'REJECTED', dueAt: null });
  });

  it('escalates on the clock, level by level with the timer restarting; the street sees only what reached it, without the name', async () => {
    clock.set(START);
    const issue = await report();
    // Nothing is due before the deadline.
    clock.set(at(1.9));
    await app.jobs.runDue();
    expect(ok(await app.request<{ node: Issue }, { id: string }>(ISSUE, { id: issue.id }, { as: 'resident.xinyuan' })).node.level).toBe(
      'BUILDING_GROUP',
    );
    clock.set(at(2));
    await app.jobs.runDue();
    let now = ok(await app.request<{ node: Issue }, { id: string }>(ISSUE, { id: issue.id }, { as: 'resident.xinyuan' })).node;
    expect(now).toMatchObject({ status: 'ESCALATED', level: 'BRANCH', dueAt: at(5) });
    expect(now.escalations).toEqual([{ fromLevel: 'BUILDING_GROUP', toLevel: 'BRANCH', missedDeadline: at(2), actor: 'system' }]);
    expect(now.steps.at(-1)).toMatchObject({ toStatus: 'ESCALATED', level: 'BRANCH', actor: 'system', role: 'SYSTEM' });
    // The group leader no longer acts on it (the branch's now); the secretary does.
    expect(codes(await act('acceptIssue', issue.id, 'leader.xinyuan'))).toEqual(['FORBIDDEN']);
    // Accepting does not stop the level's clock: not solved in 3 days, it climbs on.
    ok(await act('acceptIssue', issue.id, 'secretary.xinyuan'));
    clock.set(at(5));
    await app.jobs.runDue();
    clock.set(at(10));
    await app.jobs.runDue();
    now = ok(await app.request<{ node: Issue }, { id: string }>(ISSUE, { id: issue.id }, { as: 'resident.xinyuan' })).node;
    expect(now).toMatchObject({ status: 'ESCALATED', level: 'STREET', dueAt: null });
    expect(now.escalations.map((e) => [e.toLevel, e.missedDeadline])).toEqual([
      ['BRANCH', at(2)],
      ['COMMUNITY', at(5)],
      ['STREET', at(10)],
    ]);
    // The street officer sees it, and only issues that reached the street, with the reporter's name masked.
    const street = ok(
      await app.request<{ residentIssues: { nodes: Issue[] } }, Record<string, never>>(LIST, {}, { as: 'street.xiaodian' }),
    );
    const atStreet = await sql<{ n: number }>(app.database, "select count(*)::int as n from resident_issue where level = 'STREET'");
    expect(street.residentIssues.nodes.map((n) => n.id)).toContain(issue.id);
    expect(street.residentIssues.nodes).toHaveLength(atStreet[0].n);
    expect(new Set(street.residentIssues.nodes.map((n) => `${n.level}:${n.reporterName}`))).toEqual(new Set(['STREET:null']));
    // The community's own handlers see every level, with the name the reporter let them see.
    const admin = ok(
      await app.request<{ residentIssues: { nodes: Issue[] } }, Record<string, never>>(LIST, {}, { as: 'admin.yongkangbeilu' }),
    );
    expect(admin.residentIssues.nodes.find((n) => n.id === issue.id)!.reporterName).toBe('馨园居民');
    // The community hands it back down with a note; the timer runs again at the community.
    const down = ok(await act('handDownIssue', issue.id, 'street.xiaodian', { note: '请社区协调物业' })).handDownIssue.issue!;
    expect(down).toMatchObject({ status: 'REPORTED', level: 'COMMUNITY', dueAt: at(15) });
    expect(codes(await act('acceptIssue', issue.id, 'street.xiaodian'))).toEqual(['FORBIDDEN']);
    ok(await act('escalateIssue', issue.id, 'admin.yongkangbeilu', { note: '需要街道协调' }));
    expect(ok(await act('escalateIssue', issue.id, 'street.xiaodian', { note: 'x' })).escalateIssue.userErrors.map((e) => e.code)).toEqual([
      'LADDER_END',
    ]);
  });

  it('escalates exactly once per deadline, with two API instances and the job scheduled twice', async () => {
    clock.set(START);
    const issue = await report();
    const second = await startTestApp({ database: app.database, clock });
    try {
      const pk = Number(Buffer.from(issue.id, 'base64url').toString().split(':')[1]);
      // A second job for the same deadline without a key (as if two instances scheduled it).
      const [community] = await sql<{ id: number }>(app.database, 'select community_id as id from resident_issue where id = $1', [pk]);
      await sql(app.database, `select graphile_worker.add_job('issues.escalationCheck', $1::json, run_at => $2::timestamptz)`, [
        JSON.stringify({ communityId: community.id, issueId: pk, dueAt: at(2) }),
        at(2),
      ]);
      clock.set(at(2.5));
      await Promise.all([app.jobs.runDue(), second.jobs.runDue(), app.jobs.runDue(), second.jobs.runDue()]);
      const escalations = await sql<{ n: number }>(app.database, 'select count(*)::int as n from escalation where issue_id = $1', [pk]);
      expect(escalations[0].n).toBe(1);
      const now = ok(await app.request<{ node: Issue }, { id: string }>(ISSUE, { id: issue.id }, { as: 'resident.xinyuan' })).node;
      // The branch's timer starts at the deadline that passed, not when a worker got round to it.
      expect(now).toMatchObject({ level: 'BRANCH', dueAt: at(5) });
      // graphile-worker's own runner on both instances picks up the rest without a second escalation.
      await Promise.all([app.jobs.start(), second.jobs.start()]);
      await app.jobs.stop();
      await second.jobs.stop();
      expect((await sql<{ n: number }>(app.database, 'select count(*)::int as n from escalation where issue_id = $1', [pk]))[0].n).toBe(1);
    } finally {
      await second.close();
    }
  });

  it("takes the community's categories, SLAs and reopening window, set by its admin only", async () => {
    const SET = `mutation($input: SetIssueSettingsInput!) { setIssueSettings(input: $input) {
      settings { categories sla { level category days } reopenDays } userErrors { field code message } } }`;
    const community = gid(
      'Community',
      (await sql<{ id: number }>(app.database, "select id from community where name = '永康北路社区'"))[0].id,
    );
    const input = {
      communityId: community,
      categories: ['repairs', 'street_lamps'],
      sla: [
        { level: 'BUILDING_GROUP', days: 1 },
        { level: 'BRANCH', category: 'repairs', days: 2 },
      ],
      reopenDays: 3,
    };
    for (const as of ['secretary.xinyuan', 'street.xiaodian', 'resident.xinyuan']) {
      expect(codes(await app.request(SET, { input }, { as }))).toEqual(['FORBIDDEN']);
    }
    expect(codes(await app.request(SET, { input }, { as: 'admin.zhenxing' }))).toEqual(['NOT_FOUND']);
    const res = ok(
      await app.request<{ setIssueSettings: { settings: { categories: string[]; reopenDays: number } } }, Record<string, unknown>>(
        SET,
        { input },
        { as: 'admin.yongkangbeilu' },
      ),
    );
    expect(res.setIssueSettings.settings).toMatchObject({ categories: ['repairs', 'street_lamps'], reopenDays: 3 });
    clock.set(START);
    const issue = await report('resident.xinyuan', { category: 'street_lamps', subject: 'SPOT', spot: '3号楼前路灯' });
    expect(issue.dueAt).toBe(at(1));
    const refused = await app.request<{ reportIssue: Payload }, Record<string, unknown>>(
      REPORT,
      { input: { householdId: home, subject: 'BUILDING', category: 'parking', text: 'x', nameVisible: true } },
      { as: 'resident.xinyuan' },
    );
    expect(ok(refused).reportIssue.userErrors.map((e) => e.code)).toEqual(['UNKNOWN_CATEGORY']);
    // Back to the defaults' categories for the tests after this one.
    ok(await app.request(SET, { input: { communityId: community, categories: [...DEFAULTS] } }, { as: 'admin.yongkangbeilu' }));
  });

  it('reads a list of issues with their steps and escalations in a constant number of statements', async () => {
    const count = async () => {
      const res = await app.request<{ residentIssues: { nodes: Issue[] } }, Record<string, never>>(LIST, {}, { as: 'admin.yongkangbeilu' });
      ok(res);
      return { n: res.data!.residentIssues.nodes.length, statements: res.extensions!.sqlStatements! };
    };
    const before = await count();
    clock.set(START);
    await report();
    await report();
    const after = await count();
    expect(after.n).toBe(before.n + 2);
    expect(after.statements).toBe(before.statements);
  });
});
