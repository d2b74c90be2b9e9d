import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import {
  createSourceEventStream,
  execute,
  getOperationAST,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import { CloseCode, type Context } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { decodeJwt } from 'jose';
import type { MikroORM } from '@mikro-orm/postgresql';
import { WebSocketServer, type WebSocket } from 'ws';
import { createRequestContext, type RequestContext } from '../../context';
import { errorMessage } from '../i18n/error-messages';
import { localeFrom, type Locale } from '../i18n/locale';
import { writePersonalReads } from '../audit/personal-reads';
import { authenticateCredential, readCredential, type BeginExtra, type Credential } from '../auth/authenticate';
import { ANONYMOUS, type Principal } from '../auth/principal';
import type { TokenService } from '../auth/tokens';
import type { Clock } from '../clock';
import { UnauthenticatedError } from '../errors/errors';
import { limitExceeded } from '../limits/limit-errors';
import type { Limits } from '../limits/limits';
import { poolKey } from '../limits/request-session';
import { costPlan, requestedCost } from '../limits/query-cost';
import type { Logger } from '../logger';
import { isAbortedCommit } from '../data/transaction-edges';
import type { LiveObserver } from '../observability/live-log';
import type { LiveEvent, LiveListener } from './listener';
import { isLiveStream } from './stream';

/*
 * GraphQL subscriptions over WebSocket (protocol graphql-transport-ws, the graphql-ws library) on
 * the API's own HTTP server and path. A connection authenticates once, in connection_init, with the
 * same bearer tokens and API keys as HTTP; anonymous connections are refused. Each subscription
 * passes the same limits as a query (tokens, validation limits, cost) and the same permission tree
 * when it starts; then each event runs in a transaction of its own, authenticated afresh (a revoked
 * session or an expired key ends the connection) under the caller's row-level-security grant, and
 * an event whose object the caller may not see resolves to null and is not sent at all.
 *
 * A subscription field's rule judges the subscription (the caller and the arguments), never the
 * event: the resolver does that. So when the rule refuses at an event (FORBIDDEN, NOT_FOUND), the
 * subscriber has lost the right the subscription was granted under (a revoked role, a followed
 * issue out of sight), and a refusal per event would only tell them when things happen. Instead the
 * first event the subscription had a stake in (LiveStream.concerns, judged with the rights it was
 * granted under) ends it as a refused start would: one result with the refusal and no data, then
 * `complete`. Events it had no stake in, which it could never have seen, pass without a message.
 * The fresh principal cannot make that distinction: having lost its roles it reaches nothing.
 */

/** The codes with which a subscription field refuses: the subscription is over. */
const REFUSED = new Set<unknown>(['FORBIDDEN', 'NOT_FOUND']);

/** The socket's close code and reason when credentials are missing, wrong or expired. */
const UNAUTHORIZED = CloseCode.Unauthorized;
/** Sent to clients when the server stops: they reconnect (to another instance). */
const GOING_AWAY = 1001;
const MAX_MESSAGE_BYTES = 1024 * 1024;
/** setTimeout's longest wait; a token living longer is checked again when that runs out. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** How long shutdown lets clients answer the close frame before cutting their sockets (ws alone waits 30 s). */
const CLOSE_GRACE_MS = 1000;

/** What a connection carries between its messages. */
interface Connection {
  credential: Credential;
  principal: Principal;
  /** The connection's language: connection_init's `locale` ("zh"/"en"), else the upgrade's Accept-Language, else English. */
  locale: Locale;
  expiry?: NodeJS.Timeout;
}

type Extra = { socket: WebSocket; request: http.IncomingMessage; connection?: Connection };
type WsContext = Context<Record<string, unknown> | undefined, Extra>;

/** What onSubscribe hands to subscribe as the "context": the connection, not a request context. */
interface Operation {
  connection: Connection;
  socket: WebSocket;
}

export interface LiveServerOptions {
  server: http.Server;
  path: string;
  schema: GraphQLSchema;
  orm: MikroORM;
  tokens: TokenService;
  limits: Limits;
  listener: LiveListener;
  logger: Logger;
  clock: Clock;
  minCell: number;
  formatError: (error: GraphQLFormattedError) => GraphQLFormattedError;
  /** Access-log lines and metrics of subscriptions. */
  observer?: LiveObserver;
  /** The browser origins allowed to connect (CORS_ORIGINS); `*` for any. */
  origins: string[] | '*';
}

export interface LiveServer {
  /** Open WebSocket connections (tests, metrics). */
  readonly connections: number;
  /** Closes every connection (1001, going away), then stops accepting. */
  close(): Promise<void>;
}

function codeError(message: string, code: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extra } });
}

