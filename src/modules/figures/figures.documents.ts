import { answerText, sendHtml, type DocumentPath } from '../../core/http/documents';
import { pageVariables, PAGE_QUERY, renderPage } from './figures.page';
import { renderReport, REPORT_QUERY, sendError } from './figures.report';

const REPORT_PATH = /^\/reports\/district\/([^/.]+)\.(xlsx|csv)$/;
const PAGE_PATH = /^\/reports\/district\/([^/.]+)$/;

/** GET /reports/district/<id>.xlsx|csv?period=…: the district's figures as a spreadsheet, with the caller's own credentials. */
export const reportDocuments: DocumentPath = {
  match(url) {
    const found = REPORT_PATH.exec(url.pathname);
    if (!found) return null;
    const [, id, format] = found as unknown as [string, string, 'xlsx' | 'csv'];
    return {
      route: `/reports/district/:id.${format}`,
      document: {
        query: REPORT_QUERY,
        variables: { id: decodeURIComponent(id), period: url.searchParams.get('period') },
        render: (res, response, requestId) => renderReport(res, answerText(response), format, requestId),
      },
    };
  },
};

/** GET /reports/district/<id>?period=…: the printable report with charts, with the caller's own credentials. */
export const pageDocuments: DocumentPath = {
  match(url) {
    const found = PAGE_PATH.exec(url.pathname);
    if (!found) return null;
    return {
      route: '/reports/district/:id',
      document: {
        query: PAGE_QUERY,
        variables: pageVariables(decodeURIComponent(found[1]), url.searchParams.get('period')),
        defaultLocale: 'zh',
        async render(res, response, requestId, locale) {
          let parsed: { data?: Parameters<typeof renderPage>[0]; errors?: Array<{ message: string; extensions?: { code?: string } }> };
          try {
            parsed = JSON.parse(answerText(response));
          } catch {
            parsed = {};
          }
          const html = parsed.errors?.length ? null : renderPage(parsed.data, locale);
          if (!html) return sendError(res, requestId, parsed.errors, locale);
          sendHtml(res, requestId, html);
        },
      },
    };
  },
};
