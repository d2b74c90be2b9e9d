import type { GraphQLFormattedError } from 'graphql';
import { PUBLIC_ERROR_CODES } from './errors';
import { isDatabaseUnavailable, UNAVAILABLE_MESSAGE } from './unavailable';

/** Codes Apollo itself gives malformed requests; they describe the client's mistake and are safe to pass on. */
export const REQUEST_ERROR_CODES: ReadonlySet<string> = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

export const INTERNAL_ERROR_MESSAGE = 'Internal server error';

export function isPublicErrorCode(code: unknown): code is string {
  return typeof code === 'string' && (PUBLIC_ERROR_CODES.has(code) || REQUEST_ERROR_CODES.has(code));
}

/**
 * graphql-js's "Did you mean …?" names fields, arguments, types and enum values close to what was
 * sent: with introspection off, a way to read the schema one guess at a time. Apollo strips it from
 * validation errors (hideSchemaDetailsFromClientErrors); any other error that carries one (a
 * document validated by our own rules, a cached validation) is stripped here as well.
 */
export function withoutSuggestions(message: string): string {
  return message.replace(/ ?Did you mean(.+?)\?$/, '');
}

/**
 * The one place errors are shaped for clients. Known codes pass (stack traces only outside
 * production); a database that went away is UNAVAILABLE (retryable); anything else is masked as
 * INTERNAL_SERVER_ERROR; with `hideSchemaDetails` (introspection off), no "Did you mean" suggestions. The error plugin logs the detail and adds the request id, so a user's
 * report can be matched with the log line.
 */
export function createFormatError(production: boolean, hideSchemaDetails = production) {
  return (formatted: GraphQLFormattedError, error?: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (isPublicErrorCode(code)) {
      const message = hideSchemaDetails ? withoutSuggestions(formatted.message) : formatted.message;
      if (!production) return message === formatted.message ? formatted : { ...formatted, message };
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, message, extensions };
    }
    if (isDatabaseUnavailable(error))
      return {
        message: UNAVAILABLE_MESSAGE,
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { code: 'UNAVAILABLE', retryable: true },
      };
    return {
      message: INTERNAL_ERROR_MESSAGE,
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
