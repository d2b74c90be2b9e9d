import {
  CompoundMoneyDocument,
  OpenCoManagedAccountDocument,
  RecordIncomeDocument,
  ReplaceCustodianDocument,
  ReverseLedgerEntryDocument,
} from '../generated/graphql';
import { sql, sqlAs } from '../support/databases';
import { DEMO, idByName } from '../support/demo';
import { openXinyuanAccount, xinyuanCast, type Xinyuan } from '../support/finance';
import { fingerprint } from '../support/snapshot';
import { codes, ok, startTestApp, type TestApp } from '../support/test-app';

/*
 * The co-managed account: three custodians, three different persons, the seat rules; the ledger:
 * income recorded, mistakes reversed, never updated or deleted; the balance derived.
 */
describe('co-managed accounts and the ledger', () => {
  let app: TestApp;
  let cast: Xinyuan;

  beforeAll(async () => {
    app = await startTestApp();
    cast = await xinyuanCast(app);
  });
  afterAll(() => app.close());

  const open = (custodians: Array<{ seat: string; personId: string }>, as = 'secretary.xinyuan') =>
    app.request(
      OpenCoManagedAccountDocument,
      { input: { compoundId: cast.compound, openedOn: '2026-01-01', custodians: custodians as never } },
      { as },
    );

  it('refuses an account without exactly three custodians, three persons, in their seats — and changes nothing', async () => {
    const before = await fingerprint(app.database);
    const two = ok(
      await open([
        { seat: 'BRANCH_SECRETARY', personId: cast.secretary },
        { seat: 'COMMITTEE_MEMBER', personId: cast.committeeMember },
      ]),
    ).openCoManagedAccount;
    expect(two.userErrors.map((e) => e.code)).toEqual(['REQUIRED', 'OUT_OF_RANGE']);
    const samePerson = ok(
      await open([
        { seat: 'BRANCH_SECRETARY', personId: cast.secretary },
        { seat: 'COMMITTEE_MEMBER', personId: cast.committeeMember },
        { seat: 'OWNER_REPRESENTATIVE', personId: cast.committeeMember },
      ]),
    ).openCoManagedAccount;
    expect(samePerson.userErrors).toEqual([expect.objectContaining({ field: ['custodians', '2', 'personId'], code: 'TAKEN' })]);
    const wrongSecretary = ok(
      await open([
        { seat: 'BRANCH_SECRETARY', personId: cast.resident },
        { seat: 'COMMITTEE_MEMBER', personId: cast.committeeMember },
        { seat: 'OWNER_REPRESENTATIVE', personId: cast.ownerRepresentative },
      ]),
    ).openCoManagedAccount;
    expect(wrongSecretary.userErrors).toEqual([
      expect.objectContaining({
        field: ['custodians', '0', 'personId'],
        code: 'MISMATCH',
        message: expect.stringContaining('馨园小区党支部'),
      }),
    ]);
    const [outsider] = await sql<{ id: number }>(
      app.database,
      `select p.id from person p join household h on h.id = p.household_id join compound c on c.id = h.compound_id where c.name = $1 limit 1`,
      [DEMO.yifen],
    );
    const notResident = ok(
      await open([
        { seat: 'BRANCH_SECRETARY', personId: cast.secretary },
        { seat: 'COMMITTEE_MEMBER', personId: Buffer.from(`Person:${outsider.id}`).toString('base64url') },
        { seat: 'OWNER_REPRESENTATIVE', personId: cast.ownerRepresentative },
      ]),
    ).openCoManagedAccount;
    expect(notResident.userErrors.map((e) => e.code)).toEqual(['MISMATCH']);
    expect(await fingerprint(app.database)).toEqual(before);
  });

  it('is opened by the branch or the community, not by the owners, the finance group or another community', async () => {
    const seats = [
      { seat: 'BRANCH_SECRETARY', personId: cast.secretary },
      { seat: 'COMMITTEE_MEMBER', personId: cast.committeeMember },
      { seat: 'OWNER_REPRESENTATIVE', personId: cast.ownerRepresentative },
    ];
    expect(codes(await open(seats, 'owner.xinyuan'))).toEqual(['FORBIDDEN']);
    expect(codes(await open(seats, 'finance.xinyuan'))).toEqual(['FORBIDDEN']);
    expect(codes(await open(seats, 'resident.xinyuan'))).toEqual(['FORBIDDEN']);
    expect(codes(await open(seats, 'district.xiaodian'))).toEqual(['FORBIDDEN']);
    expect(codes(await open(seats, 'admin.zhenxing'))).toEqual(['NOT_FOUND']);
    const account = await openXinyuanAccount(app, cast);
    const again = ok(await open(seats)).openCoManagedAccount;
    expect(again.userErrors).toEqual([expect.objectContaining({ field: ['compoundId'], code: 'TAKEN' })]);

    const money = ok(await app.request(CompoundMoneyDocument, { id: cast.compound }, { as: 'finance.xinyuan' })).node!;
    if (!('account' in money)) throw new Error('expected a compound');
    expect(money.account).toMatchObject({ id: account, name: '馨园三方共管账户', balanceFen: 0, openedOn: '2026-01-01' });
    expect(money.account!.custodians.map((c) => [c.seat, c.person.id])).toEqual([
      ['BRANCH_SECRETARY', cast.secretary],
      ['COMMITTEE_MEMBER', cast.committeeMember],
      ['OWNER_REPRESENTATIVE', cast.ownerRepresentative],
    ]);
    expect(money.community.settings).toEqual({
      partyMemberRatioMin: 60,
      simplifiedSpendingBelowFen: 50_000,
      quorumSpendingAboveFen: 500_000,
      statementDueDay: 10,
      allowNegativeBalance: false,
    });
    // Residents and district officers do not see the account itself.
    expect(codes(await app.request(CompoundMoneyDocument, { id: cast.compound }, { as: 'resident.xinyuan' }))).toEqual(['FORBIDDEN']);
  });

  it('hands a seat over as a recorded act; the outgoing custodian keeps their period', async () => {
    const { account } = await accountOf();
    const [newcomer] = await sql<{ id: number }>(
      app.database,
      `select p.id from person p join household h on h.id = p.household_id where h.compound_id = $1 and p.id not in (select person_id from custodian) order by p.id offset 5 limit 1`,
      [cast.compoundPk],
    );
    const personId = Buffer.from(`Person:${newcomer.id}`).toString('base64url');
    const taken = ok(
      await app.request(
        ReplaceCustodianDocument,
        { input: { accountId: account, seat: 'OWNER_REPRESENTATIVE', personId: cast.committeeMember, since: '2026-06-01' } },
        { as: 'secretary.xinyuan' },
      ),
    ).replaceCustodian;
    expect(taken.userErrors.map((e) => e.code)).toEqual(['TAKEN']);
    const replaced = ok(
      await app.request(
        ReplaceCustodianDocument,
        { input: { accountId: account, seat: 'OWNER_REPRESENTATIVE', personId, since: '2026-06-01' } },
        { as: 'secretary.xinyuan' },
      ),
    ).replaceCustodian;
    expect(replaced.userErrors).toEqual([]);
    const owners = replaced.custodian!.account.custodians.filter((c) => c.seat === 'OWNER_REPRESENTATIVE');
    expect(owners.map((c) => [c.person.id, c.since, c.until])).toEqual([
      [cast.ownerRepresentative, '2026-01-01', '2026-06-01'],
      [personId, '2026-06-01', null],
    ]);
    const [audit] = await sql<{ n: number }>(
      app.database,
      `select count(*)::int as n from audit_entry where action = 'replaceCustodian' and entity = 'Custodian'`,
    );
    expect(audit.n).toBe(2); // the outgoing row ended, the incoming row created
  });

  async function accountOf(): Promise<{ account: string }> {
    const money = ok(await app.request(CompoundMoneyDocument, { id: cast.compound }, { as: 'secretary.xinyuan' })).node!;
    if (!('account' in money) || !money.account) throw new Error('no account');
    return { account: money.account.id };
  }

  it('records income, reverses a mistake once, and derives the balance from the ledger', async () => {
    const { account } = await accountOf();
    const income = (amountFen: number, occurredOn: string, as = 'secretary.xinyuan') =>
      app.request(
        RecordIncomeDocument,
        { input: { accountId: account, category: 'FEES', amountFen, occurredOn, description: '物业费', invoiceRef: 'SJ-1' } },
        { as },
      );
    const a = ok(await income(450_000, '2026-02-06')).recordIncome;
    expect(a.entry).toMatchObject({ kind: 'INCOME', deltaFen: 450_000, recordedBy: 'secretary.xinyuan', account: { balanceFen: 450_000 } });
    const b = ok(await income(4_500, '2026-02-07')).recordIncome;
    const reversed = ok(
      await app.request(
        ReverseLedgerEntryDocument,
        { input: { entryId: b.entry!.id, occurredOn: '2026-02-08', reason: '重复录入' } },
        { as: 'secretary.xinyuan' },
      ),
    ).reverseLedgerEntry;
    expect(reversed.entry).toMatchObject({
      kind: 'REVERSAL',
      category: 'CORRECTION',
      amountFen: 4_500,
      deltaFen: -4_500,
      reverses: { id: b.entry!.id },
      account: { balanceFen: 450_000 },
    });
    expect(reversed.entry!.reverses!.reversedBy!.id).toBe(reversed.entry!.id);
    const twice = ok(
      await app.request(ReverseLedgerEntryDocument, { input: { entryId: b.entry!.id, reason: '再次' } }, { as: 'secretary.xinyuan' }),
    ).reverseLedgerEntry;
    expect(twice.userErrors.map((e) => e.code)).toEqual(['ALREADY_REVERSED']);
    const ofReversal = ok(
      await app.request(
        ReverseLedgerEntryDocument,
        { input: { entryId: reversed.entry!.id, reason: '再次' } },
        { as: 'secretary.xinyuan' },
      ),
    ).reverseLedgerEntry;
    expect(ofReversal.userErrors.map((e) => e.code)).toEqual(['ALREADY_REVERSED']);
    // Before the account opened; in the future; an expense category: refused.
    expect(ok(await income(100, '2025-12-31')).recordIncome.userErrors.map((e) => e.code)).toEqual(['DATE_ORDER']);
    expect(ok(await income(100, '2099-01-01')).recordIncome.userErrors.map((e) => e.code)).toEqual(['OUT_OF_RANGE']);
    const expense = ok(
      await app.request(
        RecordIncomeDocument,
        { input: { accountId: account, category: 'REPAIR', amountFen: 100, occurredOn: '2026-02-01', description: '维修' } },
        { as: 'secretary.xinyuan' },
      ),
    ).recordIncome;
    expect(expense.userErrors.map((e) => e.code)).toEqual(['MISMATCH']);
    // Who may record: the branch and the community, not the committee or a resident.
    expect(codes(await income(100, '2026-02-01', 'committee.xinyuan'))).toEqual(['FORBIDDEN']);
    expect(codes(await income(100, '2026-02-01', 'resident.xinyuan'))).toEqual(['FORBIDDEN']);
    expect(codes(await income(100, '2026-02-01', 'admin.zhenxing'))).toEqual(['NOT_FOUND']);

    const money = ok(await app.request(CompoundMoneyDocument, { id: cast.compound }, { as: 'finance.xinyuan' })).node!;
    if (!('account' in money) || !money.account) throw new Error('no account');
    const sum = money.account.ledger.nodes.reduce((s, e) => s + e.deltaFen, 0);
    expect(money.account.balanceFen).toBe(sum);
    expect(money.account.ledger.totalCount).toBe(3);
  });

  it('keeps the ledger append-only in the database itself, for the application role and the owner alike', async () => {
    await expect(sqlAs(app.database, 'lianxin_app', 'update ledger_entry set amount_fen = 1')).rejects.toThrow(/permission denied/);
    await expect(sqlAs(app.database, 'lianxin_app', 'delete from ledger_entry')).rejects.toThrow(/permission denied/);
    await expect(sql(app.database, 'update ledger_entry set description = $1', ['改'])).rejects.toThrow(/append-only/);
    await expect(sql(app.database, 'delete from proposal_transition')).rejects.toThrow(/append-only/);
    // A reversal must cancel an entry of its own account with the opposite amount.
    await expect(
      sql(
        app.database,
        `insert into ledger_entry (account_id, community_id, compound_id, kind, category, amount_fen, delta_fen, occurred_on, description, reverses_id, recorded_by)
         select account_id, community_id, compound_id, 'REVERSAL', 'CORRECTION', amount_fen, delta_fen, occurred_on, 'x', id, 'x' from ledger_entry where kind = 'INCOME' and compound_id = $1 limit 1`,
        [cast.compoundPk],
      ),
    ).rejects.toThrow(/reversal must cancel/);
  });

  it("shows no other community's account, entries or balance — through the API or row-level security", async () => {
    const yifen = await idByName(app.database, 'compound', DEMO.yifen, 'Compound');
    const theirs = ok(await app.request(CompoundMoneyDocument, { id: yifen }, { as: 'admin.zhenxing' })).node;
    expect(theirs).toBeNull();
    const own = ok(await app.request(CompoundMoneyDocument, { id: yifen }, { as: 'admin.yongkangbeilu' })).node!;
    if (!('account' in own) || !own.account) throw new Error('the demo gives Yifen Xianzhuang an account');
    expect(own.account.ledger.totalCount).toBeGreaterThan(10);
  });
});
