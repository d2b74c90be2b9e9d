import { HeaderMap } from '@apollo/server';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../context';
import { authenticateCredential, type Credential } from '../auth/authenticate';
import type { StatementCounter } from '../database/statement-counter';
import { UnauthenticatedError } from '../errors/errors';
import { BudgetLedger, type BudgetState, type ThrottleStatus } from './budget';
import { ThrottledError } from './limit-errors';
import type { Limits } from './limits';
import type { LoginLimits } from './login-limits';
import { actualCost, type CostPlan } from './query-cost';

/*
 * A request's time on the database, opened only once its operation has passed every limit that
 * needs no database (parse with the token limit, validation with depth, aliases, directives,
 * expanded fields and one login, then the cost with its variables). Opening takes a slot of the
 * principal's pool share, begins the transaction and sends the first statement — authentication,
 * the budget's level and the statement timeout in one round trip — and refuses an over-budget
 * principal before anything reads the data. Closing commits (or, after a statement timeout or a
 * failure, rolls back) and gives the slot back.
 */

/** `extensions.cost` of a response. */
export interface CostReport {
  requestedQueryCost: number;
  actualQueryCost: number;
  throttleStatus: ThrottleStatus | null;
}

/**
 * Who holds a pool slot, known before the database is: the verified token's user, the API key, or
 * the client's source (anonymous where there is none: a live connection's credential is its own).
 */
export function poolKey(credential: Credential, source?: string): string {
  switch (credential.kind) {
    case 'user':
      return `u:${credential.userId}`;
    case 'oidc':
      return `o:${credential.issuer} ${credential.subject}`;
    case 'api_key':
      return `k:${credential.keyId}`;
    default:
      return source === undefined ? 'anonymous' : `ip:${source}`;
  }
}

export class RequestSession {
  /** The cost plan and requested cost, once the operation is known. */
  plan: CostPlan | null = null;
  requested = 0;
  /** A statement ran past the statement timeout: the answer is TIMEOUT and the transaction is rolled back. */
  timedOut = false;
  private budget?: BudgetState;
  private state: 'idle' | 'opening' | 'open' | 'failed' | 'closed' = 'idle';
  private release?: () => void;
  private stopCounting?: () => void;
  private openedAt = 0;
  private charged = false;
  /** The open under way: close waits for it (see close). */
  private opening?: Promise<void>;
  /** Runs in the transaction just before it commits (the personal-data read log); a failure rolls back. */
  beforeCommit?: () => Promise<unknown>;

  constructor(
    private readonly em: EntityManager,
    private readonly credential: Credential,
    /** The client's source (address key), for anonymous budgets and sign-in limits. */
    readonly source: string,
    private readonly limits: Limits,
    private readonly counter: StatementCounter,
  ) {}

  /** Sign-in limits (the login mutation counts its attempts there). */
  get loginLimits(): LoginLimits {
    return this.limits.login;
  }

  get anonymousKey(): string {
    return `ip:${this.source}`;
  }

  /**
   * Opens the transaction and authenticates into `ctx` (the context the operation runs with: Apollo
   * hands each operation its own shallow copy); THROTTLED or UNAUTHENTICATED, with their HTTP
   * status, when refused.
   */
  async open(ctx: RequestContext): Promise<void> {
    if (this.state !== 'idle') return;
    this.state = 'opening';
    this.openedAt = Date.now();
    this.opening = this.begin(ctx);
    return this.opening;
  }

  private async begin(ctx: RequestContext): Promise<void> {
    try {
      this.release = await this.limits.poolShare.acquire(poolKey(this.credential, this.source));
      await this.em.begin();
      this.stopCounting = await this.counter.track(this.em, ctx.tally);
      let extra: Record<string, unknown>;
      try {
        const result = await authenticateCredential(ctx.db, this.credential, this.limits.firstStatement(this.anonymousKey));
        ctx.principal = result.principal;
        extra = result.extra;
      } catch (err) {
        if (err instanceof UnauthenticatedError) {
          throw new UnauthenticatedError(err.message, { http: { status: 401, headers: new HeaderMap([['www-authenticate', 'Bearer']]) } });
        }
        throw err;
      }
      const peek = extra.budget as { key: string; level: number };
      this.budget = this.limits.budget.stateOf(peek, this.anonymousKey);
      if (this.budget.available <= 0) {
        const wait = BudgetLedger.retryAfter(this.budget);
        throw new ThrottledError(
          `Query budget used up: ${Math.floor(this.budget.available)} of ${this.budget.config.points} points left, ${this.budget.config.restorePerSecond} restored a second.`,
          wait,
          {
            limit: 'budget',
          },
        );
      }
      this.state = 'open';
    } catch (err) {
      this.state = 'failed';
      throw err;
    }
  }

  /** Charges the actual cost (after a timeout, what it asked for, at most the whole bucket) and says what to report. */
  settle(data: Record<string, unknown> | null | undefined): CostReport | null {
    if (!this.plan) return null;
    let actual = 0;
    let status: ThrottleStatus | null = null;
    if (this.budget) {
      if (this.state === 'open') {
        actual = actualCost(this.plan, data);
        // A timed-out request returned nothing, yet kept a connection busy for the whole timeout.
        if (this.timedOut) actual = Math.max(actual, Math.min(this.requested, this.budget.config.points));
      }
      if (!this.charged) {
        this.charged = true;
        // A refused request reports the bucket as it was refused, not refilled while the answer was written.
        status = this.limits.budget.charge(this.budget, actual, this.state === 'open' ? this.openedAt : Date.now());
      }
    }
    return { requestedQueryCost: this.requested, actualQueryCost: actual, throttleStatus: status };
  }

  /**
   * Commits (rolls back after a timeout or a failure to open) and frees the pool slot. What must
   * commit with the request (beforeCommit) runs first; if it fails, the request rolls back.
   */
  async close(commit = true): Promise<void> {
    if (this.state === 'opening') {
      // Apollo runs the plugins' didResolveOperation hooks side by side: another plugin refusing
      // there ends the request while the transaction is still being opened. Closing then would
      // find no transaction yet and leave it (and its connection) open for good; wait for the
      // open to finish, and roll back, since the operation never ran.
      await this.opening?.catch(() => undefined);
      commit = false;
    }
    if (this.state === 'idle' || this.state === 'closed') {
      this.state = 'closed';
      return;
    }
    const keep = commit && this.state === 'open' && !this.timedOut;
    this.state = 'closed';
    try {
      const trx = this.em.getTransactionContext();
      if (!trx) return;
      let committing = keep;
      try {
        if (keep && this.beforeCommit) await this.beforeCommit();
      } catch (err) {
        committing = false;
        await this.em.getConnection().rollback(trx);
        throw err;
      }
      // Services flush inside their own savepoints; committing on the connection skips a final
      // UnitOfWork flush, which would also switch on Node's promise hooks for the whole process.
      if (committing) await this.em.getConnection().commit(trx);
      else await this.em.getConnection().rollback(trx);
    } finally {
      this.stopCounting?.();
      this.release?.();
    }
  }
}
