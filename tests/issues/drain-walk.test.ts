import { fixedClock } from '../../src/core/clock';
import { sql } from '../support/databases';
import { reportByQr } from '../support/qr-form';
import { codes, gid, ok, startTestApp, type TestApp } from '../support/test-app';

/*
 * The drain case of docs/issues.md, block by block, as the walk there tells it: reported on
 * 24 June by the QR code on the statue (no account, a phone for the call-back), the grid worker and a party-member volunteer on site, the building group's deadline
 * passing (the clock is moved, the due jobs run), the branch giving it to the property company and
 * a people's mediator, the pipe replaced on 3 July and followed on the tracking page; then the
 * ceiling's repair, reported signed in, closed with the resident's rating (a QR reporter has no
 * account to rate with).
 */

const FIELDS = `id status level dueAt
  steps { toStatus level actor role note }
  escalations { fromLevel toLevel missedDeadline actor }
  assignments { capacity assignedBy person { name } propertyCompany { name } }
  mediations { outcome outcomeNote mediator { name } }`;
const mutationOf = (name: string, input: string) =>
  `mutation($input: ${input}!) { ${name}(input: $input) { issue { ${FIELDS} } userErrors { field code message } } }`;
const CREATE_POINT = `mutation($input: CreateIssueQrPointInput!) {
  createIssueQrPoint(input: $input) { qrPoint { place } token userErrors { code } } }`;
const ISSUE = `query($id: ID!) { node(id: $id) { ... on ResidentIssue { ${FIELDS} } } }`;

interface Issue {
  id: string;
  status: string;
  level: string;
  dueAt: string | null;
  steps: Array<{ toStatus: string; level: string; actor: string; role: string; note: string | null }>;
  escalations: Array<{ fromLevel: string; toLevel: string; missedDeadline: string | null; actor: string }>;
  assignments: Array<{ capacity: string; assignedBy: string; person: { name: string } | null; propertyCompany: { name: string } | null }>;
  mediations: Array<{ outcome: string | null; outcomeNote: string | null; mediator: { name: string } | null }>;
}
type Payload = { issue: Issue | null; userErrors: Array<{ code: string }> };

