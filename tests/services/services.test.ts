import {
  AnswerServiceObjectionDocument,
  EvaluateServiceDocument,
  HomeServicesDocument,
  PublishServiceListDocument,
  RaiseServiceObjectionDocument,
  ServiceRankingDocument,
  UpdateCommunitySettingsDocument,
} from '../generated/graphql';
import { fixedClock } from '../../src/core/clock';
import pg from 'pg';
import { databaseUrl, sql } from '../support/databases';
import { DEMO, idByName } from '../support/demo';
import { xinyuanCast, type Xinyuan } from '../support/finance';
import { fingerprint } from '../support/snapshot';
import { codes, gid, ok, startTestApp, type TestApp, pkOf } from '../support/test-app';

/*
 * The requests run on a fixed day (the clock on the request context), so the quarter open for
 * evaluation is always the fourth of 2026, whose months the demo's service lists cover.
 */
const TODAY = '2026-11-20T08:00:00Z';
const CURRENT_QUARTER = '2026-10-01';

/*
 * Service lists, objections and answers, quarterly evaluations (once per household and item,
 * editable until the quarter closes) and the community ranking with its red and yellow flags.
 */
describe('services, evaluations and property-company ratings', () => {
  let app: TestApp;
  let cast: Xinyuan;
  let home: string;
  let community: string;

  beforeAll(async () => {
    app = await startTestApp({ clock: fixedClock(TODAY) });
    cast = await xinyuanCast(app);
    const [row] = await sql<{ id: number }>(
      app.database,
      "select household_id as id from person where id = (select person_id from user_account where login = 'resident.xinyuan')",
    );
    home = gid('Household', row.id);
    community = await idByName(app.database, 'community', DEMO.yongkang, 'Community');
  });
  afterAll(() => app.close());

  it("ranks the community's compounds for a closed quarter: red flag for the best, yellow for the worst", async () => {
    const res = ok(
      await app.request(ServiceRankingDocument, { id: community, quarter: '2026-08-15' }, { as: 'admin.yongkangbeilu' }),
    ).community!;
    expect(res.settings).toEqual({ redFlagMinScore: 85, yellowFlagBelowScore: 60 });
    const ranking = res.serviceRanking.map((r) => [r.rank, r.compound.name, r.flag, r.propertyCompany?.name ?? null]);
    expect(ranking).toEqual([
      [1, '漪汾仙庄', 'RED', '山西康居物业服务有限公司'],
      [2, '馨园', 'NONE', null],
      [3, '小店区一中宿舍', 'YELLOW', '太原安泰物业管理有限公司'],
    ]);
    const worst = res.serviceRanking[2];
    // 20 × average, −2 per objection, −3 per one unanswered at the quarter's end.
    expect(worst.score).toBeCloseTo(worst.averageScore! * 20 - 2 * 2 - 3 * 1, 0);
    expect(worst).toMatchObject({ objections: 2, unansweredObjections: 1, households: 60 });
    const company = res.propertyCompanies.find((c) => c.name === '山西康居物业服务有限公司')!;
    expect(company.ratings.map((r) => [r.quarter, r.flag, r.compound.name])).toContainEqual(['2026-07-01', 'RED', '漪汾仙庄']);
    // Residents see their community's flags; district officers too (no personal data in it); other communities do not.
    expect(codes(await app.request(ServiceRankingDocument, { id: community, quarter: '2026-08-15' }, { as: 'district.xiaodian' }))).toEqual(
      [],
    );
    expect(codes(await app.request(ServiceRankingDocument, { id: community, quarter: '2026-08-15' }, { as: 'admin.zhenxing' }))).toEqual([
      'NOT_FOUND',
    ]);
  });

  it('moves the flags with the thresholds the community sets', async () => {
    ok(
      await app.request(
        UpdateCommunitySettingsDocument,
        { input: { communityId: community, redFlagMinScore: 95, yellowFlagBelowScore: 40 } },
        { as: 'admin.yongkangbeilu' },
      ),
    );
    const res = ok(
      await app.request(ServiceRankingDocument, { id: community, quarter: '2026-08-15' }, { as: 'admin.yongkangbeilu' }),
    ).community!;
    expect(res.serviceRanking.map((r) => r.flag)).toEqual(['NONE', 'NONE', 'NONE']);
    const crossed = ok(
      await app.request(
        UpdateCommunitySettingsDocument,
        { input: { communityId: community, redFlagMinScore: 50, yellowFlagBelowScore: 70 } },
        { as: 'admin.yongkangbeilu' },
      ),
    ).updateCommunitySettings;
    expect(crossed.userErrors.map((e) => e.code)).toEqual(['OUT_OF_RANGE']);
    ok(
      await app.request(
        UpdateCommunitySettingsDocument,
        { input: { communityId: community, redFlagMinScore: 85, yellowFlagBelowScore: 60 } },
        { as: 'admin.yongkangbeilu' },
      ),
    );
  });

  it('lets a household object at any time, the committee answer, and everyone in the compound read both', async () => {
    const list = (month: string, as: string) =>
      app.request(
        PublishServiceListDocument,
        {
          input: {
            compoundId: cast.compound,
            month,
            provider: 'COMMITTEE',
            items: [{ title: '路灯维护', schedule: '每周三' }, { title: '楼道保洁' }],
          },
        },
        { as },
      );
    expect(codes(await list('2026-06-01', 'resident.xinyuan'))).toEqual(['FORBIDDEN']);
    const june = ok(await list('2026-06-01', 'committee.xinyuan')).publishServiceList;
    expect(june.serviceList).toMatchObject({
      month: '2026-06-01',
      provider: 'COMMITTEE',
      items: [{ title: '路灯维护', schedule: '每周三' }, { title: '楼道保洁' }],
    });
    expect(ok(await list('2026-06-20', 'committee.xinyuan')).publishServiceList.userErrors.map((e) => e.code)).toEqual(['TAKEN']);
    // This month's list (the demo has one already: publishing again is refused as TAKEN, harmlessly).
    await list(TODAY.slice(0, 8) + '01', 'committee.xinyuan');
    const lists = ok(
      await app.request(HomeServicesDocument, { householdId: home, quarter: CURRENT_QUARTER }, { as: 'resident.xinyuan' }),
    ).node!;
    if (!('compound' in lists)) throw new Error('expected a household');
    const item = lists.compound.serviceLists[0].items[0];

    const objection = ok(
      await app.request(
        RaiseServiceObjectionDocument,
        { input: { itemId: item.id, householdId: home, text: '上周三路灯没修好' } },
        { as: 'resident.xinyuan' },
      ),
    ).raiseServiceObjection;
    expect(objection.objection).toMatchObject({ text: '上周三路灯没修好', answer: null });
    // Not for someone else's home; not answered by the resident.
    const [other] = await sql<{ id: number }>(
      app.database,
      'select id from household where compound_id = $1 and id <> $2 order by id limit 1',
      [cast.compoundPk, pkOf(home)],
    );
    expect(
      codes(
        await app.request(
          RaiseServiceObjectionDocument,
          { input: { itemId: item.id, householdId: gid('Household', other.id), text: '冒名' } },
          { as: 'resident.xinyuan' },
        ),
      ),
    ).toEqual(['FORBIDDEN']);
    expect(
      codes(
        await app.request(
          AnswerServiceObjectionDocument,
          { input: { objectionId: objection.objection!.id, answer: '自己答' } },
          { as: 'resident.xinyuan' },
        ),
      ),
    ).toEqual(['FORBIDDEN']);
    const answered = ok(
      await app.request(
        AnswerServiceObjectionDocument,
        { input: { objectionId: objection.objection!.id, answer: '周五已修复' } },
        { as: 'committee.xinyuan' },
      ),
    ).answerServiceObjection;
    expect(answered.objection).toMatchObject({ answer: '周五已修复', answeredBy: 'committee.xinyuan' });
    const after = ok(
      await app.request(HomeServicesDocument, { householdId: home, quarter: CURRENT_QUARTER }, { as: 'resident.xinyuan' }),
    ).node!;
    if (!('compound' in after)) throw new Error('expected a household');
    expect(after.compound.serviceLists[0].items[0].objections).toEqual([{ text: '上周三路灯没修好', answer: '周五已修复' }]);
  });

  it('takes one evaluation per household, quarter and item, changed in place until the quarter closes', async () => {
    const quarter = CURRENT_QUARTER;
    const lists = ok(await app.request(HomeServicesDocument, { householdId: home, quarter }, { as: 'resident.xinyuan' })).node!;
    if (!('compound' in lists)) throw new Error('expected a household');
    const item = lists.compound.serviceLists[0].items[1];
    const first = ok(
      await app.request(
        EvaluateServiceDocument,
        { input: { householdId: home, quarter, itemId: item.id, score: 3 } },
        { as: 'resident.xinyuan' },
      ),
    ).evaluateService;
    expect(first.evaluation).toMatchObject({ quarter, score: 3, item: { title: item.title } });
    const changed = ok(
      await app.request(
        EvaluateServiceDocument,
        { input: { householdId: home, quarter, itemId: item.id, score: 5, comment: '改进明显' } },
        { as: 'resident.xinyuan' },
      ),
    ).evaluateService;
    expect(changed.evaluation).toMatchObject({ id: first.evaluation!.id, score: 5, comment: '改进明显' });
    ok(await app.request(EvaluateServiceDocument, { input: { householdId: home, quarter, score: 4 } }, { as: 'resident.xinyuan' }));
    const mine = ok(await app.request(HomeServicesDocument, { householdId: home, quarter }, { as: 'resident.xinyuan' })).node!;
    if (!('serviceEvaluations' in mine)) throw new Error('expected a household');
    expect(mine.serviceEvaluations.map((e) => [e.item?.title ?? 'overall', e.score]).sort()).toEqual(
      [
        ['overall', 4],
        [item.title, 5],
      ].sort(),
    );

    const before = await fingerprint(app.database);
    const closed = ok(
      await app.request(
        EvaluateServiceDocument,
        { input: { householdId: home, quarter: '2026-07-01', score: 1 } },
        { as: 'resident.xinyuan' },
      ),
    ).evaluateService;
    expect(closed.userErrors.map((e) => [e.field[0], e.code])).toEqual([['quarter', 'QUARTER_CLOSED']]);
    const outOfRange = ok(
      await app.request(EvaluateServiceDocument, { input: { householdId: home, quarter, score: 6 } }, { as: 'resident.xinyuan' }),
    ).evaluateService;
    expect(outOfRange.userErrors.map((e) => [e.field[0], e.code])).toEqual([['score', 'OUT_OF_RANGE']]);
    const [yifenItem] = await sql<{ id: number }>(
      app.database,
      "select i.id from service_item i join service_list l on l.id = i.list_id join compound c on c.id = l.compound_id where c.name = '漪汾仙庄' order by l.month desc limit 1",
    );
    const wrongItem = ok(
      await app.request(
        EvaluateServiceDocument,
        { input: { householdId: home, quarter, itemId: gid('ServiceItem', yifenItem.id), score: 2 } },
        { as: 'resident.xinyuan' },
      ),
    ).evaluateService;
    expect(wrongItem.userErrors.map((e) => e.code)).toEqual(['MISMATCH']);
    // Another household's evaluation, another community's household: refused.
    const [neighbour] = await sql<{ id: number }>(
      app.database,
      'select id from household where compound_id = $1 order by id desc limit 1',
      [cast.compoundPk],
    );
    expect(
      codes(
        await app.request(
          EvaluateServiceDocument,
          { input: { householdId: gid('Household', neighbour.id), quarter, score: 1 } },
          { as: 'resident.xinyuan' },
        ),
      ),
    ).toEqual(['FORBIDDEN']);
    expect(
      codes(await app.request(EvaluateServiceDocument, { input: { householdId: home, quarter, score: 1 } }, { as: 'resident.zhenxing' })),
    ).toEqual(['NOT_FOUND']);
    expect(await fingerprint(app.database)).toEqual(before);

    const rating = ok(await app.request(HomeServicesDocument, { householdId: home, quarter }, { as: 'resident.xinyuan' })).node!;
    if (!('compound' in rating)) throw new Error('expected a household');
    expect(rating.compound.serviceRating).toMatchObject({ rank: 1 });
  });
  it("keeps a closed quarter's rating: no objection to its lists afterwards, no second answer to its objections", async () => {
    const q3 = async () =>
      ok(
        await app.request(ServiceRankingDocument, { id: community, quarter: '2026-08-15' }, { as: 'admin.yongkangbeilu' }),
      ).community!.serviceRanking.map((r) => [r.compound.name, r.score, r.objections, r.unansweredObjections]);
    const before = await q3();
    // An objection to July's list, raised in November, counted against the third quarter (84 → 79 a time).
    const [july] = await sql<{ id: number }>(
      app.database,
      "select i.id from service_item i join service_list l on l.id = i.list_id where l.compound_id = $1 and l.month = '2026-07-01' order by i.id limit 1",
      [cast.compoundPk],
    );
    const raised = ok(
      await app.request(
        RaiseServiceObjectionDocument,
        { input: { itemId: gid('ServiceItem', july.id), householdId: home, text: '七月保洁不到位' } },
        { as: 'resident.xinyuan' },
      ),
    ).raiseServiceObjection;
    expect(raised.objection).toBeNull();
    expect(raised.userErrors.map((e) => [e.field, e.code])).toEqual([[['itemId'], 'QUARTER_CLOSED']]);
    // Answering again moved answeredAt past the quarter's end: the objection became unanswered there.
    const [answered] = await sql<{ id: number }>(
      app.database,
      `select o.id from service_objection o join service_item i on i.id = o.item_id join service_list l on l.id = i.list_id
        where l.community_id = $1 and l.month >= '2026-07-01' and l.month < '2026-10-01' and o.answered_at is not null
        order by o.id limit 1`,
      [pkOf(community)],
    );
    const again = ok(
      await app.request(
        AnswerServiceObjectionDocument,
        { input: { objectionId: gid('ServiceObjection', answered.id), answer: '补充说明' } },
        { as: 'admin.yongkangbeilu' },
      ),
    ).answerServiceObjection;
    expect(again.objection).toBeNull();
    expect(again.userErrors.map((e) => [e.field, e.code])).toEqual([[['objectionId'], 'ALREADY_ANSWERED']]);
    // The same for every writer.
    await expect(
      sql(app.database, "update service_objection set answer = '改口', answered_at = now() where id = $1", [answered.id]),
    ).rejects.toThrow(/answer is given once/);
    expect(await q3()).toEqual(before);
  });
  it('answers two first evaluations at once with one row and a user error, not an internal error', async () => {
    const [item] = await sql<{ id: number }>(
      app.database,
      `select i.id from service_item i join service_list l on l.id = i.list_id
        where l.compound_id = $1 and l.month = '2026-10-01'
          and not exists (select 1 from service_evaluation e where e.item_id = i.id and e.household_id = $2)
        order by i.id limit 1`,
      [cast.compoundPk, pkOf(home)],
    );
    // Another request's first evaluation, inserted and not yet committed while this one reads and inserts.
    const other = new pg.Client({ connectionString: databaseUrl(app.database) });
    const watcher = new pg.Client({ connectionString: databaseUrl(app.database) });
    await Promise.all([other.connect(), watcher.connect()]);
    try {
      const holder = (await other.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0].pid;
      await other.query('begin');
      await other.query('select lianxin_grant_everything()');
      await other.query(
        `insert into service_evaluation (community_id, compound_id, household_id, quarter, item_id, score)
         select community_id, compound_id, id, '2026-10-01', $2, 4 from household where id = $1`,
        [pkOf(home), item.id],
      );
      const request = app.request(
        EvaluateServiceDocument,
        { input: { householdId: home, quarter: CURRENT_QUARTER, itemId: gid('ServiceItem', item.id), score: 2 } },
        { as: 'resident.xinyuan' },
      );
      let waited = false;
      for (let tries = 0; !waited && tries < 250; tries++) {
        const { rows } = await watcher.query<{ n: number }>(
          'select count(*)::int as n from pg_stat_activity where $1::int = any (pg_blocking_pids(pid))',
          [holder],
        );
        waited = rows[0].n > 0;
        if (!waited) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(waited).toBe(true);
      await other.query('commit');
      const res = await request;
      expect(codes(res)).toEqual([]);
      expect(ok(res).evaluateService.userErrors.map((e) => [e.field, e.code])).toEqual([[['quarter'], 'TAKEN']]);
    } finally {
      await Promise.all([other.end(), watcher.end()]);
    }
    const rows = await sql<{ score: number }>(
      app.database,
      'select score from service_evaluation where household_id = $1 and item_id = $2',
      [pkOf(home), item.id],
    );
    expect(rows).toEqual([{ score: 4 }]);
  });
});
