import { sendDocumentError } from '../../core/errors/document-errors';
import { answerText, sendHtml, type DocumentPath } from '../../core/http/documents';
import { renderStatementDocument, STATEMENT_DOCUMENT_QUERY } from './statement-document';

const STATEMENT_PATH = '/statements/';

/** GET /statements/<id>: the printable statement, with the caller's own credentials. */
export const statementDocuments: DocumentPath = {
  match(url) {
    if (!url.pathname.startsWith(STATEMENT_PATH)) return null;
    const id = decodeURIComponent(url.pathname.slice(STATEMENT_PATH.length));
    return {
      route: `${STATEMENT_PATH}:id`,
      document: {
        query: STATEMENT_DOCUMENT_QUERY,
        variables: { id },
        defaultLocale: 'zh',
        async render(res, response, requestId, locale) {
          let parsed: {
            data?: Parameters<typeof renderStatementDocument>[0];
            errors?: Array<{ message: string; extensions?: { code?: string } }>;
          };
          try {
            parsed = JSON.parse(answerText(response));
          } catch {
            parsed = {};
          }
          const html = renderStatementDocument(parsed.data, locale);
          if (html) return sendHtml(res, requestId, html);
          sendDocumentError(res, requestId, parsed.errors, locale, 'No statement with that ID');
        },
      },
    };
  },
};
