import { installFieldKeys } from './core/crypto/field-keys';
import { randomUUID, timingSafeEqual } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { ApolloServer, HeaderMap, type HTTPGraphQLRequest, type HTTPGraphQLResponse } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { MikroORM } from '@mikro-orm/postgresql';
import { ConfigError, type Config } from './config';
import type { Clock } from './core/clock';
import { createRequestContext, type RequestContext } from './context';
import { errorMessage } from './core/i18n/error-messages';
import { localeFrom } from './core/i18n/locale';
import { localePlugin } from './core/i18n/locale-plugin';
import { StatementCounter, type StatementTally } from './core/database/statement-counter';
import { createFormatError, INTERNAL_ERROR_MESSAGE } from './core/errors/format-error';
import { isDatabaseUnavailable, UNAVAILABLE_MESSAGE } from './core/errors/unavailable';
import { jitGateway } from './core/graphql/jit-executor';
import { requestPlugin } from './core/graphql/request-plugin';
import { idempotencyPlugin } from './core/graphql/idempotency';
import type { Logger } from './core/logger';
import { readCredential, type Credential } from './core/auth/authenticate';
import { TokenService } from './core/auth/tokens';
import { UnauthenticatedError } from './core/errors/errors';
import { JobQueue } from './core/jobs/queue';
import { systemClock } from './core/clock';
import { Limits } from './core/limits/limits';
import { limitsPlugin } from './core/limits/limits-plugin';
import { connectionSettingsOf } from './core/limits/limits-store';
import { noSubscriptionsOverHttp } from './core/live/http-refusal';
import { LiveListener } from './core/live/listener';
import { attachLiveServer, type LiveServer } from './core/live/ws-server';
import { RequestSession } from './core/limits/request-session';
import { ReadReplicas } from './core/database/replicas';
import { ComputedCache } from './core/data/computed-cache';
import { StaleReads } from './core/graphql/stale-reads';
import { platform } from './platform';
import { newOutcome, recordRequest, type RequestOutcome } from './core/observability/access-log';
import { Tracing } from './core/observability/tracing';
import { liveObserver } from './core/observability/live-log';
import { Metrics } from './core/observability/metrics';
import { claimAnswer, encodeJsonAnswer, holdAnswer } from './core/http/json-answer';
import { writePersonalReads } from './core/audit/personal-reads';
import { buildApiSchema, buildProtectedSchema } from './schema';
import type { DocumentRoute } from './core/http/documents';
import { QR_PATH, QrPages, TRACKING_PATH } from './modules/issues/qr/qr.http';

const MAX_BODY_BYTES = 1024 * 1024;
const GRAPHQL_PATH = '/graphql';
export interface App {
  server: http.Server;
  apollo: ApolloServer<RequestContext>;
  tokens: TokenService;
  metrics: Metrics;
  /** The job queue on this instance's database: the server starts its runner; tests run due jobs by their clock. */
  jobs: JobQueue;
  /** Subscriptions over WebSocket on /graphql, and this instance's LISTEN connection. */
  live: { server: LiveServer; listener: LiveListener };
  listen(port: number, host: string): Promise<number>;
  close(): Promise<void>;
}

class BodyTooLarge extends Error {}

