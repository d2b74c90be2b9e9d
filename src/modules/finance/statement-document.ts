/*
 * The printable notice-board page of a monthly statement (公示栏). It is rendered from the answer
 * to STATEMENT_DOCUMENT_QUERY, run through the normal GraphQL pipeline with the caller's
 * credentials: the permission tree and row-level security decide what it may show, exactly as for
 * the API.
 */

import { enumLabel } from '../../core/i18n/enum-labels';
import type { Locale } from '../../core/i18n/locale';

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

/** The page's words in each language (Chinese is the notice board's own; English for others reading it). */
const TEXT = {
  zh: {
    lang: 'zh-CN',
    title: (place: string, year: string, month: string) => `${place} ${year}年${Number(month)}月 三方共管账户收支公示`,
    unverified: '本公示未能通过核验',
    hashMismatch: '本公示内容与发布时的校验值不符',
    ledgerMismatch: '按账本重新计算本月收支，与本公示内容不符（公示后账目有改动）',
    openingMismatch: '本月期初余额与上月公示的期末余额不符',
    warning: (w: string) => `警告：${w}，请联系社区核实。`,
    paidHeading: '本月支付的支出提议',
    paidItem: (purpose: string, payee: string, amount: string) => `${purpose}（${payee}）${amount}`,
    published: (on: string, by: string, late: boolean) => `公示日期：${on}　公示人：${by}${late ? '（逾期公示）' : ''}`,
    draft: (due: string) => `草稿（未公示，应于${due}前公示）`,
    columns: ['日期', '类别', '摘要', '往来单位', '票据号', '收入', '支出'],
    opening: '期初余额',
    totals: '本月合计',
    closing: '期末余额',
    note: '说明：',
    hash: '校验值 SHA-256：',
  },
  en: {
    lang: 'en',
    title: (place: string, year: string, month: string) =>
      `${place} ${year}-${month}: co-managed account, income and expenditure statement`,
    unverified: 'this statement failed verification',
    hashMismatch: 'the content of this statement does not match its hash at publication',
    ledgerMismatch:
      "recomputed from the ledger, the month's income and expenditure differ from this statement (the ledger changed after publication)",
    openingMismatch: "this month's opening balance differs from the closing balance of last month's statement",
    warning: (w: string) => `Warning: ${w}; please ask the community to check.`,
    paidHeading: 'Spending proposals paid this month',
    paidItem: (purpose: string, payee: string, amount: string) => `${purpose} (${payee}) ${amount}`,
    published: (on: string, by: string, late: boolean) => `Published on ${on} by ${by}${late ? ' (late)' : ''}`,
    draft: (due: string) => `Draft (not published; due by ${due})`,
    columns: ['Date', 'Category', 'Description', 'Counterparty', 'Invoice no.', 'Income', 'Expenditure'],
    opening: 'Opening balance',
    totals: 'Totals this month',
    closing: 'Closing balance',
    note: 'Note: ',
    hash: 'Hash SHA-256: ',
  },
} as const;

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
function integrityWarnings(t: (typeof TEXT)[Locale], verified: boolean, v: Verification | null): string[] {
  if (!v) return verified ? [] : [t.unverified];
  const warnings: string[] = [];
  if (!v.hashMatches) warnings.push(t.hashMismatch);
  if (!v.contentMatchesLedger) warnings.push(t.ledgerMismatch);
  if (!v.openingMatchesPrevious) warnings.push(t.openingMismatch);
  if (!warnings.length && !verified) warnings.push(t.unverified);
  return warnings;
}

/** The page, or null when the statement is not there for this caller (another community, a draft for a resident). */
export function renderStatementDocument(data: StatementDocumentData | null | undefined, locale: Locale = 'zh'): string | null {
  const s = data?.node;
  if (!s || s.__typename !== 'MonthlyStatement') return null;
  const t = TEXT[locale];
  const [year, month] = s.month.split('-');
  const title = t.title(escapeHtml(s.placeName), year, month);
  const rows = s.lines
    .map(
      (l) =>
        `<tr><td>${l.occurredOn}</td><td>${escapeHtml(enumLabel(locale, 'LedgerCategory', l.category))}</td><td>${escapeHtml(l.description)}</td>` +
        `<td>${escapeHtml(l.counterparty ?? '')}</td><td>${escapeHtml(l.invoiceRef ?? '')}</td>` +
        `<td class="n">${l.deltaFen > 0 ? yuan(l.deltaFen) : ''}</td><td class="n">${l.deltaFen < 0 ? yuan(-l.deltaFen) : ''}</td></tr>`,
    )
    .join('\n');
  const paid = s.proposalsPaid.length
    ? `<h2>${t.paidHeading}</h2><ul>${s.proposalsPaid.map((p) => `<li>${t.paidItem(escapeHtml(p.purpose), escapeHtml(p.payee), yuan(p.amountFen))}</li>`).join('')}</ul>`
    : '';
  const status =
    s.status === 'PUBLISHED' ? t.published(s.publishedAt!.slice(0, 10), escapeHtml(s.publishedBy ?? ''), s.late) : t.draft(s.dueOn);
  const [date, category, description, counterparty, invoice, income, expense] = t.columns;
  const integrity = integrityWarnings(t, s.verified, s.verification)
    .map((w) => `<p class="warn">${t.warning(w)}</p>`)
    .join('\n');
  return `<!doctype html>
<html lang="${t.lang}">
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
<tr><th>${date}</th><th>${category}</th><th>${description}</th><th>${counterparty}</th><th>${invoice}</th><th class="n">${income}</th><th class="n">${expense}</th></tr>
<tr><td colspan="5">${t.opening}</td><td class="n" colspan="2">${yuan(s.openingBalanceFen)}</td></tr>
${rows}
<tr class="totals"><td colspan="5">${t.totals}</td><td class="n">${yuan(s.incomeFen)}</td><td class="n">${yuan(s.expenseFen)}</td></tr>
<tr class="totals"><td colspan="5">${t.closing}</td><td class="n" colspan="2">${yuan(s.closingBalanceFen)}</td></tr>
</table>
${paid}
${s.note ? `<p>${t.note}${escapeHtml(s.note)}</p>` : ''}
${s.contentHash ? `<p class="hash">${t.hash}${s.contentHash}</p>` : ''}
</body>
</html>
`;
}
