import type { ServerResponse } from 'node:http';
import { errorMessage } from '../i18n/error-messages';
import type { Locale } from '../i18n/locale';

/** The HTTP status of a refused printable document (a statement, a report), by the GraphQL error's code. */
const STATUS: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  THROTTLED: 429,
  TIMEOUT: 503,
};

/**
 * Answers a document route whose GraphQL answer was refused (or empty: `missing` says what was not
 * found) with the first error as JSON, under the status its code means.
 */
export function sendDocumentError(
  res: ServerResponse,
  requestId: string,
  errors: Array<{ message: string; extensions?: { code?: string } }> | undefined,
  locale: Locale,
  missing: string,
): void {
  const error = errors?.[0];
  const code = error?.extensions?.code ?? 'NOT_FOUND';
  const body = JSON.stringify({
    errors: [{ message: error?.message ?? errorMessage(locale, code, missing), extensions: { code } }],
    extensions: { requestId },
  });
  res.writeHead(STATUS[code] ?? 500, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'x-request-id': requestId,
  });
  res.end(body);
}
