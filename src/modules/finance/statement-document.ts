/*
 * The printable notice-board page of a monthly statement (公示栏). It is rendered from the answer
 * to STATEMENT_DOCUMENT_QUERY, run through the normal GraphQL pipeline with the caller's
 * credentials: the permission tree and row-level security decide what it may show, exactly as for
 * the API.
 */

export const STATEMENT_DOCUMENT_QUERY = `query StatementDocument($id: ID!) {
  node(id: $id) {
    __typename
    ... on MonthlyStatement {
      month status publishedAt publishedBy contentHash verified late dueOn note
      verification { verified contentMatchesLedger hashMatches openingMatchesPrevious }
      openingBalanceFen incomeFen expenseFen closingBalanceFen
      placeName community { name }
      lines { occurredOn kind category amountFen deltaFen counterparty description invoiceRef }
      proposalsPaid { purpose payee amountFen }
    }
  }
}`;

interface Verification {
  verified: boolean;
  contentMatchesLedger: boolean;
  hashMatches: boolean;
  openingMatchesPrevious: boolean;
}

interface StatementDocumentData {
  node: null | {
    __typename: string;
    month: string;
    status: 'DRAFT' | 'PUBLISHED';
    publishedAt: string | null;
    publishedBy: string | null;
    contentHash: string | null;
    verified: boolean;
    verification: Verification | null;
    late: boolean;
    dueOn: string;
    note: string | null;
    openingBalanceFen: number;
    incomeFen: number;
    expenseFen: number;
    closingBalanceFen: number;
    placeName: string;
    community: { name: string };
    lines: Array<{
      occurredOn: string;
      kind: string;
      category: string;
      amountFen: number;
      deltaFen: number;
      counterparty: string | null;
      description: string;
      invoiceRef: string | null;
    }>;
    proposalsPaid: Array<{ purpose: string; payee: string; amountFen: number }>;
  };
}

const CATEGORY: Record<string, string> = {
  FEES: '物业费/管理费',
  SUBSIDY: '补贴',
  DONATION: '捐赠',
  OTHER_INCOME: '其他收入',
  REPAIR: '维修',
  CLEANING: '保洁',
  GREENING: '绿化',
  SECURITY: '安保',
  UTILITIES: '水电',
  SUPPLIES: '物料',
  STAFF: '人员',
  OTHER_EXPENSE: '其他支出',
  CORRECTION: '冲正',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** ¥1,234.56 from fen, with integer arithmetic only. */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}¥${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/** One warning per failed check of a published statement (none for a draft, or when all hold). */
function integrityWarnings(verified: boolean, v: Verification | null): string[] {
  if (!v) return verified ? [] : ['本公示未能通过核验'];
  const warnings: string[] = [];
  if (!v.hashMatches) warnings.push('本公示内容与发布时的校验值不符');
  if (!v.contentMatchesLedger) warnings.push('按账本重新计算本月收支，与本公示内容不符（公示后账目有改动）');
  if (!v.openingMatchesPrevious) warnings.push('本月期初余额与上月公示的期末余额不符');
  if (!warnings.length && !verified) warnings.push('本公示未能通过核验');
  return warnings;
}

/** The page, or null when the statement is not there for this caller (another community, a draft for a resident). */
export function renderStatementDocument(data: StatementDocumentData | null | undefined): string | null {
  const s = data?.node;
  if (!s || s.__typename !== 'MonthlyStatement') return null;
  const [year, month] = s.month.split('-');
  const title = `${escapeHtml(s.placeName)} ${year}年${Number(month)}月 三方共管账户收支公示`;
  const rows = s.lines
    .map(
      (l) =>
        `<tr><td>${l.occurredOn}</td><td>${escapeHtml(CATEGORY[l.category] ?? l.category)}</td><td>${escapeHtml(l.description)}</td>` +
        `<td>${escapeHtml(l.counterparty ?? '')}</td><td>${escapeHtml(l.invoiceRef ?? '')}</td>` +
        `<td class="n">${l.deltaFen > 0 ? yuan(l.deltaFen) : ''}</td><td class="n">${l.deltaFen < 0 ? yuan(-l.deltaFen) : ''}</td></tr>`,
    )
    .join('\n');
  const paid = s.proposalsPaid.length
    ? `<h2>本月支付的支出提议</h2><ul>${s.proposalsPaid.map((p) => `<li>${escapeHtml(p.purpose)}（${escapeHtml(p.payee)}）${yuan(p.amountFen)}</li>`).join('')}</ul>`
    : '';
  const status =
    s.status === 'PUBLISHED'
      ? `公示日期：${s.publishedAt!.slice(0, 10)}　公示人：${escapeHtml(s.publishedBy ?? '')}${s.late ? '（逾期公示）' : ''}`
      : `草稿（未公示，应于${s.dueOn}前公示）`;
  const integrity = integrityWarnings(s.verified, s.verification)
    .map((w) => `<p class="warn">警告：${w}，请联系社区核实。</p>`)
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${title}</title>
<style>
  body { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 2em; color: #111; }
  h1 { font-size: 1.5em; text-align: center; } h2 { font-size: 1.1em; }
  table { border-collapse: collapse; width: 100%; margin: 1em 0; } th, td { border: 1px solid #444; padding: 4px 6px; font-size: 0.95em; }
  td.n, th.n { text-align: right; white-space: nowrap; } .totals td { font-weight: bold; } .warn { color: #b00; font-weight: bold; }
  .meta { color: #333; } .hash { font-family: monospace; font-size: 0.8em; color: #555; word-break: break-all; }
  @media print { body { margin: 1cm; } }
</style>
</head>
<body>
<h1>${title}</h1>
<p class="meta">${escapeHtml(s.community.name)}　${status}</p>
${integrity}
<table>
<tr><th>日期</th><th>类别</th><th>摘要</th><th>往来单位</th><th>票据号</th><th class="n">收入</th><th class="n">支出</th></tr>
<tr><td colspan="5">期初余额</td><td class="n" colspan="2">${yuan(s.openingBalanceFen)}</td></tr>
${rows}
<tr class="totals"><td colspan="5">本月合计</td><td class="n">${yuan(s.incomeFen)}</td><td class="n">${yuan(s.expenseFen)}</td></tr>
<tr class="totals"><td colspan="5">期末余额</td><td class="n" colspan="2">${yuan(s.closingBalanceFen)}</td></tr>
</table>
${paid}
${s.note ? `<p>说明：${escapeHtml(s.note)}</p>` : ''}
${s.contentHash ? `<p class="hash">校验值 SHA-256：${s.contentHash}</p>` : ''}
</body>
</html>
`;
}
