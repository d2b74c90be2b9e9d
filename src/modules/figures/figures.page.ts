import type * as Echarts from 'echarts';
import type { Locale } from '../../core/i18n/locale';
import { addMonths, parsePeriod } from './figures.period';

/*
 * The district's figures as a printable A4 page in Chinese, or English on Accept-Language: en (GET /reports/district/<id>?period=…):
 * headline figures, collection rate per community, coverage per community, the flag table and the
 * collection series. Charts are rendered on the server by Apache ECharts' SSR SVG mode, so the page
 * needs no JavaScript. Like the spreadsheet, it is rendered from a fixed GraphQL query run with the
 * caller's credentials (permission tree, row-level security and suppression as in the API).
 */

const C = '{ value suppressed }';
const GROUPS = `
  coverage { compounds standaloneCompounds jointCompounds uncoveredCompounds }
  property { withoutPropertyManagement redPropertyCompounds }
  money { accounts statementsOnTime statementsLate statementsMissing }
  fees { collectionRate ${C} }
  services { averageRating ${C} redFlags yellowFlags ratedCompounds }
  people { households ${C} partyMembers ${C} }`;

export const PAGE_QUERY = `query DistrictPage($id: ID!, $period: FiguresPeriod!, $from: FiguresPeriod!) {
  node(id: $id) {
    __typename
    ... on District {
      name
      figures(period: $period) {
        period asOf ${GROUPS}
        breakdown { name ${GROUPS} }
        series(from: $from, to: $period) { month collectionRate ${C} }
      }
    }
  }
}`;

/** The variables of the page's query: the period and the 12 months up to it. */
export function pageVariables(id: string, period: string | null): Record<string, unknown> {
  const p = period ? parsePeriod(period) : null;
  const last = p ? p.months[p.months.length - 1] : null;
  return { id, period, from: last ? addMonths(last, -11).slice(0, 7) : period };
}

