import pg from 'pg';
import type { Logger } from '../logger';

/*
 * Live events between API instances: PostgreSQL LISTEN/NOTIFY on one channel. Writers announce
 * inside their transaction (pg_notify, usually from a trigger), so an event is delivered when, and
 * only if, the change commits, to every instance listening. Each instance holds one dedicated
 * connection for LISTEN (a pooled connection would be handed to requests), opened on the first
 * subscription and re-opened with backoff when it is lost. Payloads carry ids only: whoever receives
 * one re-reads the rows under their own grant.
 */

export const LIVE_CHANNEL = 'lianxin_live';

/** What a NOTIFY on the channel carries: a topic, the tenant (community), and ids. */
export interface LiveEvent {
  topic: string;
  communityId: number;
  [id: string]: string | number | null;
}

type Handler = (event: LiveEvent) => void;

/** Connection settings of the main pool, to open the listening connection the same way. */
export type ConnectionSettings = pg.ClientConfig;

const RETRY_FIRST_MS = 200;
const RETRY_MAX_MS = 10_000;

export class LiveListener {
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private readonly handlers = new Map<string, Set<Handler>>();
  private retryTimer: NodeJS.Timeout | null = null;
  private retryMs = RETRY_FIRST_MS;
  private closed = false;
  /** Times the listening connection was (re)opened: tests and diagnostics. */
  connections = 0;

  constructor(
    private readonly settings: ConnectionSettings,
    private readonly logger: Logger,
  ) {}

  /** Resolves once this instance is listening (a subscription awaits it, so no event slips past before it). */
  ready(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the live listener is closed'));
    if (this.client) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => (this.connecting = null));
    return this.connecting;
  }

  /** Calls `handler` for each event of `topic` until the returned function is called. */
  on(topic: string, handler: Handler): () => void {
    let set = this.handlers.get(topic);
    if (!set) this.handlers.set(topic, (set = new Set()));
    set.add(handler);
    return () => set.delete(handler);
  }

  /** Subscribers of `topic` on this instance (tests wait for them before writing). */
  listening(topic: string): number {
    return this.handlers.get(topic)?.size ?? 0;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ ...this.settings, application_name: 'lianxin-live' });
    client.on('notification', (message) => this.dispatch(message.payload));
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    await client.connect();
    await client.query(`listen ${LIVE_CHANNEL}`);
    if (this.closed) {
      await client.end().catch(() => undefined);
      throw new Error('the live listener is closed');
    }
    this.client = client;
    this.connections++;
    this.retryMs = RETRY_FIRST_MS;
  }

  private dispatch(payload: string | undefined): void {
    let event: LiveEvent;
    try {
      event = JSON.parse(payload ?? '') as LiveEvent;
    } catch {
      this.logger.warn('live: a notification that is not JSON was ignored');
      return;
    }
    for (const handler of this.handlers.get(event.topic) ?? []) {
      try {
        handler(event);
      } catch (err) {
        this.logger.error('live: a handler failed', { topic: event.topic, message: (err as Error).message });
      }
    }
  }

  /**
   * The connection broke (the database restarted, a network cut): listen again, backing off. What
   * was announced while nobody listened is not replayed; clients re-read after a reconnect.
   */
  private lost(client: pg.Client, err: Error): void {
    if (this.client !== client) return;
    this.client = null;
    client.removeAllListeners('notification');
    client.end().catch(() => undefined);
    if (this.closed) return;
    this.logger.warn('live: the listening connection was lost; listening again', { message: err.message });
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.retryTimer || this.closed) return;
    const wait = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.ready().catch((err: Error) => {
        this.logger.warn('live: listening again failed', { message: err.message });
        this.scheduleRetry();
      });
    }, wait);
    this.retryTimer.unref();
  }

  /** Tests: drop the connection as a database restart would. */
  async dropConnection(): Promise<void> {
    const client = this.client;
    if (!client) return;
    await client.query('select pg_terminate_backend(pg_backend_pid())').catch(() => undefined);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.handlers.clear();
    const client = this.client;
    this.client = null;
    await this.connecting?.catch(() => undefined);
    if (client) await client.end().catch(() => undefined);
  }
}