export function attachLiveServer(options: LiveServerOptions): LiveServer {
  const { schema, orm, tokens, limits, listener, logger, clock, minCell } = options;
  // Upgrades are taken from the HTTP server by hand: attached to it, ws would also re-emit (and
  // graphql-ws print) the server's own errors, such as a taken port at start.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const onUpgrade = (request: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    if (new URL(request.url ?? '/', 'http://localhost').pathname !== options.path) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    // Browsers send Origin and enforce no CORS on WebSockets: the server holds the same list as for
    // HTTP. Clients that are not browsers (integration scripts) send none and are not affected.
    const origin = request.headers.origin;
    if (origin && options.origins !== '*' && !options.origins.includes(origin)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  };
  options.server.on('upgrade', onUpgrade);
  const timeout: BeginExtra = (offset) => ({
    select: `set_config('statement_timeout', $${offset}, true) as statement_timeout`,
    params: [String(limits.config.statementTimeoutMs)],
  });

  /**
   * Runs `work` in a transaction of its own, as the connection's principal (authenticated again:
   * the database has the last word on revoked sessions and expired keys), and commits it with the
   * personal-data reads it made. Takes a slot of the principal's pool share like a request.
   */
  async function inTransaction<T>(connection: Connection, work: (ctx: RequestContext) => Promise<T>): Promise<T> {
    const release = await limits.poolShare.acquire(`ws:${poolKey(connection.credential)}`);
    const em = orm.em.fork({ clear: true, useContext: false });
    const ctx = createRequestContext({
      requestId: randomUUID(),
      em,
      logger,
      tally: { count: 0 },
      tokens,
      clock,
      minCell,
      locale: connection.locale,
    });
    ctx.live = listener;
    let committed = false;
    try {
      await em.begin();
      const { principal } = await authenticateCredential(ctx.db, connection.credential, timeout);
      ctx.principal = principal;
      connection.principal = principal;
      const result = await work(ctx);
      await writePersonalReads(ctx);
      committed = true;
      return result;
    } finally {
      const trx = em.getTransactionContext();
      try {
        // An event's read is read-only: a COMMIT answered ROLLBACK (a field failed in the database) kept nothing it needed.
        if (trx)
          await (committed
            ? em
                .getConnection()
                .commit(trx)
                .catch((err: unknown) => {
                  if (!isAbortedCommit(err)) throw err;
                })
            : em.getConnection().rollback(trx));
      } finally {
        release();
      }
    }
  }

  const refuse = (socket: WebSocket, message: string) => socket.close(UNAUTHORIZED, message.slice(0, 120));

  async function authenticateConnection(ctx: WsContext): Promise<boolean> {
    const params = ctx.connectionParams ?? {};
    const given = params.authorization ?? params.Authorization ?? ctx.extra.request.headers.authorization;
    const authorization = typeof given === 'string' ? given : undefined;
    const socket = ctx.extra.socket;
    if (!authorization) {
      refuse(socket, 'Sign in: send { "authorization": "Bearer <token>" } in connection_init');
      return false;
    }
    try {
      const credential = await readCredential(tokens, authorization);
      const asked = typeof params.locale === 'string' ? params.locale : ctx.extra.request.headers['accept-language'];
      const connection: Connection = { credential, principal: ANONYMOUS, locale: localeFrom(asked, 'en') };
      await inTransaction(connection, async () => undefined);
      ctx.extra.connection = connection;
      scheduleExpiry(connection, socket, authorization);
      return true;
    } catch (err) {
      if (!(err instanceof UnauthenticatedError)) throw err;
      refuse(socket, err.message);
      return false;
    }
  }

  /** A connection lives no longer than its token: at expiry it closes, and the client connects with a new one. */
  function scheduleExpiry(connection: Connection, socket: WebSocket, authorization: string): void {
    if (connection.credential.kind !== 'user' && connection.credential.kind !== 'oidc') return;
    const exp = decodeJwt(authorization.slice('Bearer '.length)).exp;
    if (!exp) return;
    const check = () => {
      const left = exp * 1000 - Date.now();
      if (left <= 0) refuse(socket, 'The token has expired; connect again with a new one');
      else connection.expiry = setTimeout(check, Math.min(left, MAX_TIMER_MS));
    };
    check();
  }

  /** The same static limits as HTTP: tokens while parsing, validation limits, then the cost with the variables. */
  function admit(ctx: WsContext, payload: { query: string; operationName?: string | null; variables?: Record<string, unknown> | null }) {
    if (Object.keys(ctx.subscriptions).length > limits.config.maxSubscriptions) {
      return [
        codeError(`At most ${limits.config.maxSubscriptions} subscriptions per connection`, 'GRAPHQL_VALIDATION_FAILED', {
          limit: 'subscriptions',
          maximum: limits.config.maxSubscriptions,
        }),
      ];
    }
    let document: DocumentNode;
    try {
      document = parse(payload.query, limits.parseOptions);
    } catch (err) {
      return [codeError((err as Error).message, 'GRAPHQL_PARSE_FAILED')];
    }
    const operation = getOperationAST(document, payload.operationName ?? undefined);
    if (!operation) return [codeError('Name the operation to run', 'GRAPHQL_VALIDATION_FAILED')];
    if (operation.operation !== 'subscription') {
      return [codeError('Only subscriptions run over WebSocket; send queries and mutations to POST /graphql', 'BAD_USER_INPUT')];
    }
    const errors = validate(schema, document, [...specifiedRules, ...limits.validationRules]);
    if (errors.length > 0) {
      return errors.map((e) => codeError(e.message, 'GRAPHQL_VALIDATION_FAILED', { ...e.extensions }));
    }
    const plan = costPlan(schema, document, operation, limits.costRules);
    const requested = plan ? requestedCost(plan, payload.variables ?? {}, limits.costRules) : 1;
    if (requested > limits.config.maxCost) {
      return [
        limitExceeded('cost', `Query cost limit of ${limits.config.maxCost} exceeded, found ${requested}.`, {
          maximum: limits.config.maxCost,
          found: requested,
        }),
      ];
    }
    const args: ExecutionArgs = {
      schema,
      document,
      operationName: payload.operationName,
      variableValues: payload.variables,
      contextValue: { connection: ctx.extra.connection!, socket: ctx.extra.socket } satisfies Operation,
      rootValue: undefined,
    };
    return args;
  }

  /**
   * Starts the subscription in a transaction (the permission tree and the field's own checks run
   * there), then maps each event to a result in a transaction of its own. An event that resolves
   * to null without errors is one the caller may not see: nothing is sent. A refusal of the field
   * ends the subscription, once, or is nothing at all (see the top of this file).
   */
  async function subscribe(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
    const { connection, socket } = args.contextValue as Operation;
    const operation = getOperationAST(args.document, args.operationName);
    const rootField = operation?.selectionSet.selections[0];
    const key = rootField?.kind === 'Field' ? (rootField.alias ?? rootField.name).value : undefined;
    let source: AsyncIterable<unknown> | ExecutionResult;
    try {
      source = await inTransaction(connection, (ctx) => createSourceEventStream({ ...args, contextValue: ctx }));
    } catch (err) {
      if (err instanceof UnauthenticatedError) refuse(socket, err.message);
      throw err;
    }
    if (!(Symbol.asyncIterator in source)) return source;
    const events = source[Symbol.asyncIterator]();
    const concerns = (event: unknown) => !isLiveStream(events) || events.concerns(event as LiveEvent);
    const observed = options.observer?.started(args.operationName ?? operation?.name?.value, connection.principal);
    let refused = false;
    const mapped: AsyncIterableIterator<ExecutionResult> = {
      async next() {
        if (refused) return { done: true, value: undefined };
        for (;;) {
          const event = await events.next();
          if (event.done) {
            observed?.end('ended');
            return { done: true, value: undefined };
          }
          let result: ExecutionResult;
          try {
            result = await inTransaction(connection, async (ctx) => execute({ ...args, rootValue: event.value, contextValue: ctx }));
          } catch (err) {
            if (err instanceof UnauthenticatedError) {
              observed?.end('unauthenticated');
              refuse(socket, err.message);
              await events.return?.();
              return { done: true, value: undefined };
            }
            logger.error('live: an event failed', { message: (err as Error).message });
            continue;
          }
          const refusal = result.errors?.find((e) => e.path?.length === 1 && e.path[0] === key && REFUSED.has(e.extensions?.code));
          if (refusal) {
            if (!concerns(event.value)) continue;
            refused = true;
            observed?.end('refused');
            await events.return?.();
            return { done: false, value: { errors: [refusal] } };
          }
          const hidden = !result.errors?.length && key !== undefined && (result.data as Record<string, unknown> | null)?.[key] == null;
          if (!hidden) {
            observed?.sent();
            return { done: false, value: result };
          }
        }
      },
      async return() {
        observed?.end('stopped');
        await events.return?.();
        return { done: true, value: undefined };
      },
      async throw(err?: unknown) {
        observed?.end('stopped');
        await events.return?.();
        throw err;
      },
      [Symbol.asyncIterator]() {
        return mapped;
      },
    };
    return mapped;
  }

  const format = (errors: readonly GraphQLError[], ctx: WsContext): GraphQLFormattedError[] =>
    errors.map((error) => {
      if (!error.extensions?.code) logger.error('live: subscription error', { message: error.message, stack: error.stack });
      const { http: _http, ...extensions } = error.extensions ?? {};
      const formatted = options.formatError({ ...error.toJSON(), extensions });
      const locale = ctx.extra.connection?.locale ?? 'en';
      return { ...formatted, message: errorMessage(locale, formatted.extensions?.code, formatted.message, formatted.extensions) };
    });

  const disposable = useServer<Record<string, unknown> | undefined, Extra>(
    {
      schema,
      onConnect: (ctx) => authenticateConnection(ctx),
      onSubscribe: (ctx, _id, payload) => admit(ctx, payload),
      subscribe: (args) => subscribe(args),
      onNext: (ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: format(result.errors, ctx) } : undefined),
      onError: (ctx, _id, _payload, errors) => format(errors, ctx),
      onClose: (ctx) => clearTimeout(ctx.extra.connection?.expiry),
    },
    wss,
  );

  return {
    get connections() {
      return wss.clients.size;
    },
    async close() {
      options.server.off('upgrade', onUpgrade);
      for (const client of wss.clients) client.close(GOING_AWAY, 'The server is shutting down; connect again');
      // A client that does not answer the close frame (gone, paused, half-open) would keep its socket
      // and ws's 30-second close timer alive after shutdown, and the process with them: cut it.
      for (let waited = 0; wss.clients.size > 0 && waited < CLOSE_GRACE_MS; waited += 20) await new Promise((r) => setTimeout(r, 20));
      for (const client of wss.clients) client.terminate();
      // Stops accepting too; the sockets above are closed already.
      await disposable.dispose();
    },
  };
}
