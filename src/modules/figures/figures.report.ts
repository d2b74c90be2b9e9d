import type { ServerResponse } from 'node:http';
import { stringify } from 'csv-stringify';
import type ExcelJS from 'exceljs';
import { sendDocumentError } from '../../core/errors/document-errors';
import type { Locale } from '../../core/i18n/locale';

/*
 * The district's figures as a spreadsheet (GET /reports/district/<id>.xlsx or .csv?period=…). The
 * file is rendered from the answer to REPORT_QUERY, run through the normal GraphQL pipeline with
 * the caller's credentials: the permission tree, row-level security and the suppression of small
 * cells apply exactly as in the API. Cells are written by exceljs and csv-stringify, streamed.
 */

/*
 * exceljs (with its zip and stream libraries, ≈ 3 MB of source kept in the heap once loaded) is
 * loaded on the first spreadsheet asked for, not when the server starts.
 */
let loaded: typeof ExcelJS | undefined;
function excel(): typeof ExcelJS {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use (see above)
  return (loaded ??= require('exceljs') as typeof ExcelJS);
}

const C = '{ value suppressed }';
const GROUPS = `
  coverage { compounds standaloneCompounds jointCompounds uncoveredCompounds graduatedCompounds groupedHouseholds ${C} memberHouseholds ${C} plates ${C} }
  property { withoutPropertyManagement redPropertyCompounds }
  committees { sitting compliant termsEndingSoon electionsUnderWay }
  money { accounts statementsOnTime statementsLate statementsMissing }
  fees { chargedHouseholds ${C} settledHouseholds ${C} arrearsHouseholds ${C} dueFen ${C} collectedFen ${C} collectionRate ${C} }
  services { evaluatedHouseholds ${C} averageRating ${C} redFlags yellowFlags objections objectionsAnswered }
  people { households ${C} residents ${C} partyMembers ${C} externalPartyMembers ${C} }`;

export const REPORT_QUERY = `query DistrictReport($id: ID!, $period: FiguresPeriod!) {
  node(id: $id) {
    __typename
    ... on District { name figures(period: $period) { period asOf ${GROUPS} breakdown { name ${GROUPS} } } }
  }
}`;

interface Cell {
  value: number | null;
  suppressed: boolean;
}
type Groups = Record<string, Record<string, number | Cell>>;
export interface ReportData {
  node: null | {
    __typename: string;
    name?: string;
    figures?: Groups & { period: string; asOf: string; breakdown: Array<Groups & { name: string }> };
  };
}

/** Column header (Chinese) and where its value is; money in yuan. */
const COLUMNS: Array<[string, string, string, ('yuan' | 'rate')?]> = [
  ['小区数', 'coverage', 'compounds'],
  ['独立党支部覆盖小区', 'coverage', 'standaloneCompounds'],
  ['联合党支部覆盖小区', 'coverage', 'jointCompounds'],
  ['未覆盖小区', 'coverage', 'uncoveredCompounds'],
  ['由联合党支部独立的小区', 'coverage', 'graduatedCompounds'],
  ['楼院党小组覆盖户数', 'coverage', 'groupedHouseholds'],
  ['党员中心户', 'coverage', 'memberHouseholds'],
  ['挂牌户', 'coverage', 'plates'],
  ['无物业小区', 'property', 'withoutPropertyManagement'],
  ['红色物业小区', 'property', 'redPropertyCompounds'],
  ['在任业委会（物管会）', 'committees', 'sitting'],
  ['党员比例达标', 'committees', 'compliant'],
  ['90天内届满', 'committees', 'termsEndingSoon'],
  ['换届选举中', 'committees', 'electionsUnderWay'],
  ['共管账户', 'money', 'accounts'],
  ['按时公示', 'money', 'statementsOnTime'],
  ['逾期公示', 'money', 'statementsLate'],
  ['未公示', 'money', 'statementsMissing'],
  ['收费户数', 'fees', 'chargedHouseholds'],
  ['已缴清户数', 'fees', 'settledHouseholds'],
  ['欠费户数', 'fees', 'arrearsHouseholds'],
  ['应收（元）', 'fees', 'dueFen', 'yuan'],
  ['实收（元）', 'fees', 'collectedFen', 'yuan'],
  ['收缴率', 'fees', 'collectionRate', 'rate'],
  ['评议户数', 'services', 'evaluatedHouseholds'],
  ['平均评分', 'services', 'averageRating'],
  ['红旗', 'services', 'redFlags'],
  ['黄旗', 'services', 'yellowFlags'],
  ['异议', 'services', 'objections'],
  ['已答复异议', 'services', 'objectionsAnswered'],
  ['户数', 'people', 'households'],
  ['居民数', 'people', 'residents'],
  ['党员数', 'people', 'partyMembers'],
  ['双报到党员', 'people', 'externalPartyMembers'],
];

