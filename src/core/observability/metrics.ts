import type { MikroORM } from '@mikro-orm/postgresql';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/*
 * The instance's figures for Prometheus (GET /metrics): requests and their latency per operation,
 * errors per code, the database pool, statement timeouts and throttled requests, plus Node's own
 * (CPU, memory, event-loop lag). Each app has a registry of its own (tests run several in one
 * process). Modules that add queues or deliveries later register on `registry` (see `gauge`).
 */

/** Operation names come from clients: beyond this many distinct ones, the rest are counted as "other". */
const MAX_OPERATION_LABELS = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

interface TarnPool {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
  numPendingCreates(): number;
}

export interface RequestObservation {
  operation?: string;
  /** query, mutation, subscription; "none" when the request never reached an operation (refused before). */
  type?: string;
  durationSeconds: number;
  errorCodes: string[];
  /** The limit behind a THROTTLED answer (budget, pool, login), when there was one. */
  throttledBy?: string;
  timedOut: boolean;
}

export class Metrics {
  readonly registry = new Registry();
  private readonly operations = new Set<string>();
  private readonly requests: Counter<'operation' | 'type'>;
  private readonly duration: Histogram<'operation' | 'type'>;
  private readonly errors: Counter<'code'>;
  private readonly timeouts: Counter;
  private readonly throttled: Counter<'limit'>;

  constructor(orm?: MikroORM) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'lianxin_' });
    this.requests = new Counter({
      name: 'lianxin_graphql_requests_total',
      help: 'GraphQL requests answered, by operation name and type',
      labelNames: ['operation', 'type'],
      registers,
    });
    this.duration = new Histogram({
      name: 'lianxin_graphql_request_duration_seconds',
      help: 'Time from receiving a GraphQL request to its last byte, by operation name and type',
      labelNames: ['operation', 'type'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.errors = new Counter({
      name: 'lianxin_graphql_errors_total',
      help: 'Errors in GraphQL answers by extensions.code, and userErrors by their code (prefixed user:)',
      labelNames: ['code'],
      registers,
    });
    this.timeouts = new Counter({
      name: 'lianxin_statement_timeouts_total',
      help: 'Requests answered TIMEOUT because a statement ran past STATEMENT_TIMEOUT_MS',
      registers,
    });
    this.throttled = new Counter({
      name: 'lianxin_throttled_requests_total',
      help: 'Requests refused with THROTTLED, by the limit that refused them (budget, pool, login)',
      labelNames: ['limit'],
      registers,
    });
    // Read at each scrape: the driver creates (and recreates) its pool lazily.
    const pool = () => (orm ? poolOf(orm) : undefined);
    this.gauge('lianxin_db_pool_in_use', 'Database connections of this instance in use by a request', () => pool()?.numUsed() ?? 0);
    this.gauge('lianxin_db_pool_idle', 'Open database connections of this instance waiting for a request', () => pool()?.numFree() ?? 0);
    this.gauge(
      'lianxin_db_pool_waiting',
      'Requests waiting for a database connection of this instance (the pool is full)',
      () => pool()?.numPendingAcquires() ?? 0,
    );
    this.gauge('lianxin_db_pool_opening', 'Database connections of this instance being opened', () => pool()?.numPendingCreates() ?? 0);
  }

  /** A figure read when Prometheus scrapes (the hook for job queues and webhook deliveries when they exist). */
  gauge(name: string, help: string, read: () => number): void {
    new Gauge({
      name,
      help,
      registers: [this.registry],
      collect() {
        this.set(read());
      },
    });
  }

  /** The operation label: a well-formed name, "unnamed", or "other" once too many names were seen. */
  operationLabel(name: string | undefined): string {
    if (!name) return 'unnamed';
    if (!OPERATION_NAME.test(name)) return 'other';
    if (this.operations.has(name)) return name;
    if (this.operations.size >= MAX_OPERATION_LABELS) return 'other';
    this.operations.add(name);
    return name;
  }

  observe(request: RequestObservation): void {
    const labels = { operation: this.operationLabel(request.operation), type: request.type ?? 'none' };
    this.requests.inc(labels);
    this.duration.observe(labels, request.durationSeconds);
    for (const code of request.errorCodes) this.errors.inc({ code });
    if (request.timedOut) this.timeouts.inc();
    if (request.throttledBy) this.throttled.inc({ limit: request.throttledBy });
  }

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

function poolOf(orm: MikroORM): TarnPool | undefined {
  const knex = orm.em.getConnection().getKnex() as unknown as { client?: { pool?: TarnPool } };
  return knex.client?.pool;
}
