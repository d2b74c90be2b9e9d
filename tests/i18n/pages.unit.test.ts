import { renderPage, type PageData } from '../../src/modules/figures/figures.page';
import { renderStatementDocument } from '../../src/modules/finance/statement-document';

/* The printable pages in both languages: the same figures, the words of the language asked for. */
const statement = {
  node: {
    __typename: 'MonthlyStatement',
    month: '2026-03',
    status: 'PUBLISHED' as const,
    publishedAt: '2026-04-03T02:00:00Z',
    publishedBy: '王芳',
    contentHash: 'ab'.repeat(32),
    verified: true,
    verification: { verified: true, contentMatchesLedger: true, hashMatches: true, openingMatchesPrevious: true },
    late: false,
    dueOn: '2026-04-10',
    note: null,
    openingBalanceFen: 100_00,
    incomeFen: 50_00,
    expenseFen: 20_00,
    closingBalanceFen: 130_00,
    placeName: '永康北路小区',
    community: { name: '永康社区' },
    lines: [
      {
        occurredOn: '2026-03-05',
        kind: 'INCOME',
        category: 'FEES',
        amountFen: 50_00,
        deltaFen: 50_00,
        counterparty: null,
        description: '3月物业费',
        invoiceRef: null,
      },
      {
        occurredOn: '2026-03-09',
        kind: 'EXPENSE',
        category: 'REPAIR',
        amountFen: 20_00,
        deltaFen: -20_00,
        counterparty: '李师傅',
        description: '换灯泡',
        invoiceRef: 'F-1',
      },
    ],
    proposalsPaid: [],
  },
};

const cell = (value: number | null) => ({ value, suppressed: false });
const groups = {
  coverage: { compounds: 4, standaloneCompounds: 2, jointCompounds: 1, uncoveredCompounds: 1 },
  property: { withoutPropertyManagement: 1, redPropertyCompounds: 1 },
  money: { accounts: 3, statementsOnTime: 2, statementsLate: 1, statementsMissing: 0 },
  fees: { collectionRate: cell(0.9) },
  services: { averageRating: cell(4.2), redFlags: 1, yellowFlags: 0, ratedCompounds: 3 },
  people: { households: { value: null, suppressed: true }, partyMembers: cell(40) },
};
const district: PageData = {
  node: {
    __typename: 'District',
    name: '小店区',
    figures: {
      ...groups,
      period: '2026-10',
      asOf: '2026-11-01',
      breakdown: [{ ...groups, name: '永康社区' }],
      series: [{ month: '2026-10-01', collectionRate: cell(0.9) }],
    },
  },
};

describe('the printable pages in two languages', () => {
  it('renders the statement in Chinese by default and in English when asked', () => {
    const zh = renderStatementDocument(statement)!;
    expect(zh).toContain('<html lang="zh-CN">');
    expect(zh).toContain('永康北路小区 2026年3月 三方共管账户收支公示');
    expect(zh).toContain('<th>类别</th>');
    expect(zh).toContain('<td>维修</td>');
    const en = renderStatementDocument(statement, 'en')!;
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('永康北路小区 2026-03: co-managed account, income and expenditure statement');
    expect(en).toContain('<th>Category</th>');
    expect(en).toContain('<td>Repair</td>');
    expect(en).toContain('¥130.00');
    expect(en).not.toMatch(/期初|期末|公示日期|类别/);
  });

  it('renders the district report in Chinese by default and in English when asked', () => {
    const zh = renderPage(district)!;
    expect(zh).toContain('基层治理数据报告');
    expect(zh).toContain('已隐藏');
    const en = renderPage(district, 'en')!;
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('小店区 2026-10: community governance report');
    expect(en).toContain('Fee collection rate per community (%)');
    expect(en).toContain('hidden');
    expect(en).not.toMatch(/基层治理|已隐藏|物业费收缴率|党支部/);
  });
});