describe('the drain case, as docs/issues.md walks it', () => {
  const clock = fixedClock('2026-06-24T08:00:00Z');
  let app: TestApp;
  let home: string;
  let volunteer: string;
  let mediator: string;
  let foreigner: string;
  let company: string;
  let issueId: string;
  let compound: string;
  let base: string;
  let tracking: string;

  const call = async (name: string, input: string, variables: Record<string, unknown>, as: string) =>
    app.request<Record<string, Payload>, Record<string, unknown>>(mutationOf(name, input), { input: variables }, { as });
  const done = async (name: string, input: string, variables: Record<string, unknown>, as: string) => {
    const payload = ok(await call(name, input, variables, as))[name];
    expect(payload.userErrors).toEqual([]);
    return payload.issue!;
  };

  beforeAll(async () => {
    app = await startTestApp({ clock });
    base = app.url.replace('/graphql', '');
    const [xinyuan] = await sql<{ id: number }>(app.database, "select id from compound where name = '馨园'");
    compound = gid('Compound', xinyuan.id);
    const [row] = await sql<{ id: number }>(
      app.database,
      "select household_id as id from person where id = (select person_id from user_account where login = 'resident.xinyuan')",
    );
    home = gid('Household', row.id);
    const people = await sql<{ id: number }>(
      app.database,
      "select p.id from person p join household h on h.id = p.household_id join compound c on c.id = h.compound_id where c.name = '馨园' order by p.id limit 2",
    );
    volunteer = gid('Person', people[0].id);
    mediator = gid('Person', people[1].id);
    const [other] = await sql<{ id: number }>(
      app.database,
      "select p.id from person p join community c on c.id = p.community_id where c.name = '振兴社区' order by p.id limit 1",
    );
    foreigner = gid('Person', other.id);
    const [pc] = await sql<{ id: number }>(app.database, "select id from property_company where name = '山西康居物业服务有限公司'");
    company = gid('PropertyCompany', pc.id);
  });
  afterAll(() => app.close());

  it('1. the resident scans the QR code under the statue and reports the sewage coming through the ceiling', async () => {
    // The branch has put up the compound's code (its token is shown once, to print).
    const point = ok(
      await app.request<{ createIssueQrPoint: { token: string | null; userErrors: unknown[] } }, Record<string, unknown>>(
        CREATE_POINT,
        { input: { compoundId: compound, spot: '红哨子雕像' } },
        { as: 'secretary.xinyuan' },
      ),
    ).createIssueQrPoint;
    expect(point.userErrors).toEqual([]);
    const sent = await reportByQr(base, point.token!, {
      category: 'repairs',
      text: '楼上的污水都流到我家来了，楼上没人',
      location: '3单元厨房棚顶',
      phone: '13912345678',
      name: '李大姐',
    });
    expect(sent.status).toBe(303);
    tracking = sent.tracking!.replace('?new=1', '');
    expect(await (await fetch(`${base}${tracking}`)).text()).toContain('已登记，等待受理');
    // The compound's grid worker finds it among the compound's issues, with the phone to call back.
    const [row] = await sql<{ id: number }>(
      app.database,
      'select id from resident_issue where qr_point_id is not null order by id desc limit 1',
    );
    issueId = gid('ResidentIssue', row.id);
    const seen = ok(
      await app.request<{ node: Issue & { reporterName: string; callbackPhone: string } }, { id: string }>(
        `query($id: ID!) { node(id: $id) { ... on ResidentIssue { ${FIELDS} reporterName callbackPhone } } }`,
        { id: issueId },
        { as: 'grid.xinyuan' },
      ),
    ).node;
    expect(seen).toMatchObject({
      status: 'REPORTED',
      level: 'BUILDING_GROUP',
      dueAt: '2026-06-26T08:00:00Z',
      reporterName: '李大姐',
      callbackPhone: '13912345678',
    });
  });

  it('2. the grid worker takes it in and goes to look, with a party-member volunteer', async () => {
    clock.set('2026-06-24T10:00:00Z');
    await done('acceptIssue', 'AcceptIssueInput', { issueId, note: '马上去看' }, 'grid.xinyuan');
    await done(
      'assignIssue',
      'AssignIssueInput',
      { issueId, capacity: 'PARTY_VOLUNTEER', personId: volunteer, note: '一起实地查看' },
      'grid.xinyuan',
    );
    const issue = await done(
      'recordAssigneeAction',
      'RecordAssigneeActionInput',
      { issueId, capacity: 'PARTY_VOLUNTEER', note: '实地查看：楼上下水返水，楼下棚顶墙壁被泡' },
      'grid.xinyuan',
    );
    expect(issue.assignments).toEqual([expect.objectContaining({ capacity: 'PARTY_VOLUNTEER', assignedBy: 'grid.xinyuan' })]);
    expect(issue.steps.at(-1)).toMatchObject({ role: 'PARTY_VOLUNTEER', note: '实地查看：楼上下水返水，楼下棚顶墙壁被泡' });
    // Not everyone may hand it out: a committee member may not; another community's person is not found.
    expect(
      codes(await call('assignIssue', 'AssignIssueInput', { issueId, capacity: 'GRID_WORKER', personId: volunteer }, 'committee.xinyuan')),
    ).toEqual(['FORBIDDEN']);
    expect(
      codes(await call('assignIssue', 'AssignIssueInput', { issueId, capacity: 'GRID_WORKER', personId: foreigner }, 'grid.xinyuan')),
    ).toEqual(['NOT_FOUND']);
  });

  it('3. the pipe needs replacing; the building group cannot settle it, and its deadline passes', async () => {
    await done('startIssue', 'StartIssueInput', { issueId, note: '物业：下水井堵塞，管道老化需更换' }, 'grid.xinyuan');
    clock.set('2026-06-26T08:00:00Z');
    await app.jobs.runDue();
    const issue = ok(await app.request<{ node: Issue }, { id: string }>(ISSUE, { id: issueId }, { as: 'secretary.xinyuan' })).node;
    expect(issue).toMatchObject({ status: 'ESCALATED', level: 'BRANCH', dueAt: '2026-06-29T08:00:00Z' });
    expect(issue.escalations).toEqual([
      { fromLevel: 'BUILDING_GROUP', toLevel: 'BRANCH', missedDeadline: '2026-06-26T08:00:00Z', actor: 'system' },
    ]);
  });

  it('4. the branch takes it in, brings in the property company and a people’s mediator', async () => {
    clock.set('2026-06-26T10:00:00Z');
    await done('acceptIssue', 'AcceptIssueInput', { issueId }, 'secretary.xinyuan');
    await done(
      'assignIssue',
      'AssignIssueInput',
      { issueId, capacity: 'PROPERTY_COMPANY', propertyCompanyId: company, note: '更换下水管道' },
      'secretary.xinyuan',
    );
    await done('startMediation', 'StartMediationInput', { issueId, mediatorId: mediator, note: '维修费用如何分摊' }, 'secretary.xinyuan');
    clock.set('2026-06-28T15:00:00Z');
    const issue = await done(
      'endMediation',
      'EndMediationInput',
      { issueId, outcome: 'AGREED', note: '5户每户出资300元，其余由物业兜底' },
      'secretary.xinyuan',
    );
    expect(issue.mediations).toEqual([
      { outcome: 'AGREED', outcomeNote: '5户每户出资300元，其余由物业兜底', mediator: { name: expect.any(String) } },
    ]);
    expect(issue.assignments.map((a) => a.propertyCompany?.name ?? a.person?.name)).toContain('山西康居物业服务有限公司');
    // A second ending has nothing to end.
    expect(
      ok(
        await call('endMediation', 'EndMediationInput', { issueId, outcome: 'AGREED', note: 'x' }, 'secretary.xinyuan'),
      ).endMediation.userErrors.map((e) => e.code),
    ).toEqual(['NO_MEDIATION']);
  });

  it('5. the pipe is replaced on 3 July; the community resolves it and the reporter sees it on the tracking page', async () => {
    clock.set('2026-06-28T16:00:00Z');
    await done('startIssue', 'StartIssueInput', { issueId, note: '物业施工' }, 'secretary.xinyuan');
    clock.set('2026-07-03T17:00:00Z');
    // The branch's three days ran out on 29 June while the company worked: the community has it now.
    await app.jobs.runDue();
    let issue = ok(await app.request<{ node: Issue }, { id: string }>(ISSUE, { id: issueId }, { as: 'grid.xinyuan' })).node;
    expect(issue).toMatchObject({ level: 'COMMUNITY', status: 'ESCALATED', dueAt: '2026-07-04T08:00:00Z' });
    await done('acceptIssue', 'AcceptIssueInput', { issueId, note: '社区跟进施工' }, 'admin.yongkangbeilu');
    issue = await done('resolveIssue', 'ResolveIssueInput', { issueId, note: '下水管道更换完成' }, 'admin.yongkangbeilu');
    expect(issue).toMatchObject({ status: 'RESOLVED', dueAt: null });
    expect(issue.steps.map((s) => `${s.toStatus}@${s.level}:${s.role}`)).toEqual([
      'REPORTED@BUILDING_GROUP:QR_REPORTER',
      'ACCEPTED@BUILDING_GROUP:GRID_WORKER',
      'ACCEPTED@BUILDING_GROUP:GRID_WORKER',
      'ACCEPTED@BUILDING_GROUP:PARTY_VOLUNTEER',
      'IN_PROGRESS@BUILDING_GROUP:GRID_WORKER',
      'ESCALATED@BRANCH:SYSTEM',
      'ACCEPTED@BRANCH:BRANCH_SECRETARY',
      'ACCEPTED@BRANCH:BRANCH_SECRETARY',
      'ACCEPTED@BRANCH:BRANCH_SECRETARY',
      'ACCEPTED@BRANCH:MEDIATOR',
      'IN_PROGRESS@BRANCH:BRANCH_SECRETARY',
      'ESCALATED@COMMUNITY:SYSTEM',
      'ACCEPTED@COMMUNITY:COMMUNITY_ADMIN',
      'RESOLVED@COMMUNITY:COMMUNITY_ADMIN',
    ]);
    // The reporter follows it by the tracking code alone: the state, never who handled it.
    const page = await (await fetch(`${base}${tracking}`)).text();
    expect(page).toContain('已解决');
    expect(page).not.toContain('admin.yongkangbeilu');
    // A QR reporter has no account to close (and rate) it with; nobody else may do it for them.
    expect(codes(await call('closeIssue', 'CloseIssueInput', { issueId, rating: 5 }, 'resident.xinyuan'))).toEqual(['FORBIDDEN']);
    expect(codes(await call('closeIssue', 'CloseIssueInput', { issueId, rating: 5 }, 'secretary.xinyuan'))).toEqual(['FORBIDDEN']);
    // Once resolved (or closed and rated), nobody writes more steps on it in an assignee's name: as
    // for assigning, that is for an open issue (the reporter reopens it if it was not solved).
    const late = ok(
      await call(
        'recordAssigneeAction',
        'RecordAssigneeActionInput',
        { issueId, capacity: 'PARTY_VOLUNTEER', note: '补记：其实没修好' },
        'admin.yongkangbeilu',
      ),
    ).recordAssigneeAction;
    expect(late.userErrors.map((e) => e.code)).toEqual(['WRONG_STATUS']);
    issue = ok(await app.request<{ node: Issue }, { id: string }>(ISSUE, { id: issueId }, { as: 'admin.yongkangbeilu' })).node;
    expect(issue.steps).toHaveLength(14);
  });

  it('6. the ceiling is repaired; the resident, signed in this time, closes it with a rating', async () => {
    clock.set('2026-07-04T09:00:00Z');
    const reported = await done(
      'reportIssue',
      'ReportIssueInput',
      {
        householdId: home,
        subject: 'HOUSEHOLD',
        category: 'repairs',
        text: '棚顶被泡，需要修补',
        location: '3单元厨房棚顶',
        nameVisible: true,
      },
      'resident.xinyuan',
    );
    const repair = reported.id;
    await done('acceptIssue', 'AcceptIssueInput', { issueId: repair }, 'grid.xinyuan');
    clock.set('2026-07-05T15:00:00Z');
    await done('resolveIssue', 'ResolveIssueInput', { issueId: repair, note: '物业修补棚顶' }, 'grid.xinyuan');
    clock.set('2026-07-06T09:00:00Z');
    const issue = await done('closeIssue', 'CloseIssueInput', { issueId: repair, rating: 5, comment: '谢谢社区' }, 'resident.xinyuan');
    expect(issue.status).toBe('CLOSED');
    expect(issue.steps.map((s) => `${s.toStatus}@${s.level}:${s.role}`)).toEqual([
      'REPORTED@BUILDING_GROUP:RESIDENT',
      'ACCEPTED@BUILDING_GROUP:GRID_WORKER',
      'RESOLVED@BUILDING_GROUP:GRID_WORKER',
      'CLOSED@BUILDING_GROUP:RESIDENT',
    ]);
  });
});
