import {
  ArrearsDocument,
  CommunityCollectionDocument,
  CreateFeeScheduleDocument,
  FeeCollectionDocument,
  IssueFeeChargesDocument,
  RecordFeePaymentDocument,
  WaiveFeeDocument,
} from '../generated/graphql';
import { sql, sqlAs } from '../support/databases';
import { DEMO, idByName } from '../support/demo';
import { xinyuanCast, type Xinyuan } from '../support/finance';
import { fingerprint } from '../support/snapshot';
import { codes, gid, ok, startTestApp, type TestApp, pkOf } from '../support/test-app';

/*
 * Fees: schedules, charges issued once per household and period, partial payments, waivers with a
 * private reason; the collection rate per compound, building and month; the arrears list for the
 * committee, branch and community only.
 */
describe('fees and the collection rate', () => {
  let app: TestApp;
  let cast: Xinyuan;

  beforeAll(async () => {
    app = await startTestApp();
    cast = await xinyuanCast(app);
  });
  afterAll(() => app.close());

  it("shows Xinyuan's collection rising from under 30 % to 100 %, per compound, building and month", async () => {
    const data = ok(
      await app.request(
        FeeCollectionDocument,
        { id: cast.compound, period: '2026-10-01', from: '2025-01-01', to: '2026-10-01' },
        { as: 'committee.xinyuan' },
      ),
    ).node!;
    if (!('feeCollectionSeries' in data)) throw new Error('expected a compound');
    expect(data.feeSchedules.map((s) => [s.name, s.rateFen])).toEqual([['物业管理费', 3_000]]);
    expect(data.feeCollectionSeries).toHaveLength(22);
    expect(data.feeCollectionSeries[0].rate!).toBeLessThan(0.35);
    expect(data.feeCollection).toMatchObject({ period: '2026-10-01', rate: 1 });
    expect(data.feeCollection!.dueFen).toBe(data.feeCollection!.chargedFen - data.feeCollection!.waivedFen);
    expect(data.feeCollection!.settledHouseholds).toBe(data.feeCollection!.households);
    expect(data.buildings.nodes.every((b) => b.feeCollection?.rate === 1)).toBe(true);
    const rates = data.feeCollectionSeries.map((p) => p.rate!);
    expect(rates[21]).toBeGreaterThan(rates[0]);
    const bad = await app.request(
      FeeCollectionDocument,
      { id: cast.compound, period: '2026-10-01', from: '2020-01-01', to: '2026-10-01' },
      { as: 'committee.xinyuan' },
    );
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
  });

  it("answers a community's collection rates for all its compounds in a constant number of statements", async () => {
    const community = await idByName(app.database, 'community', DEMO.yongkang, 'Community');
    const res = await app.request(CommunityCollectionDocument, { id: community, period: '2026-10-01' }, { as: 'admin.yongkangbeilu' });
    const compounds = ok(res).community!.compounds.nodes;
    expect(compounds).toHaveLength(63);
    expect(compounds.find((c) => c.name === DEMO.yifen)!.feeCollection!.rate).toBeGreaterThan(0.95);
    expect(compounds.filter((c) => c.feeCollection === null)).toHaveLength(61);
    // begin_request, community, compounds, collection: one statement for the 63 compounds' figures.
    expect(res.extensions!.sqlStatements).toBeLessThanOrEqual(5);
  });

  it('issues charges once per household and period, takes partial payments and waivers, and refuses overpayment', async () => {
    const schedule = ok(
      await app.request(
        CreateFeeScheduleDocument,
        {
          input: {
            compoundId: cast.compound,
            name: '电梯运行费',
            basis: 'PER_SQM',
            rateFen: 20,
            period: 'MONTHLY',
            agreedOn: '2026-10-20',
            effectiveFrom: '2026-11-01',
          },
        },
        { as: 'committee.xinyuan' },
      ),
    ).createFeeSchedule.schedule!;
    const misaligned = ok(
      await app.request(
        CreateFeeScheduleDocument,
        {
          input: {
            compoundId: cast.compound,
            name: '停车费',
            basis: 'PER_HOUSEHOLD',
            rateFen: 5000,
            period: 'QUARTERLY',
            agreedOn: '2026-10-20',
            effectiveFrom: '2026-11-01',
          },
        },
        { as: 'committee.xinyuan' },
      ),
    ).createFeeSchedule;
    expect(misaligned.userErrors.map((e) => [e.field[0], e.code])).toEqual([['effectiveFrom', 'INVALID']]);
    // A fee agreed now does not charge the years before: Xinyuan's January 2025 (28 % collected) would
    // have become 0.2 % with every household ¥5,000 in arrears for a month long closed.
    const backDated = ok(
      await app.request(
        CreateFeeScheduleDocument,
        {
          input: {
            compoundId: cast.compound,
            name: '补缴维修金',
            basis: 'PER_HOUSEHOLD',
            rateFen: 500_000,
            period: 'MONTHLY',
            agreedOn: '2026-10-20',
            effectiveFrom: '2015-01-01',
          },
        },
        { as: 'committee.xinyuan' },
      ),
    ).createFeeSchedule;
    expect(backDated.schedule).toBeNull();
    expect(backDated.userErrors.map((e) => [e.field[0], e.code])).toEqual([['effectiveFrom', 'DATE_ORDER']]);
    expect(
      codes(
        await app.request(
          IssueFeeChargesDocument,
          { input: { scheduleId: schedule.id, period: '2026-11-15' } },
          { as: 'resident.xinyuan' },
        ),
      ),
    ).toEqual(['FORBIDDEN']);
    ok(
      await app.request(IssueFeeChargesDocument, { input: { scheduleId: schedule.id, period: '2026-11-15' } }, { as: 'committee.xinyuan' }),
    );
    const schedulePk = pkOf(schedule.id);
    const count = async () =>
      (await sql<{ n: number }>(app.database, 'select count(*)::int as n from fee_charge where schedule_id = $1', [schedulePk]))[0].n;
    const first = await count();
    ok(
      await app.request(IssueFeeChargesDocument, { input: { scheduleId: schedule.id, period: '2026-11-01' } }, { as: 'committee.xinyuan' }),
    );
    expect(await count()).toBe(first);
    const [active] = await sql<{ n: number }>(
      app.database,
      'select count(*)::int as n from household where compound_id = $1 and archived_at is null',
      [cast.compoundPk],
    );
    expect(first).toBe(active.n);
    // Each charge has its audit entry, as if written one by one; the second run wrote nothing and logged nothing.
    const audit = await sql<{ entity: string; entity_id: number; changes: { period: { after: string } } }>(
      app.database,
      "select entity, entity_id, changes from audit_entry where action = 'issueFeeCharges' order by id",
    );
    const charged = await sql<{ id: number }>(app.database, 'select id from fee_charge where schedule_id = $1 order by id', [schedulePk]);
    expect(audit.map((a) => [a.entity, a.entity_id, a.changes.period.after])).toEqual(
      charged.map((c) => ['FeeCharge', c.id, '2026-11-01']),
    );
    const tooEarly = ok(
      await app.request(IssueFeeChargesDocument, { input: { scheduleId: schedule.id, period: '2026-10-01' } }, { as: 'committee.xinyuan' }),
    ).issueFeeCharges;
    expect(tooEarly.userErrors.map((e) => e.code)).toEqual(['OUT_OF_RANGE']);
    // A schedule stored before the rule above, applying from before its agreement, charges nothing before it.
    const [old] = await sql<{ id: number }>(
      app.database,
      `insert into fee_schedule (compound_id, community_id, name, basis, rate_fen, period, agreed_on, effective_from)
       select id, community_id, '旧的补缴费', 'PER_HOUSEHOLD', 500000, 'MONTHLY', '2026-10-20', '2015-01-01' from compound where id = $1
       returning id`,
      [cast.compoundPk],
    );
    const oldCharges = ok(
      await app.request(
        IssueFeeChargesDocument,
        { input: { scheduleId: gid('FeeSchedule', old.id), period: '2025-01-01' } },
        { as: 'committee.xinyuan' },
      ),
    ).issueFeeCharges;
    expect(oldCharges.userErrors.map((e) => [e.field[0], e.code])).toEqual([['period', 'DATE_ORDER']]);
    expect(
      (await sql<{ n: number }>(app.database, 'select count(*)::int as n from fee_charge where schedule_id = $1', [old.id]))[0].n,
    ).toBe(0);

    // Per m²: the rate times the household's area, rounded to the fen.
    const [charge] = await sql<{ id: number; amount: string; area: string }>(
      app.database,
      'select c.id, c.amount_fen::text as amount, h.area_sqm::text as area from fee_charge c join household h on h.id = c.household_id where c.schedule_id = $1 and h.area_sqm is not null order by c.id limit 1',
      [schedulePk],
    );
    expect(Number(charge.amount)).toBe(Math.round(20 * Number(charge.area)));
    const chargeId = gid('FeeCharge', charge.id);
    const part = ok(
      await app.request(RecordFeePaymentDocument, { input: { chargeId, amountFen: 100, paidOn: '2026-11-10' } }, { as: 'finance.xinyuan' }),
    ).recordFeePayment;
    expect(part.charge).toMatchObject({ paidFen: 100, outstandingFen: Number(charge.amount) - 100 });
    const before = await fingerprint(app.database);
    const over = ok(
      await app.request(RecordFeePaymentDocument, { input: { chargeId, amountFen: Number(charge.amount) } }, { as: 'finance.xinyuan' }),
    ).recordFeePayment;
    expect(over.userErrors.map((e) => [e.field[0], e.code])).toEqual([['amountFen', 'OUT_OF_RANGE']]);
    expect(await fingerprint(app.database)).toEqual(before);
    expect(codes(await app.request(RecordFeePaymentDocument, { input: { chargeId, amountFen: 1 } }, { as: 'resident.xinyuan' }))).toEqual([
      'FORBIDDEN',
    ]);

    const waived = ok(
      await app.request(WaiveFeeDocument, { input: { chargeId, reason: '低保户' } }, { as: 'admin.yongkangbeilu' }),
    ).waiveFee;
    expect(waived.charge).toMatchObject({ outstandingFen: 0, waiverReason: '低保户' });
    // The reason is the household's personal data (null without a duty of care): the audit log, read
    // by administrators who hold none, keeps that a waiver was given, not why.
    const logged = await sql<{ changes: { reason?: { before: unknown; after: unknown } } }>(
      app.database,
      "select changes from audit_entry where entity = 'FeeWaiver' order by id desc limit 1",
    );
    expect(logged[0].changes.reason).toEqual({ before: null, after: '[personal]' });
    expect(JSON.stringify(logged[0].changes)).not.toContain('低保户');
    const again = ok(await app.request(WaiveFeeDocument, { input: { chargeId, reason: '再次' } }, { as: 'admin.yongkangbeilu' })).waiveFee;
    expect(again.userErrors.map((e) => e.code)).toEqual(['OUT_OF_RANGE']);

    // Payments and waivers are append-only, for the application and the owner alike.
    await expect(sqlAs(app.database, 'lianxin_app', 'update fee_payment set amount_fen = 1')).rejects.toThrow(/permission denied/);
    await expect(sql(app.database, 'delete from fee_waiver')).rejects.toThrow(/append-only/);
  });

  it('refuses a charge whose period is not the first day of a month, whoever writes it', async () => {
    const [charge] = await sql<{ id: number; period: string }>(app.database, 'select id, period::text from fee_charge order by id limit 1');
    await expect(sql(app.database, 'update fee_charge set period = period + 14 where id = $1', [charge.id])).rejects.toMatchObject({
      code: '23514',
      constraint: 'fee_charge_period_month_start',
    });
    const [after] = await sql<{ period: string }>(app.database, 'select period::text from fee_charge where id = $1', [charge.id]);
    expect(after.period).toBe(charge.period);
    expect(charge.period.endsWith('-01')).toBe(true);
  });

  it('lists arrears for the committee, the branch and the community only; waiver reasons only with a duty of care', async () => {
    const period = '2025-06-01';
    const asCommittee = ok(await app.request(ArrearsDocument, { id: cast.compound, period }, { as: 'committee.xinyuan' })).node!;
    if (!('arrears' in asCommittee)) throw new Error('expected a compound');
    expect(asCommittee.arrears.totalCount).toBeGreaterThan(10);
    expect(asCommittee.arrears.nodes.every((c) => c.outstandingFen > 0)).toBe(true);
    expect(asCommittee.arrears.nodes[0].household.doorNo).toMatch(/\*/); // the committee sees no exact doors
    ok(await app.request(ArrearsDocument, { id: cast.compound, period }, { as: 'secretary.xinyuan' }));
    ok(await app.request(ArrearsDocument, { id: cast.compound, period }, { as: 'admin.yongkangbeilu' }));
    expect(codes(await app.request(ArrearsDocument, { id: cast.compound, period }, { as: 'finance.xinyuan' }))).toEqual(['FORBIDDEN']);
    expect(codes(await app.request(ArrearsDocument, { id: cast.compound, period }, { as: 'grid.xinyuan' }))).toEqual(['FORBIDDEN']);
    expect(codes(await app.request(ArrearsDocument, { id: cast.compound, period }, { as: 'district.xiaodian' }))).toEqual(['FORBIDDEN']);
  });
});
