import { fixedClock } from '../../src/core/clock';
import { sql } from '../support/databases';
import { gid, ok, startTestApp, type TestApp } from '../support/test-app';

/*
 * ResidentIssue.permissions: what the caller may do now, and that the mutations agree — a true
 * flag's mutation succeeds, a false one's is refused — for the reporter and the handlers, as the
 * issue moves and as the reopening window passes on the request clock.
 */

const START = '2026-11-02T08:00:00.000Z';
const DAY = 86_400_000;
const PERMS = 'permissions { canAccept canStart canResolve canReject canEscalate canHandDown canAssign canClose canReopen }';
const ISSUE = `query($id: ID!) { node(id: $id) { ... on ResidentIssue { status ${PERMS} } } }`;
const REPORT = `mutation($input: ReportIssueInput!) { reportIssue(input: $input) { issue { id ${PERMS} } userErrors { code } } }`;
const STEP = (name: string, input = `${name[0].toUpperCase()}${name.slice(1)}Input`) =>
  `mutation($input: ${input}!) { ${name}(input: $input) { issue { status } userErrors { code } } }`;

type Perms = Record<string, boolean>;
const NONE: Perms = {
  canAccept: false,
  canStart: false,
  canResolve: false,
  canReject: false,
  canEscalate: false,
  canHandDown: false,
  canAssign: false,
  canClose: false,
  canReopen: false,
};

describe('what the caller may do with an issue', () => {
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

  const perms = async (id: string, as: string) =>
    ok(await app.request<{ node: { permissions: Perms } }, { id: string }>(ISSUE, { id }, { as })).node.permissions;
  const step = async (name: string, id: string, as: string, extra: Record<string, unknown> = {}, input?: string) => {
    const res = await app.request<Record<string, { issue: unknown; userErrors: Array<{ code: string }> } | null>, Record<string, unknown>>(
      STEP(name, input),
      { input: { issueId: id, ...extra } },
      { as },
    );
    return res.errors?.length ? res.errors[0].extensions.code : res.data![name]!.userErrors.map((e) => e.code).join(',') || 'OK';
  };

  it('answers for the reporter and the handlers, and the mutations agree', async () => {
    clock.set(START);
    const reported = ok(
      await app.request<{ reportIssue: { issue: { id: string; permissions: Perms } } }, Record<string, unknown>>(
        REPORT,
        { input: { householdId: home, subject: 'BUILDING', category: 'repairs', text: '楼道灯坏了', nameVisible: true } },
        { as: 'resident.xinyuan' },
      ),
    ).reportIssue.issue;
    const id = reported.id;
    expect(reported.permissions).toEqual(NONE);
    const waiting = { ...NONE, canAccept: true, canReject: true, canEscalate: true, canAssign: true };
    expect(await perms(id, 'grid.xinyuan')).toEqual(waiting);
    expect(await perms(id, 'secretary.xinyuan')).toEqual(waiting);
    // What is false is refused, what is true goes through.
    expect(await step('closeIssue', id, 'resident.xinyuan', { rating: 5 }, 'CloseIssueInput')).toBe('WRONG_STATUS');
    expect(await step('acceptIssue', id, 'resident.xinyuan')).toBe('FORBIDDEN');
    expect(await step('startIssue', id, 'grid.xinyuan')).toBe('WRONG_STATUS');
    expect(await step('handDownIssue', id, 'grid.xinyuan', { note: '交给下级' })).toBe('LADDER_END');
    expect(await step('acceptIssue', id, 'grid.xinyuan')).toBe('OK');

    expect(await perms(id, 'grid.xinyuan')).toEqual({
      ...NONE,
      canStart: true,
      canResolve: true,
      canReject: true,
      canEscalate: true,
      canAssign: true,
    });
    expect(await step('resolveIssue', id, 'grid.xinyuan', { note: '已修好' })).toBe('OK');
    expect(await perms(id, 'grid.xinyuan')).toEqual(NONE);
    expect(await perms(id, 'resident.xinyuan')).toEqual({ ...NONE, canClose: true, canReopen: true });
    expect(await step('closeIssue', id, 'resident.xinyuan', { rating: 4 }, 'CloseIssueInput')).toBe('OK');
    expect(await perms(id, 'resident.xinyuan')).toEqual({ ...NONE, canReopen: true });

    // Eight days on, the seven-day window has passed: no reopening, and the mutation agrees.
    clock.set(new Date(Date.parse(START) + 8 * DAY).toISOString());
    expect(await perms(id, 'resident.xinyuan')).toEqual(NONE);
    expect(await step('reopenIssue', id, 'resident.xinyuan', { note: '又坏了' }, 'ReopenIssueInput')).toBe('REOPEN_WINDOW_PASSED');
  });

  it('reads a list of issues with their permissions and call-back phones in a constant number of statements', async () => {
    const LIST = `query { residentIssues(first: 100) { nodes { id callbackPhone ${PERMS} } } }`;
    const count = async () => {
      const res = await app.request<{ residentIssues: { nodes: unknown[] } }, Record<string, never>>(LIST, {}, { as: 'resident.xinyuan' });
      ok(res);
      return { n: res.data!.residentIssues.nodes.length, statements: res.extensions!.sqlStatements! };
    };
    clock.set(START);
    const before = await count();
    for (let i = 0; i < 2; i++)
      ok(
        await app.request(
          REPORT,
          { input: { householdId: home, subject: 'BUILDING', category: 'repairs', text: `第${i}件`, nameVisible: true } },
          { as: 'resident.xinyuan' },
        ),
      );
    const after = await count();
    expect(after.n).toBe(before.n + 2);
    expect(after.statements).toBe(before.statements);
  });
});