interface Cell {
  value: number | null;
  suppressed: boolean;
}
interface Groups {
  coverage: { compounds: number; standaloneCompounds: number; jointCompounds: number; uncoveredCompounds: number };
  property: { withoutPropertyManagement: number; redPropertyCompounds: number };
  money: { accounts: number; statementsOnTime: number; statementsLate: number; statementsMissing: number };
  fees: { collectionRate: Cell };
  services: { averageRating: Cell; redFlags: number; yellowFlags: number; ratedCompounds: number };
  people: { households: Cell; partyMembers: Cell };
}
export interface PageData {
  node: null | {
    __typename: string;
    name?: string;
    figures?: Groups & {
      period: string;
      asOf: string;
      breakdown: Array<Groups & { name: string }>;
      series: Array<{ month: string; collectionRate: Cell }>;
    };
  };
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The page's words in each language (Chinese by default; English on Accept-Language: en). */
const TEXT = {
  zh: {
    lang: 'zh-CN',
    hidden: '已隐藏',
    title: (district: string, period: string) => `${district} ${period} 基层治理数据报告`,
    collectionChart: '各社区物业费收缴率（%）',
    coverageChart: '各社区小区党组织覆盖',
    standalone: '独立党支部',
    joint: '联合党支部',
    uncovered: '未覆盖',
    seriesChart: '全区物业费收缴率走势（%）',
    asOf: (asOf: string) => `数据截至 ${asOf}；“已隐藏”：少于最小单元数的户数或人数（及可据合计推算者）不予显示。`,
    heads: ['小区', '党组织覆盖小区', '无物业小区', '红色物业小区', '物业费收缴率', '按时/逾期/未公示', '红旗/黄旗', '户数'],
    flagsHeading: '服务评议与账目公示',
    flagColumns: ['社区', '参评小区', '平均评分（1–5）', '红旗', '黄旗', '按时公示', '逾期公示', '未公示'],
  },
  en: {
    lang: 'en',
    hidden: 'hidden',
    title: (district: string, period: string) => `${district} ${period}: community governance report`,
    collectionChart: 'Fee collection rate per community (%)',
    coverageChart: 'Party organisation coverage of compounds per community',
    standalone: 'Standalone branch',
    joint: 'Joint branch',
    uncovered: 'Not covered',
    seriesChart: 'Fee collection rate of the district over time (%)',
    asOf: (asOf: string) =>
      `Figures as of ${asOf}. "hidden": counts of households or persons below the minimum cell (and those derivable from totals) are not shown.`,
    heads: [
      'Compounds',
      'Compounds covered by a party organisation',
      'Compounds without property management',
      'Red-property compounds',
      'Fee collection rate',
      'Statements on time/late/missing',
      'Red/yellow flags',
      'Households',
    ],
    flagsHeading: 'Service evaluation and statements',
    flagColumns: ['Community', 'Rated compounds', 'Average rating (1–5)', 'Red flags', 'Yellow flags', 'On time', 'Late', 'Missing'],
  },
} as const;

/*
 * ECharts is loaded on the first page drawn, not when the server starts: its bundle alone keeps
 * ≈ 8 MB of source text and its compiled code in every server process's heap (a process that
 * never draws a report pays nothing for it).
 */
let charts: typeof Echarts | undefined;
function echarts(): typeof Echarts {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use (see above)
  return (charts ??= require('echarts') as typeof Echarts);
}

function svg(option: Echarts.EChartsOption, width = 680, height = 280): string {
  const chart = echarts().init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({ animation: false, textStyle: { fontFamily: 'Noto Sans CJK SC, sans-serif' }, ...option });
  const out = chart.renderToSVGString();
  chart.dispose();
  return out;
}

/** The page, or null when the district is not there for this caller. */
export function renderPage(data: PageData | null | undefined, locale: Locale = 'zh'): string | null {
  const d = data?.node;
  const f = d?.__typename === 'District' ? d.figures : undefined;
  if (!d || !f) return null;
  const t = TEXT[locale];
  const percent = (c: Cell) => (c.suppressed ? t.hidden : c.value === null ? '—' : `${Math.round(c.value * 100)}%`);
  const rating = (c: Cell) => (c.suppressed ? t.hidden : c.value === null ? '—' : c.value.toFixed(2));
  const count = (c: Cell) => (c.suppressed ? t.hidden : c.value === null ? '—' : String(c.value));
  const names = f.breakdown.map((r) => r.name);
  const rates = f.breakdown.map((r) => (r.fees.collectionRate.value === null ? null : Math.round(r.fees.collectionRate.value * 100)));
  const collection = svg({
    title: { text: t.collectionChart, left: 'center', textStyle: { fontSize: 14 } },
    grid: { left: 60, right: 20, top: 40, bottom: 60 },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: 20 } },
    yAxis: { type: 'value', max: 100 },
    series: [{ type: 'bar', data: rates, label: { show: true, position: 'top', formatter: '{c}%' } }],
  });
  const coverage = svg({
    title: { text: t.coverageChart, left: 'center', textStyle: { fontSize: 14 } },
    legend: { bottom: 0 },
    grid: { left: 60, right: 20, top: 40, bottom: 70 },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: 20 } },
    yAxis: { type: 'value' },
    series: [
      { name: t.standalone, type: 'bar', stack: 'c', data: f.breakdown.map((r) => r.coverage.standaloneCompounds) },
      { name: t.joint, type: 'bar', stack: 'c', data: f.breakdown.map((r) => r.coverage.jointCompounds) },
      { name: t.uncovered, type: 'bar', stack: 'c', data: f.breakdown.map((r) => r.coverage.uncoveredCompounds) },
    ],
  });
  const series = svg({
    title: { text: t.seriesChart, left: 'center', textStyle: { fontSize: 14 } },
    grid: { left: 60, right: 20, top: 40, bottom: 40 },
    xAxis: { type: 'category', data: f.series.map((p) => p.month.slice(0, 7)) },
    yAxis: { type: 'value', max: 100 },
    series: [
      { type: 'line', data: f.series.map((p) => (p.collectionRate.value === null ? null : Math.round(p.collectionRate.value * 100))) },
    ],
  });
  const flags = f.breakdown
    .map(
      (r) =>
        `<tr><td>${escapeHtml(r.name)}</td><td class="n">${r.services.ratedCompounds}</td><td class="n">${rating(r.services.averageRating)}</td><td class="n">${r.services.redFlags}</td><td class="n">${r.services.yellowFlags}</td><td class="n">${r.money.statementsOnTime}</td><td class="n">${r.money.statementsLate}</td><td class="n">${r.money.statementsMissing}</td></tr>`,
    )
    .join('\n');
  const title = t.title(escapeHtml(d.name ?? ''), escapeHtml(f.period));
  const h = t.heads;
  const th = t.flagColumns.map((c) => `<th>${c}</th>`).join('');
  return `<!doctype html>
<html lang="${t.lang}">
<head>
<meta charset="utf-8">
<title>${title}</title>
<style>
  @page { size: A4; margin: 15mm; }
  body { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 0 auto; max-width: 180mm; color: #111; }
  h1 { font-size: 1.4em; text-align: center; } h2 { font-size: 1.05em; margin-top: 1.2em; }
  .heads { display: grid; grid-template-columns: repeat(4, 1fr); gap: 6px; }
  .head { border: 1px solid #999; padding: 6px; text-align: center; } .head b { display: block; font-size: 1.4em; }
  table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #444; padding: 3px 5px; font-size: 0.9em; } td.n { text-align: right; }
  figure { margin: 0.8em 0; page-break-inside: avoid; } .meta { color: #444; font-size: 0.85em; }
</style>
</head>
<body>
<h1>${title}</h1>
<p class="meta">${t.asOf(escapeHtml(f.asOf))}</p>
<div class="heads">
  <div class="head"><b>${f.coverage.compounds}</b>${h[0]}</div>
  <div class="head"><b>${f.coverage.standaloneCompounds + f.coverage.jointCompounds}</b>${h[1]}</div>
  <div class="head"><b>${f.property.withoutPropertyManagement}</b>${h[2]}</div>
  <div class="head"><b>${f.property.redPropertyCompounds}</b>${h[3]}</div>
  <div class="head"><b>${percent(f.fees.collectionRate)}</b>${h[4]}</div>
  <div class="head"><b>${f.money.statementsOnTime}/${f.money.statementsLate}/${f.money.statementsMissing}</b>${h[5]}</div>
  <div class="head"><b>${f.services.redFlags}/${f.services.yellowFlags}</b>${h[6]}</div>
  <div class="head"><b>${count(f.people.households)}</b>${h[7]}</div>
</div>
<figure id="collection">${collection}</figure>
<figure id="coverage">${coverage}</figure>
<h2>${t.flagsHeading}</h2>
<table id="flags">
<tr>${th}</tr>
${flags}
</table>
<figure id="series">${series}</figure>
</body>
</html>
`;
}
