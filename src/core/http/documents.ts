import type { ServerResponse } from 'node:http';
import type { HTTPGraphQLResponse } from '@apollo/server';
import type { Locale } from '../i18n/locale';

/**
 * A page or file rendered from a fixed GraphQL query (the notice-board statement, the district's
 * report), run through the normal pipeline with the caller's own credentials: the permission tree,
 * row-level security and the limits apply exactly as in the API.
 */
export interface DocumentRoute {
  query: string;
  variables: Record<string, unknown>;
  render(res: ServerResponse, response: HTTPGraphQLResponse, requestId: string, locale: Locale): Promise<void>;
  /** The language when the request names none: Chinese for the printable pages (the API's is English). */
  defaultLocale?: Locale;
}

/**
 * A GET path a module serves documents at, declared in its manifest: for a URL it matches, the
 * route's name in the access log and the metrics (`/statements/:id`) and the document to render.
 */
export interface DocumentPath {
  match(url: URL): { route: string; document: DocumentRoute } | null;
}

/** The GraphQL answer's text (empty when it was not complete). */
export function answerText(response: HTTPGraphQLResponse): string {
  return response.body.kind === 'complete' ? response.body.string : '';
}

/** A printable page for the caller alone: never cached on the way. */
export function sendHtml(res: ServerResponse, requestId: string, html: string): void {
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
    'x-request-id': requestId,
    'cache-control': 'private, no-store',
  });
  res.end(html);
}