/** Shown in place of a withheld value. */
export const SUPPRESSED = '已隐藏';

function valueOf(groups: Groups, group: string, field: string, kind?: string): number | string | null {
  const v = groups[group]?.[field];
  if (v === undefined) return null;
  if (typeof v === 'number') return v;
  if (v.suppressed) return SUPPRESSED;
  if (v.value === null) return null;
  if (kind === 'yuan') return v.value / 100;
  return v.value;
}

export const HEADERS = ['社区', ...COLUMNS.map((c) => c[0])];

/** The rows of the sheet: one per community, then the district's total. */
export function reportRows(data: ReportData): Array<Array<number | string | null>> | null {
  const f = data.node?.__typename === 'District' ? data.node.figures : undefined;
  if (!f) return null;
  const line = (name: string, g: Groups) => [name, ...COLUMNS.map(([, group, field, kind]) => valueOf(g, group, field, kind))];
  return [...f.breakdown.map((r) => line(r.name, r)), line(`${data.node!.name ?? ''}合计`, f)];
}

export function sendError(
  res: ServerResponse,
  requestId: string,
  errors: Array<{ message: string; extensions?: { code?: string } }> | undefined,
  locale: Locale = 'en',
) {
  sendDocumentError(res, requestId, errors, locale, 'No district with that ID');
}

/**
 * A CSV cell. Text a spreadsheet would read as a formula (a community named "=HYPERLINK(…)" by its
 * admin, opened by a district officer) starts with an apostrophe, which spreadsheets show as text
 * (OWASP's advice for CSV injection). The XLSX needs none: its cells are typed, text stays text.
 */
export function csvCell(value: number | string | null): number | string {
  if (value === null) return '';
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Writes the spreadsheet (or the refusal) for the GraphQL answer `text`. */
export async function renderReport(res: ServerResponse, text: string, format: 'xlsx' | 'csv', requestId: string): Promise<void> {
  let parsed: { data?: ReportData; errors?: Array<{ message: string; extensions?: { code?: string } }> };
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = {};
  }
  const rows = parsed.data ? reportRows(parsed.data) : null;
  if (!rows || parsed.errors?.length) return sendError(res, requestId, parsed.errors);
  const f = parsed.data!.node!.figures!;
  const filename = encodeURIComponent(`${parsed.data!.node!.name ?? 'district'}-${f.period}.${format}`);
  const headers = {
    'x-request-id': requestId,
    'cache-control': 'private, no-store',
    'content-disposition': `attachment; filename*=UTF-8''${filename}`,
  };
  if (format === 'csv') {
    res.writeHead(200, { ...headers, 'content-type': 'text/csv; charset=utf-8' });
    const csv = stringify({ bom: true });
    csv.pipe(res);
    csv.write(HEADERS);
    for (const r of rows) csv.write(r.map(csvCell));
    csv.end();
    await new Promise<void>((resolve, reject) => {
      res.on('finish', resolve);
      csv.on('error', reject);
    });
    return;
  }
  res.writeHead(200, { ...headers, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  const workbook = new (excel().stream.xlsx.WorkbookWriter)({ stream: res, useStyles: true });
  const sheet = workbook.addWorksheet(`${f.period} 数据`);
  sheet.addRow(HEADERS).commit();
  for (const r of rows) sheet.addRow(r).commit();
  sheet.addRow([]).commit();
  sheet
    .addRow([`期间 ${f.period}；数据截至 ${f.asOf}；“${SUPPRESSED}”：少于最小单元数的户数或人数（及可据合计推算者）不予显示。`])
    .commit();
  sheet.commit();
  await workbook.commit();
}
