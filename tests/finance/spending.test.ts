import {
  DiscussExpenditureDocument,
  PayExpenditureDocument,
  ProposalByIdDocument,
  ProposeExpenditureDocument,
  RecordIncomeDocument,
  RejectExpenditureDocument,
  ResolveExpenditureDocument,
  ReviewExpenditureDocument,
  UpdateCommunitySettingsDocument,
  WithdrawExpenditureDocument,
} from '../generated/graphql';
import { sql } from '../support/databases';
import { DEMO, idByName } from '../support/demo';
import { openXinyuanAccount, xinyuanCast, type Xinyuan } from '../support/finance';
import { fingerprint } from '../support/snapshot';
import { fixedClock } from '../../src/core/clock';
import { codes, ok, startTestApp, type TestApp, pkOf } from '../support/test-app';

/*
 * The four steps through the real server, each by the role the articles give it, and every
 * refusal: out of order, the proposer resolving, a meeting without quorum or majority, roles that
 * may not take a step, paying twice, paying more than the balance.
 */
describe('spending: proposal → discussion → review → resolution → payment', () => {
  // March 2026, when the spends below were proposed (a step is not dated before its proposal, nor after today).
  const clock = fixedClock('2026-03-10T02:00:00Z');
  let app: TestApp;
  let cast: Xinyuan;
  let account: string;

  beforeAll(async () => {
    app = await startTestApp({ clock });
    cast = await xinyuanCast(app);
    account = await openXinyuanAccount(app, cast);
    ok(
      await app.request(
        RecordIncomeDocument,
        {
          input: {
            accountId: account,
            category: 'FEES',
            amountFen: 1_800_000,
            occurredOn: '2026-03-05',
            description: '3月物业费',
            invoiceRef: 'SJ-0305',
          },
        },
        { as: 'secretary.xinyuan' },
      ),
    );
  });
  afterAll(() => app.close());

  const propose = (amountFen: number, as = 'secretary.xinyuan', purpose = '修复3号楼路灯') =>
    app.request(
      ProposeExpenditureDocument,
      { input: { accountId: account, purpose, amountFen, payee: '馨园电工班', category: 'REPAIR', attachments: ['报价单 BJ-2026-031'] } },
      { as },
    );

  it('walks the full path, each step by its body, and pays from the account in the same transaction', async () => {
    const proposed = ok(await propose(120_000)).proposeExpenditure;
    expect(proposed.userErrors).toEqual([]);
    const p = proposed.proposal!;
    expect(p).toMatchObject({ status: 'PROPOSED', spendingPath: 'FULL', simplifiedBelowFen: 50_000, quorumRequired: false, version: 1 });
    expect(p.transitions).toEqual([
      expect.objectContaining({
        step: 'PROPOSE',
        fromStatus: null,
        toStatus: 'PROPOSED',
        actorLabel: 'secretary.xinyuan',
        actorRole: 'BRANCH_SECRETARY',
      }),
    ]);

    const discussed = ok(
      await app.request(
        DiscussExpenditureDocument,
        { input: { proposalId: p.id, expectedVersion: 1, meeting: '支部与业委会商议会', comment: '同意维修' } },
        { as: 'committee.xinyuan' },
      ),
    ).discussExpenditure;
    expect(discussed.proposal).toMatchObject({ status: 'DISCUSSED', version: 2 });
    clock.set('2026-03-21T02:00:00Z'); // the review meets on the 12th, the payment on the 20th
    const reviewed = ok(
      await app.request(
        ReviewExpenditureDocument,
        {
          input: {
            proposalId: p.id,
            meeting: '党员大会',
            meetingOn: '2026-03-12',
            eligible: 40,
            attendance: 31,
            votesFor: 29,
            votesAgainst: 1,
            abstentions: 1,
          },
        },
        { as: 'secretary.xinyuan' },
      ),
    ).reviewExpenditure;
    expect(reviewed.proposal!.status).toBe('REVIEWED');
    const resolved = ok(
      await app.request(
        ResolveExpenditureDocument,
        { input: { proposalId: p.id, meeting: '楼院长会议', eligible: 12, attendance: 10, votesFor: 9, votesAgainst: 1 } },
        { as: 'owner.xinyuan' },
      ),
    ).resolveExpenditure;
    expect(resolved.userErrors).toEqual([]);
    expect(resolved.proposal!.status).toBe('RESOLVED');

    const paid = ok(
      await app.request(
        PayExpenditureDocument,
        { input: { proposalId: p.id, paidOn: '2026-03-20', invoiceRef: 'FP-0320-01' } },
        { as: 'committee.xinyuan' },
      ),
    ).payExpenditure;
    expect(paid.userErrors).toEqual([]);
    expect(paid.proposal).toMatchObject({
      status: 'PAID',
      version: 5,
      payment: { kind: 'EXPENSE', amountFen: 120_000, deltaFen: -120_000, occurredOn: '2026-03-20' },
      account: { balanceFen: 1_680_000 },
    });
    expect(paid.proposal!.transitions.map((t) => [t.step, t.toStatus, t.actorLabel, t.actorRole])).toEqual([
      ['PROPOSE', 'PROPOSED', 'secretary.xinyuan', 'BRANCH_SECRETARY'],
      ['DISCUSS', 'DISCUSSED', 'committee.xinyuan', 'COMMITTEE_MEMBER'],
      ['REVIEW', 'REVIEWED', 'secretary.xinyuan', 'BRANCH_SECRETARY'],
      ['RESOLVE', 'RESOLVED', 'owner.xinyuan', 'OWNER_REPRESENTATIVE'],
      ['PAY', 'PAID', 'committee.xinyuan', 'COMMITTEE_MEMBER'],
    ]);
    expect(paid.proposal!.transitions[2]).toMatchObject({ meeting: '党员大会', attendance: 31, votesFor: 29 });
  });

  it('takes the simplified path below the community threshold: proposal, then resolution', async () => {
    const p = ok(await propose(12_800, 'secretary.xinyuan', '购买扫帚')).proposeExpenditure.proposal!;
    expect(p.spendingPath).toBe('SIMPLIFIED');
    const discuss = ok(
      await app.request(DiscussExpenditureDocument, { input: { proposalId: p.id } }, { as: 'committee.xinyuan' }),
    ).discussExpenditure;
    expect(discuss.userErrors.map((e) => e.code)).toEqual(['INVALID_TRANSITION']);
    const resolved = ok(
      await app.request(ResolveExpenditureDocument, { input: { proposalId: p.id, comment: '楼院长会议同意' } }, { as: 'owner.xinyuan' }),
    ).resolveExpenditure;
    expect(resolved.proposal!.status).toBe('RESOLVED');
  });

  it('refuses a step out of order, and changes nothing', async () => {
    const p = ok(await propose(80_000)).proposeExpenditure.proposal!;
    const before = await fingerprint(app.database);
    const res = ok(
      await app.request(ResolveExpenditureDocument, { input: { proposalId: p.id } }, { as: 'owner.xinyuan' }),
    ).resolveExpenditure;
    expect(res.proposal).toBeNull();
    expect(res.userErrors).toEqual([expect.objectContaining({ field: ['proposalId'], code: 'INVALID_TRANSITION' })]);
    const pay = ok(await app.request(PayExpenditureDocument, { input: { proposalId: p.id } }, { as: 'committee.xinyuan' })).payExpenditure;
    expect(pay.userErrors.map((e) => e.code)).toEqual(['INVALID_TRANSITION']);
    expect(await fingerprint(app.database)).toEqual(before);
  });

  it('never lets the proposer resolve, whatever roles they hold', async () => {
    // The community admin holds every step's capability; it still cannot resolve its own proposal.
    const p = ok(await propose(30_000, 'admin.yongkangbeilu', '更换楼道灯泡')).proposeExpenditure.proposal!;
    const own = ok(
      await app.request(ResolveExpenditureDocument, { input: { proposalId: p.id } }, { as: 'admin.yongkangbeilu' }),
    ).resolveExpenditure;
    expect(own.userErrors).toEqual([expect.objectContaining({ code: 'SAME_PERSON' })]);
    const other = ok(
      await app.request(ResolveExpenditureDocument, { input: { proposalId: p.id } }, { as: 'owner.xinyuan' }),
    ).resolveExpenditure;
    expect(other.proposal!.status).toBe('RESOLVED');
  });

  it('above the quorum threshold, a meeting needs two thirds present and a majority of them', async () => {
    const p = ok(await propose(900_000, 'secretary.xinyuan', '更换小区监控')).proposeExpenditure.proposal!;
    expect(p.quorumRequired).toBe(true);
    ok(await app.request(DiscussExpenditureDocument, { input: { proposalId: p.id } }, { as: 'committee.xinyuan' }));
    const missing = ok(
      await app.request(ReviewExpenditureDocument, { input: { proposalId: p.id } }, { as: 'secretary.xinyuan' }),
    ).reviewExpenditure;
    expect(missing.userErrors.map((e) => [e.field[0], e.code])).toEqual([
      ['meeting', 'REQUIRED'],
      ['eligible', 'REQUIRED'],
      ['attendance', 'REQUIRED'],
      ['votesFor', 'REQUIRED'],
    ]);
    const thin = ok(
      await app.request(
        ReviewExpenditureDocument,
        { input: { proposalId: p.id, meeting: '党员大会', eligible: 40, attendance: 20, votesFor: 20 } },
        { as: 'secretary.xinyuan' },
      ),
    ).reviewExpenditure;
    expect(thin.userErrors).toEqual([
      expect.objectContaining({ field: ['attendance'], code: 'QUORUM_NOT_MET', message: expect.stringContaining('20 of 40') }),
    ]);
    const lost = ok(
      await app.request(
        ReviewExpenditureDocument,
        { input: { proposalId: p.id, meeting: '党员大会', eligible: 40, attendance: 30, votesFor: 15, votesAgainst: 15 } },
        { as: 'secretary.xinyuan' },
      ),
    ).reviewExpenditure;
    expect(lost.userErrors.map((e) => e.code)).toEqual(['NOT_CARRIED']);
    const carried = ok(
      await app.request(
        ReviewExpenditureDocument,
        { input: { proposalId: p.id, meeting: '党员大会', eligible: 40, attendance: 30, votesFor: 16 } },
        { as: 'secretary.xinyuan' },
      ),
    ).reviewExpenditure;
    expect(carried.proposal!.status).toBe('REVIEWED');
  });

  it('refuses steps to roles that may not take them, in both directions', async () => {
    const p = ok(await propose(60_000)).proposeExpenditure.proposal!;
    // Proposing belongs to the branch: not the owners' side, not residents, not another community.
    expect(codes(await propose(60_000, 'owner.xinyuan'))).toEqual(['FORBIDDEN']);
    expect(codes(await propose(60_000, 'resident.xinyuan'))).toEqual(['FORBIDDEN']);
    expect(codes(await propose(60_000, 'finance.xinyuan'))).toEqual(['FORBIDDEN']);
    expect(codes(await propose(60_000, 'admin.zhenxing'))).toEqual(['NOT_FOUND']);
    // Discussion: committee and branch, not the owner representative or the finance group.
    expect(codes(await app.request(DiscussExpenditureDocument, { input: { proposalId: p.id } }, { as: 'owner.xinyuan' }))).toEqual([
      'FORBIDDEN',
    ]);
    expect(codes(await app.request(DiscussExpenditureDocument, { input: { proposalId: p.id } }, { as: 'finance.xinyuan' }))).toEqual([
      'FORBIDDEN',
    ]);
    ok(await app.request(DiscussExpenditureDocument, { input: { proposalId: p.id } }, { as: 'secretary.xinyuan' }));
    // Review: the party-member assembly, recorded by the branch; not the committee.
    expect(codes(await app.request(ReviewExpenditureDocument, { input: { proposalId: p.id } }, { as: 'committee.xinyuan' }))).toEqual([
      'FORBIDDEN',
    ]);
    ok(await app.request(ReviewExpenditureDocument, { input: { proposalId: p.id } }, { as: 'secretary.xinyuan' }));
    // Resolution: the owners' side, not the branch.
    expect(codes(await app.request(ResolveExpenditureDocument, { input: { proposalId: p.id } }, { as: 'secretary.xinyuan' }))).toEqual([
      'FORBIDDEN',
    ]);
    expect(codes(await app.request(ResolveExpenditureDocument, { input: { proposalId: p.id } }, { as: 'leader.xinyuan' }))).toEqual([
      'FORBIDDEN',
    ]);
    ok(await app.request(ResolveExpenditureDocument, { input: { proposalId: p.id } }, { as: 'committee.xinyuan' }));
    // Paying: a custodian role; not the finance supervisors, not a resident.
    expect(codes(await app.request(PayExpenditureDocument, { input: { proposalId: p.id } }, { as: 'finance.xinyuan' }))).toEqual([
      'FORBIDDEN',
    ]);
    expect(codes(await app.request(PayExpenditureDocument, { input: { proposalId: p.id } }, { as: 'resident.xinyuan' }))).toEqual([
      'FORBIDDEN',
    ]);
    const paid = ok(await app.request(PayExpenditureDocument, { input: { proposalId: p.id } }, { as: 'owner.xinyuan' })).payExpenditure;
    expect(paid.proposal!.status).toBe('PAID');
    // Paying again: someone already did.
    const again = await app.request(PayExpenditureDocument, { input: { proposalId: p.id } }, { as: 'owner.xinyuan' });
    expect(codes(again)).toEqual(['CONFLICT']);
    const [{ n }] = await sql<{ n: number }>(app.database, 'select count(*)::int as n from ledger_entry where proposal_id = $1', [
      pkOf(p.id),
    ]);
    expect(n).toBe(1);
  });

  it('acts only on the version the caller saw', async () => {
    const p = ok(await propose(70_000)).proposeExpenditure.proposal!;
    ok(await app.request(DiscussExpenditureDocument, { input: { proposalId: p.id, expectedVersion: 1 } }, { as: 'committee.xinyuan' }));
    const stale = await app.request(
      RejectExpenditureDocument,
      { input: { proposalId: p.id, expectedVersion: 1, comment: '价格过高' } },
      { as: 'secretary.xinyuan' },
    );
    expect(codes(stale)).toEqual(['CONFLICT']);
    expect(stale.errors![0].extensions).toMatchObject({ status: 'DISCUSSED', version: 2 });
  });

  it('rejects from an open step with a reason, by whoever holds the step it waits for; withdraws by the branch', async () => {
    const a = ok(await propose(70_000)).proposeExpenditure.proposal!;
    const noReason = ok(
      await app.request(RejectExpenditureDocument, { input: { proposalId: a.id } }, { as: 'committee.xinyuan' }),
    ).rejectExpenditure;
    expect(noReason.userErrors.map((e) => [e.field[0], e.code])).toEqual([['comment', 'REQUIRED']]);
    // Waiting for discussion: the owner representative holds no discussion, so cannot reject here.
    expect(
      codes(await app.request(RejectExpenditureDocument, { input: { proposalId: a.id, comment: '不必要' } }, { as: 'owner.xinyuan' })),
    ).toEqual(['FORBIDDEN']);
    const rejected = ok(
      await app.request(RejectExpenditureDocument, { input: { proposalId: a.id, comment: '可由保修解决' } }, { as: 'committee.xinyuan' }),
    ).rejectExpenditure;
    expect(rejected.proposal).toMatchObject({ status: 'REJECTED' });
    expect(rejected.proposal!.transitions.at(-1)).toMatchObject({ step: 'REJECT', fromStatus: 'PROPOSED', comment: '可由保修解决' });
    expect(codes(await app.request(DiscussExpenditureDocument, { input: { proposalId: a.id } }, { as: 'committee.xinyuan' }))).toEqual([
      'CONFLICT',
    ]);

    const b = ok(await propose(70_000)).proposeExpenditure.proposal!;
    expect(codes(await app.request(WithdrawExpenditureDocument, { input: { proposalId: b.id } }, { as: 'committee.xinyuan' }))).toEqual([
      'FORBIDDEN',
    ]);
    const withdrawn = ok(
      await app.request(WithdrawExpenditureDocument, { input: { proposalId: b.id, comment: '改用维修基金' } }, { as: 'secretary.xinyuan' }),
    ).withdrawExpenditure;
    expect(withdrawn.proposal!.status).toBe('WITHDRAWN');
  });

  it('does not pay more than the balance unless the community allows it', async () => {
    const p = ok(await propose(5_000_000, 'secretary.xinyuan', '外墙保温')).proposeExpenditure.proposal!;
    ok(await app.request(DiscussExpenditureDocument, { input: { proposalId: p.id } }, { as: 'committee.xinyuan' }));
    ok(
      await app.request(
        ReviewExpenditureDocument,
        { input: { proposalId: p.id, meeting: '党员大会', eligible: 40, attendance: 36, votesFor: 30 } },
        { as: 'secretary.xinyuan' },
      ),
    );
    ok(
      await app.request(
        ResolveExpenditureDocument,
        { input: { proposalId: p.id, meeting: '楼院长会议', eligible: 12, attendance: 12, votesFor: 11 } },
        { as: 'owner.xinyuan' },
      ),
    );
    const before = await fingerprint(app.database);
    const short = ok(
      await app.request(PayExpenditureDocument, { input: { proposalId: p.id } }, { as: 'committee.xinyuan' }),
    ).payExpenditure;
    expect(short.userErrors).toEqual([
      expect.objectContaining({ code: 'INSUFFICIENT_FUNDS', message: expect.stringContaining('does not allow a negative balance') }),
    ]);
    expect(await fingerprint(app.database)).toEqual(before);

    const community = await idByName(app.database, 'community', DEMO.yongkang, 'Community');
    // Only the community decides (the branch secretary may not).
    expect(
      codes(
        await app.request(
          UpdateCommunitySettingsDocument,
          { input: { communityId: community, allowNegativeBalance: true } },
          { as: 'secretary.xinyuan' },
        ),
      ),
    ).toEqual(['FORBIDDEN']);
    const allowed = ok(
      await app.request(
        UpdateCommunitySettingsDocument,
        { input: { communityId: community, allowNegativeBalance: true } },
        { as: 'admin.yongkangbeilu' },
      ),
    ).updateCommunitySettings;
    expect(allowed.settings).toMatchObject({ allowNegativeBalance: true, partyMemberRatioMin: 60 });
    const paid = ok(await app.request(PayExpenditureDocument, { input: { proposalId: p.id } }, { as: 'committee.xinyuan' })).payExpenditure;
    expect(paid.proposal!.account.balanceFen).toBeLessThan(0);
    ok(
      await app.request(
        UpdateCommunitySettingsDocument,
        { input: { communityId: community, allowNegativeBalance: false } },
        { as: 'admin.yongkangbeilu' },
      ),
    );
  });

  it('validates proposals before they reach the database', async () => {
    const res = ok(
      await app.request(
        ProposeExpenditureDocument,
        { input: { accountId: account, purpose: ' ', amountFen: 0, payee: '某公司', category: 'FEES' } },
        { as: 'secretary.xinyuan' },
      ),
    ).proposeExpenditure;
    expect(res.userErrors.map((e) => [e.field[0], e.code])).toEqual([
      ['purpose', 'BLANK'],
      ['amountFen', 'OUT_OF_RANGE'],
    ]);
    const income = ok(
      await app.request(
        ProposeExpenditureDocument,
        { input: { accountId: account, purpose: '收费', amountFen: 100, payee: '某公司', category: 'FEES' } },
        { as: 'secretary.xinyuan' },
      ),
    ).proposeExpenditure;
    expect(income.userErrors.map((e) => e.code)).toEqual(['MISMATCH']);
    const fractional = await app.request(
      ProposeExpenditureDocument,
      { input: { accountId: account, purpose: '收费', amountFen: 10.5, payee: '某公司', category: 'REPAIR' } },
      { as: 'secretary.xinyuan' },
    );
    expect(codes(fractional)).toEqual(['BAD_USER_INPUT']);
  });

  it("is not there for another community: a proposal's ID behaves like one that does not exist", async () => {
    const p = ok(await propose(20_000)).proposeExpenditure.proposal!;
    expect(ok(await app.request(ProposalByIdDocument, { id: p.id }, { as: 'admin.zhenxing' })).node).toBeNull();
    expect(codes(await app.request(ProposalByIdDocument, { id: p.id }, { as: 'admin.zhenxing' }))).toEqual([]);
    expect(codes(await app.request(ResolveExpenditureDocument, { input: { proposalId: p.id } }, { as: 'admin.zhenxing' }))).toEqual([
      'NOT_FOUND',
    ]);
    // Residents of the compound see published statements, not proposals under way.
    expect(codes(await app.request(ProposalByIdDocument, { id: p.id }, { as: 'resident.xinyuan' }))).toEqual(['FORBIDDEN']);
    expect(ok(await app.request(ProposalByIdDocument, { id: p.id }, { as: 'finance.xinyuan' })).node).toMatchObject({ status: 'PROPOSED' });
  });
});
