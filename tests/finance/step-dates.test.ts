import { fixedClock } from '../../src/core/clock';
import {
  DiscussExpenditureDocument,
  PayExpenditureDocument,
  ProposeExpenditureDocument,
  RecordIncomeDocument,
  ResolveExpenditureDocument,
  ReviewExpenditureDocument,
} from '../generated/graphql';
import { sql, sqlAs } from '../support/databases';
import { openXinyuanAccount, xinyuanCast } from '../support/finance';
import { fingerprint } from '../support/snapshot';
import { ok, pkOf, startTestApp, type GraphQLResponse, type TestApp } from '../support/test-app';

/*
 * A proposal's steps are dated in order: every meeting day and the payment day fall on or after the
 * day the spend was proposed and on or after the previous step's day, and not after today — the
 * community's local day (UTC+8) by the request's clock. The attack it closes: a review dated
 * 2020-01-12 and a resolution dated 2019-01-01 for a proposal made in November 2026, and a payment
 * dated nine months before the proposal existed. Refusals are user errors on the date field that
 * change nothing; the database holds the order too.
 */
describe('the dates of a proposal follow the proposal', () => {
  // 10:00 on 5 November 2026 in the community (02:00 UTC).
  const clock = fixedClock('2026-11-05T02:00:00Z');
  let app: TestApp;
  let account: string;

  beforeAll(async () => {
    app = await startTestApp({ clock });
    const cast = await xinyuanCast(app);
    account = await openXinyuanAccount(app, cast, '2026-01-01');
    ok(
      await app.request(
        RecordIncomeDocument,
        { input: { accountId: account, category: 'FEES', amountFen: 2_000_000, occurredOn: '2026-02-05', description: '2月物业费' } },
        { as: 'secretary.xinyuan' },
      ),
    );
  });
  afterAll(() => app.close());

  type StepResponse = GraphQLResponse<
    Record<string, { proposal: { status: string } | null; userErrors: Array<{ field: string[]; code: string; message: string }> }>
  >;

  async function propose(amountFen: number): Promise<string> {
    const res = ok(
      await app.request(
        ProposeExpenditureDocument,
        { input: { accountId: account, purpose: '修复3号楼路灯', amountFen, payee: '馨园电工班', category: 'REPAIR' } },
        { as: 'secretary.xinyuan' },
      ),
    ).proposeExpenditure;
    expect(res.userErrors).toEqual([]);
    return res.proposal!.id;
  }
  const discuss = (proposalId: string, meetingOn?: string) =>
    app.request(
      DiscussExpenditureDocument,
      { input: { proposalId, meeting: '支部与业委会商议会', meetingOn } },
      { as: 'committee.xinyuan' },
    );
  const review = (proposalId: string, meetingOn?: string) =>
    app.request(ReviewExpenditureDocument, { input: { proposalId, meeting: '党员大会', meetingOn } }, { as: 'secretary.xinyuan' });
  const resolve = (proposalId: string, meetingOn?: string) =>
    app.request(ResolveExpenditureDocument, { input: { proposalId, meeting: '楼院长会议', meetingOn } }, { as: 'owner.xinyuan' });
  const pay = (proposalId: string, paidOn?: string) =>
    app.request(PayExpenditureDocument, { input: { proposalId, paidOn } }, { as: 'committee.xinyuan' });

  async function state(proposalId: string): Promise<{ status: string; payments: number; proposedOn: string }> {
    const [row] = await sql<{ status: string; payments: number; proposed_on: string }>(
      app.database,
      `select status, proposed_on::text, (select count(*)::int from ledger_entry e where e.proposal_id = p.id) as payments
         from expenditure_proposal p where id = $1`,
      [pkOf(proposalId)],
    );
    return { status: row.status, payments: row.payments, proposedOn: row.proposed_on };
  }

  /** Refused with `code` on `field` (the message naming `mentions`): nothing changed, the proposal where it was. */
  async function refused(proposalId: string, step: () => Promise<StepResponse>, field: string, code: string, mentions: string) {
    const before = await fingerprint(app.database);
    const was = await state(proposalId);
    const payload = Object.values(ok(await step()))[0];
    expect(payload.proposal).toBeNull();
    expect(payload.userErrors).toEqual([expect.objectContaining({ field: [field], code, message: expect.stringContaining(mentions) })]);
    expect(await state(proposalId)).toEqual(was);
    expect(await fingerprint(app.database)).toEqual(before);
  }

  async function done(step: () => Promise<StepResponse>, expected: string): Promise<void> {
    const payload = Object.values(ok(await step()))[0];
    expect(payload.userErrors).toEqual([]);
    expect(payload.proposal!.status).toBe(expected);
  }

  it('refuses meetings and payments dated before the proposal, before the previous step, or in the future', async () => {
    clock.set('2026-11-05T02:00:00Z');
    const p = await propose(120_000); // the full path
    expect((await state(p)).proposedOn).toBe('2026-11-05');

    await refused(p, () => discuss(p, '2026-11-04'), 'meetingOn', 'DATE_ORDER', 'proposed on 2026-11-05');
    await done(() => discuss(p, '2026-11-05'), 'DISCUSSED');
    // The attack as reported: a review in 2020 and a resolution in 2019 for a proposal made weeks before.
    await refused(p, () => review(p, '2020-01-12'), 'meetingOn', 'DATE_ORDER', '2026-11-05');
    await refused(p, () => review(p, '2026-11-06'), 'meetingOn', 'OUT_OF_RANGE', '');

    clock.set('2026-11-08T02:00:00Z');
    await done(() => review(p, '2026-11-07'), 'REVIEWED');
    await refused(p, () => resolve(p, '2019-01-01'), 'meetingOn', 'DATE_ORDER', 'review step is dated 2026-11-07');
    await refused(p, () => resolve(p, '2026-11-06'), 'meetingOn', 'DATE_ORDER', '2026-11-07');
    await refused(p, () => resolve(p, '2026-11-09'), 'meetingOn', 'OUT_OF_RANGE', '');
    await done(() => resolve(p, '2026-11-07'), 'RESOLVED'); // the same day as the review is fine

    // A payment nine months before the proposal existed, one before the resolution, one tomorrow.
    await refused(p, () => pay(p, '2026-03-02'), 'paidOn', 'DATE_ORDER', '2026-11-07');
    await refused(p, () => pay(p, '2026-11-06'), 'paidOn', 'DATE_ORDER', 'resolve step is dated 2026-11-07');
    await refused(p, () => pay(p, '2026-11-09'), 'paidOn', 'OUT_OF_RANGE', '');
    // Before the account opened: the account's own rule answers first, as before.
    await refused(p, () => pay(p, '2025-12-31'), 'paidOn', 'DATE_ORDER', '2026-01-01');

    const paid = ok(await pay(p)).payExpenditure;
    expect(paid.userErrors).toEqual([]);
    expect(paid.proposal).toMatchObject({ status: 'PAID', payment: { occurredOn: '2026-11-08' } });
  });

  it("reckons the community's local day: 01:30 in Taiyuan is already tomorrow in UTC+8", async () => {
    // 17:30 UTC on 9 November is 01:30 on 10 November in the community.
    clock.set('2026-11-09T17:30:00Z');
    const p = await propose(12_000); // the simplified path: proposal, then resolution
    expect((await state(p)).proposedOn).toBe('2026-11-10');
    await refused(p, () => resolve(p, '2026-11-09'), 'meetingOn', 'DATE_ORDER', 'proposed on 2026-11-10');
    await done(() => resolve(p, '2026-11-10'), 'RESOLVED');
    const paid = ok(await pay(p)).payExpenditure;
    expect(paid.userErrors).toEqual([]);
    expect(paid.proposal).toMatchObject({ status: 'PAID', payment: { occurredOn: '2026-11-10' } });
  });

  it('holds the order in the database: raw writes as the application role are refused', async () => {
    clock.set('2026-11-12T02:00:00Z');
    const p = await propose(12_000);
    await done(() => resolve(p, '2026-11-12'), 'RESOLVED');
    const step = (day: string) =>
      sqlAs(
        app.database,
        'lianxin_app',
        `insert into proposal_transition (proposal_id, community_id, step, from_status, to_status, actor_label, meeting_on)
         select id, community_id, 'REJECT', 'RESOLVED', 'REJECTED', 'raw', $2 from expenditure_proposal where id = $1`,
        [pkOf(p), day],
      );
    await expect(step('2026-11-11')).rejects.toMatchObject({ constraint: 'proposal_transition_before_proposal' });
    await sql(app.database, "update expenditure_proposal set proposed_on = '2026-11-10' where id = $1", [pkOf(p)]).then(
      () => {
        throw new Error('proposed_on changed');
      },
      (err: { constraint?: string }) => expect(err.constraint).toBe('expenditure_proposal_proposed_on_fixed'),
    );
    const payment = (day: string) =>
      sqlAs(
        app.database,
        'lianxin_app',
        `insert into ledger_entry (account_id, community_id, kind, category, amount_fen, delta_fen, occurred_on, description, recorded_by, proposal_id)
         select account_id, community_id, 'EXPENSE', 'REPAIR', amount_fen, -amount_fen, $2, purpose, 'raw', id from expenditure_proposal where id = $1`,
        [pkOf(p), day],
      );
    await expect(payment('2026-03-02')).rejects.toMatchObject({ constraint: 'ledger_entry_before_proposal' });
    expect(await payment('2026-11-12')).toEqual([]);
    // A proposal made ten days ago with a resolution dated two days later: a payment between is refused.
    const [old] = await sql<{ id: number }>(
      app.database,
      `insert into expenditure_proposal (account_id, community_id, compound_id, purpose, amount_fen, payee, category, status, spending_path,
                                         quorum_required, simplified_below_fen, version, created_at)
       select id, community_id, compound_id, '旧提议', 100, '馨园日杂店', 'SUPPLIES', 'RESOLVED', 'SIMPLIFIED', false, 50000, 2, now() - interval '10 days'
         from co_managed_account where id = $1 returning id`,
      [pkOf(account)],
    );
    const [{ proposed }] = await sql<{ proposed: string }>(
      app.database,
      `select proposed_on::text as proposed from expenditure_proposal where id = $1`,
      [old.id],
    );
    expect(proposed).toBe(
      (await sql<{ d: string }>(app.database, "select ((now() - interval '10 days') at time zone 'Asia/Shanghai')::date::text as d"))[0].d,
    );
    await sql(
      app.database,
      `insert into proposal_transition (proposal_id, community_id, step, from_status, to_status, actor_label, meeting_on)
       select id, community_id, 'RESOLVE', 'PROPOSED', 'RESOLVED', 'raw', proposed_on + 2 from expenditure_proposal where id = $1`,
      [old.id],
    );
    await expect(
      sqlAs(
        app.database,
        'lianxin_app',
        `insert into ledger_entry (account_id, community_id, kind, category, amount_fen, delta_fen, occurred_on, description, recorded_by, proposal_id)
         select account_id, community_id, 'EXPENSE', 'SUPPLIES', 100, -100, proposed_on + 1, purpose, 'raw', id from expenditure_proposal where id = $1`,
        [old.id],
      ),
    ).rejects.toMatchObject({ constraint: 'ledger_entry_before_proposal_steps' });
    await expect(
      sqlAs(
        app.database,
        'lianxin_app',
        `insert into proposal_transition (proposal_id, community_id, step, from_status, to_status, actor_label, meeting_on)
         select id, community_id, 'REJECT', 'RESOLVED', 'REJECTED', 'raw', proposed_on + 1 from expenditure_proposal where id = $1`,
        [old.id],
      ),
    ).rejects.toMatchObject({ constraint: 'proposal_transition_before_previous_step' });
  });
});