/**
 * Reads the request body up to MAX_BODY_BYTES. Beyond that the rest is discarded (not buffered)
 * so the client still receives the 413 answer instead of a reset connection.
 */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) {
      req.resume();
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
      if (size > 8 * MAX_BODY_BYTES) req.destroy(); // an endless stream is not drained forever
    });
    req.on('end', () => (tooLarge ? reject(new BodyTooLarge()) : resolve(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

/** The document a module serves at this GET path, if any (src/modules declare them in their manifests). */
function documentAt(url: URL): { route: string; document: DocumentRoute } | null {
  for (const path of platform.documents) {
    const found = path.match(url);
    if (found) return found;
  }
  return null;
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** The client's own request id, if it sent a well-formed one: kept beside ours, never used as ours. */
function clientRequestIdOf(req: IncomingMessage): string | undefined {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[A-Za-z0-9._-]{8,64}$/.test(given) ? given : undefined;
}

async function sendGraphQL(
  res: ServerResponse,
  response: HTTPGraphQLResponse,
  requestId: string,
  answer: { value: unknown } | undefined,
): Promise<void> {
  const headers: Record<string, string> = { 'x-request-id': requestId };
  for (const [key, value] of response.headers) headers[key] = value;
  if (response.body.kind === 'complete') {
    // Encode the answer once and send it with its length: a string after writeHead goes out chunked,
    // measured (Buffer.byteLength) and then encoded again, two passes over a 100 KB answer of Chinese text.
    const body = answer ? encodeJsonAnswer(answer.value) : Buffer.from(response.body.string, 'utf8');
    headers['content-length'] = String(body.length);
    res.writeHead(response.status ?? 200, headers);
    res.end(body);
    return;
  }
  res.writeHead(response.status ?? 200, headers);
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

/**
 * The HTTP layer: POST/GET /graphql through Apollo, each request in one database transaction on its
 * own EntityManager fork (so later row-level-security settings hold for every statement of the
 * request); /health for liveness, /ready for the database.
 */
export interface AppOptions {
  orm: MikroORM;
  config: Config;
  logger: Logger;
  /** Tests only: run without the permission tree, to prove row-level security holds on its own. */
  withoutPermissions?: boolean;
  /** The clock requests read the time from (tests set one; the system clock otherwise). */
  clock?: Clock;
}

export async function createApp({ orm, config, logger, withoutPermissions, clock }: AppOptions): Promise<App> {
  const production = config.env === 'production';
  installFieldKeys(config.fieldKeys);
  const tokens = TokenService.create(config.auth, config.dataDir, logger);
  const figuresCache = new ComputedCache(config.figuresCache);
  const limits = Limits.create(orm, config, logger);
  const schema = withoutPermissions ? await buildApiSchema() : await buildProtectedSchema();
  // With introspection off, errors do not suggest names from the schema either.
  const formatError = createFormatError(production, !config.introspection);
  const apollo = new ApolloServer<RequestContext>({
    gateway: jitGateway(schema, config.limits.jitCacheSize),
    // Limits that need no database: tokens while parsing, the rest while validating (cached per document).
    parseOptions: limits.parseOptions,
    validationRules: [...limits.validationRules, noSubscriptionsOverHttp],
    formatError,
    // The answer stays an object until sendGraphQL encodes it in pieces (src/core/http/json-answer.ts).
    // Batched HTTP requests (off, Apollo's default) would join the tokens: turning them on needs a claim per item.
    stringifyResult: holdAnswer,
    includeStacktraceInErrorResponses: !production,
    introspection: config.introspection,
    hideSchemaDetailsFromClientErrors: !config.introspection,
    csrfPrevention: true,
    // The server's own handler stops HTTP, the pool and the embedded database in that order.
    stopOnTerminationSignals: false,
    plugins: [
      limitsPlugin(limits),
      requestPlugin(logger, config.exposeStatementCount),
      idempotencyPlugin({ keyHours: config.idempotencyKeyHours }),
      localePlugin(),
      // Cache hints are not used; the plugin would wrap every field resolver of every request.
      ApolloServerPluginCacheControlDisabled(),
      // The sandbox needs introspection; without it there is nothing to show.
      ...(production || !config.introspection ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
  });
  await apollo.start();
  const counter = new StatementCounter(orm);
  // Stale-tolerant queries read a replica when one is configured (the declared fields are checked against the schema here).
  const replicas = new ReadReplicas(orm, config.replicas, logger, new StaleReads(schema, platform.staleReads));
  const metrics = new Metrics(orm);
  const tracing = Tracing.create(config.tracing);
  // A job that committed may have written what the figures read: like a mutation, it clears their
  // cache, unless its kind declares it writes nothing they read (webhook deliveries).
  const jobs = new JobQueue({
    orm,
    logger,
    tokens,
    clock: clock ?? systemClock,
    integration: config.integration,
    onCommitted: (job) => {
      if (job.changesFigures) figuresCache.invalidate();
    },
  });
  const qrPages = new QrPages({ orm, logger, tokens, clock: clock ?? systemClock, limits, secureCookies: production });

  const cors = (req: IncomingMessage): Record<string, string> => {
    const origin = req.headers.origin;
    if (!origin) return {};
    if (config.corsOrigins !== '*' && !config.corsOrigins.includes(origin)) return {};
    return {
      'access-control-allow-origin': config.corsOrigins === '*' ? '*' : origin,
      'access-control-allow-headers': 'authorization, content-type, x-request-id, apollo-require-preflight, idempotency-key',
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-expose-headers': 'x-request-id, idempotent-replayed',
      'access-control-max-age': '600',
      vary: 'origin',
    };
  };

  /**
   * Runs one GraphQL request in its own transaction. `document` replaces what the client sent (a
   * page rendered from a fixed query, like the statement document) and renders the answer itself.
   */
  async function executeGraphQL(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    outcome: RequestOutcome,
    tally: StatementTally,
    document?: DocumentRoute,
  ): Promise<void> {
    // The server names every request itself: two clients (or communities) can never share an id in the log.
    const requestId = randomUUID();
    const clientRequestId = clientRequestIdOf(req);
    outcome.requestId = requestId;
    outcome.clientRequestId = clientRequestId;
    const locale = localeFrom(req.headers['accept-language'], document?.defaultLocale ?? 'en');
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    let httpGraphQLRequest: HTTPGraphQLRequest;
    if (document) {
      // Apollo's CSRF prevention applies to browsers posting to /graphql; this GET names no operation of the client's.
      headers.set('content-type', 'application/json');
      headers.set('apollo-require-preflight', 'true');
      httpGraphQLRequest = { method: 'POST', headers, search: '', body: { query: document.query, variables: document.variables } };
    } else {
      let rawBody: string;
      try {
        rawBody = req.method === 'POST' ? await readBody(req) : '';
      } catch (err) {
        if (err instanceof BodyTooLarge) {
          outcome.errorCodes.push('BAD_REQUEST');
          return sendJson(
            res,
            413,
            {
              errors: [
                {
                  message: errorMessage(locale, 'BAD_REQUEST', `Request body larger than ${MAX_BODY_BYTES} bytes`),
                  extensions: { code: 'BAD_REQUEST' },
                },
              ],
            },
            { connection: 'close' },
          );
        }
        throw err;
      }
      let body: unknown = rawBody;
      if (rawBody && (headers.get('content-type') ?? '').includes('json')) {
        try {
          body = JSON.parse(rawBody);
        } catch {
          outcome.errorCodes.push('BAD_REQUEST');
          return sendJson(res, 400, {
            errors: [
              { message: errorMessage(locale, 'BAD_REQUEST', 'The request body is not valid JSON'), extensions: { code: 'BAD_REQUEST' } },
            ],
          });
        }
      }
      httpGraphQLRequest = { method: req.method ?? 'GET', headers, search: url.search, body };
    }

    // The credential is checked as far as it can be without the database (a bad token costs no connection).
    let credential: Credential;
    try {
      credential = await readCredential(tokens, headers.get('authorization'));
    } catch (err) {
      if (!(err instanceof UnauthenticatedError)) throw err;
      outcome.errorCodes.push('UNAUTHENTICATED');
      return sendJson(
        res,
        401,
        {
          errors: [{ message: errorMessage(locale, 'UNAUTHENTICATED', err.message), extensions: { code: 'UNAUTHENTICATED' } }],
          extensions: { requestId },
        },
        {
          'x-request-id': requestId,
          'www-authenticate': 'Bearer',
          ...cors(req),
        },
      );
    }

    // The transaction opens once the operation has passed its limits (limitsPlugin → session.open).
    const em = orm.em.fork({ clear: true, useContext: false });
    const context = createRequestContext({
      requestId,
      clientRequestId,
      em,
      logger,
      tally,
      tokens,
      clock,
      minCell: config.minCell,
      figuresCache,
      integration: config.integration,
      locale,
    });
    const session = new RequestSession(em, credential, limits.addresses.sourceOf(req), limits, counter, replicas);
    context.session = session;
    context.outcome = outcome;
    session.beforeCommit = (last) => writePersonalReads(context, { commit: last });
    try {
      const response = await apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: async () => context });
      // Claimed at once, so nothing below (a failed commit included) can leave it held.
      const answer = claimAnswer(response.body);
      // A document renders from the answer's text, as Apollo would have written it.
      if (answer && document) response.body = { kind: 'complete', string: `${JSON.stringify(answer.value)}\n` };
      await session.close();
      // Before the answer goes out: whoever made this write reads figures that hold it.
      if (session.operationType === 'mutation') figuresCache.invalidate();
      await limits.budget.flushIfSynchronous();
      for (const [key, value] of Object.entries(cors(req))) response.headers.set(key, value);
      if (document) await document.render(res, response, requestId, locale);
      else await sendGraphQL(res, response, requestId, answer);
    } catch (err) {
      await session.close(false).catch(() => undefined);
      if (session.operationType === 'mutation') figuresCache.invalidate();
      if (isDatabaseUnavailable(err)) {
        outcome.errorCodes.push('UNAVAILABLE');
        logger.warn('database unavailable', { requestId, message: (err as Error).message });
        if (!res.headersSent)
          return sendJson(
            res,
            503,
            {
              errors: [
                {
                  message: errorMessage(locale, 'UNAVAILABLE', UNAVAILABLE_MESSAGE),
                  extensions: { code: 'UNAVAILABLE', retryable: true, requestId },
                },
              ],
              extensions: { requestId },
            },
            { 'x-request-id': requestId, 'retry-after': '1' },
          );
        return void res.end();
      }
      outcome.errorCodes.push('INTERNAL_SERVER_ERROR');
      logger.error('request failed', { requestId, message: (err as Error).message, stack: (err as Error).stack });
      if (!res.headersSent) {
        sendJson(
          res,
          500,
          {
            errors: [
              {
                message: errorMessage(locale, 'INTERNAL_SERVER_ERROR', INTERNAL_ERROR_MESSAGE),
                extensions: { code: 'INTERNAL_SERVER_ERROR', requestId },
              },
            ],
            extensions: { requestId },
          },
          { 'x-request-id': requestId },
        );
      } else res.end();
    }
  }

  /** Runs a GraphQL request, then writes its access-log line and metrics (also when it failed). */
  async function observed(
    req: IncomingMessage,
    res: ServerResponse,
    route: string,
    run: (outcome: RequestOutcome, tally: StatementTally) => Promise<void>,
  ): Promise<void> {
    const started = process.hrtime.bigint();
    const outcome = newOutcome();
    const tally: StatementTally = { count: 0, trace: tracing?.startRequest(req.method ?? 'GET', route, req.headers) };
    try {
      await run(outcome, tally);
    } finally {
      const finished = {
        method: req.method ?? 'GET',
        route,
        status: res.statusCode,
        durationSeconds: Number(process.hrtime.bigint() - started) / 1e9,
        statements: tally.count,
      };
      recordRequest(logger, metrics, outcome, finished);
      tally.trace?.finish(outcome, finished);
    }
  }

  /**
   * GET /metrics: with METRICS_TOKEN, for callers bearing it; without, only for callers on this
   * machine that came through no proxy (a load balancer on the same host forwards the public).
   */
  async function serveMetrics(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const expected = config.metricsToken;
    let allowed: boolean;
    if (expected) {
      const given = Buffer.from(/^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '');
      const want = Buffer.from(expected);
      allowed = given.length === want.length && timingSafeEqual(given, want);
    } else {
      const address = req.socket.remoteAddress ?? '';
      const loopback = address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
      allowed = loopback && req.headers['x-forwarded-for'] === undefined && req.headers.forwarded === undefined;
    }
    if (!allowed) {
      return sendJson(res, expected ? 401 : 403, {
        error: expected
          ? 'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>'
          : 'GET /metrics answers callers on this machine only (or set METRICS_TOKEN)',
      });
    }
    const { contentType, body } = await metrics.render();
    res.writeHead(200, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
    res.end(body);
  }

  // Requests still being answered; shutdown waits for them before the pool closes under them.
  let inFlight = 0;
  const server = http.createServer((req, res) => {
    inFlight++;
    const url = new URL(req.url ?? '/', 'http://localhost');
    // A module's document (a statement, a report) at this GET path, if any.
    const found = req.method === 'GET' ? documentAt(url) : null;
    const handle = async () => {
      if (req.method === 'OPTIONS') {
        res.writeHead(204, cors(req));
        res.end();
      } else if (url.pathname === GRAPHQL_PATH && (req.method === 'POST' || req.method === 'GET')) {
        await observed(req, res, GRAPHQL_PATH, (outcome, tally) => executeGraphQL(req, res, url, outcome, tally));
      } else if (found) {
        const { route, document } = found;
        await observed(req, res, route, (outcome, tally) => executeGraphQL(req, res, url, outcome, tally, document));
      } else if (url.pathname === '/metrics' && req.method === 'GET') {
        await serveMetrics(req, res);
      } else if (TRACKING_PATH.test(url.pathname) || QR_PATH.test(url.pathname)) {
        const route = TRACKING_PATH.test(url.pathname) ? '/r/t/:code' : '/r/:token';
        await observed(req, res, route, (outcome, tally) => qrPages.handle(req, res, url, outcome, tally));
      } else if (url.pathname === '/health' && req.method === 'GET') {
        sendJson(res, 200, { status: 'ok' });
      } else if (url.pathname === '/ready' && req.method === 'GET') {
        const ok = await orm.isConnected().catch(() => false);
        sendJson(res, ok ? 200 : 503, { status: ok ? 'ready' : 'database unavailable' });
      } else if (url.pathname === '/.well-known/jwks.json' && req.method === 'GET') {
        sendJson(res, 200, await tokens.jwks(), { 'cache-control': 'public, max-age=300' });
      } else if (url.pathname === '/' && req.method === 'GET') {
        res.writeHead(302, { location: GRAPHQL_PATH });
        res.end();
      } else {
        sendJson(res, 404, { error: `Nothing at ${req.method} ${url.pathname}; the API is at POST ${GRAPHQL_PATH}` });
      }
    };
    // A request is finished when its handler is, even if the client hung up earlier.
    handle()
      .catch((err) => {
        logger.error('unhandled request error', { message: (err as Error).message, stack: (err as Error).stack });
        if (!res.headersSent) sendJson(res, 500, { error: INTERNAL_ERROR_MESSAGE });
        else res.end();
      })
      .finally(() => inFlight--);
  });
  server.keepAliveTimeout = 65_000;
  const listener = new LiveListener(connectionSettingsOf(orm), logger);
  const live = attachLiveServer({
    server,
    path: GRAPHQL_PATH,
    schema,
    orm,
    tokens,
    limits,
    listener,
    logger,
    clock: clock ?? systemClock,
    minCell: config.minCell,
    formatError,
    observer: liveObserver(logger, metrics),
    origins: config.corsOrigins,
  });
  metrics.gauge('lianxin_websocket_connections', 'WebSocket connections open on this instance', () => live.connections);

  return {
    server,
    apollo,
    tokens,
    metrics,
    jobs,
    live: { server: live, listener },
    listen(port, host) {
      return new Promise((resolve, reject) => {
        const onError = (err: NodeJS.ErrnoException) => {
          server.off('listening', onListening);
          if (err.code === 'EADDRINUSE')
            reject(new ConfigError(`port ${port} on ${host} is taken; stop what is using it or set PORT to another port`));
          else if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND')
            reject(new ConfigError(`HOST=${host} is not an address of this machine; use 127.0.0.1 or 0.0.0.0`));
          else if (err.code === 'EACCES') reject(new ConfigError(`not allowed to listen on port ${port}; use a port above 1023`));
          else reject(err);
        };
        const onListening = () => {
          server.off('error', onError);
          const address = server.address();
          resolve(typeof address === 'object' && address ? address.port : port);
        };
        server.once('error', onError);
        server.once('listening', onListening);
        server.listen(port, host);
      });
    },
    async close() {
      // Every step runs even when one before it failed (a job that will not stop must not leave the
      // LISTEN connection, the limits pool or a timer holding the process open); the first failure is rethrown.
      const failures: unknown[] = [];
      const step = async (work: () => Promise<unknown> | undefined) => {
        try {
          await work();
        } catch (err) {
          failures.push(err);
        }
      };
      jobs.markClosing();
      // WebSocket clients are told to go (and reconnect elsewhere) before HTTP stops.
      await step(() => live.close());
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // Answer what is in flight (up to 10 s), then drop the connections that are left.
      for (let waited = 0; inFlight > 0 && waited < 10_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
      server.closeAllConnections();
      await closed;
      await step(() => jobs.stop());
      await step(() => listener.close());
      await step(() => apollo.stop());
      await step(() => limits.close());
      await step(() => tracing?.shutdown());
      if (failures.length > 0) throw failures[0];
    },
  };
}
