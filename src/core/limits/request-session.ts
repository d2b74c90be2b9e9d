import { HeaderMap } from '@apollo/server';
import type { DocumentNode, OperationDefinitionNode } from 'graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../context';
import { authenticateCredential, type BeginExtra, type Credential } from '../auth/authenticate';
import type { Principal } from '../auth/principal';
import { bindDb, Db } from '../data/db';
import { readAheadNodes } from '../graphql/node-load';
import { isAbortedCommit } from '../data/transaction-edges';
import type { ReadReplicas, ReplicaTransaction } from '../database/replicas';
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
  /** The request read more rows than QUERY_MAX_ROWS: the answer is the limit's refusal and the transaction is rolled back. */
  tooManyRows = false;
  private budget?: BudgetState;
  private state: 'idle' | 'opening' | 'open' | 'failed' | 'closed' = 'idle';
  private release?: () => void;
  private stopCounting?: () => void;
  private openedAt = 0;
  private charged = false;
  /** Guesses at a secret value the operation tested (see guessedSecrets). */
  private guesses = 0;
  /** The open under way: close waits for it (see close). */
  private opening?: Promise<void>;
  /**
   * Runs in the transaction just before it commits (the personal-data read log); a failure rolls
   * back. `last`: nothing else runs before the COMMIT, so its last statement may carry it (Db.commitWith).
   */
  beforeCommit?: (last: boolean) => Promise<unknown>;
  /** The operation's type, once known: a committed mutation marks its principal as a recent writer. */
  operationType?: 'query' | 'mutation' | 'subscription';
  /** The operation is a query made of stale-tolerant fields (core/graphql/stale-reads.ts): it may read a replica. */
  staleTolerant = false;
  /** Where the operation's reads went: the primary, or a replica (`extensions.readFrom` outside production). */
  readFrom: 'primary' | 'replica' = 'primary';
  private replica?: ReplicaTransaction;
  /** The operation and its variables, for what its first round trip may read ahead (readAheadNodes). */
  private operation?: { document: DocumentNode; definition: OperationDefinitionNode; variables?: Record<string, unknown> };
  /** The context switched to the replica, and its primary runner (put back before the request commits). */
  private switched?: { ctx: RequestContext; db: Db };
  /** The request's runner on the primary: closed just before the transaction ends. */
  private db?: Db;

  constructor(
    private readonly em: EntityManager,
    private readonly credential: Credential,
    /** The client's source (address key), for anonymous budgets and sign-in limits. */
    readonly source: string,
    private readonly limits: Limits,
    private readonly counter: StatementCounter,
    private readonly replicas?: ReadReplicas,
  ) {}

  /** Notes what the operation is, before open: its type, whether it may read a replica, and its variables. */
  classify(document: DocumentNode, operation: OperationDefinitionNode | null | undefined, variables?: Record<string, unknown>): void {
    this.operationType = operation?.operation as RequestSession['operationType'];
    this.operation = operation ? { document, definition: operation, variables } : undefined;
    this.staleTolerant = !!operation && !!this.replicas?.enabled && this.replicas.staleReads.allows(document, operation);
  }

  /**
   * Refused while opening (UNAUTHENTICATED, THROTTLED, or the open failed): what ran then was the
   * first round trip only, and a statement timeout in its read ahead does not make the refusal a TIMEOUT.
   */
  get refusedOnOpen(): boolean {
    return this.state === 'failed';
  }

  /** The server has read replicas. */
  get replicasEnabled(): boolean {
    return !!this.replicas?.enabled;
  }

  /** Reads a replica only for a stale-tolerant query, and only when there is one. */
  private get mayReadReplica(): boolean {
    return this.staleTolerant && this.operationType === 'query' && !!this.replicas?.enabled;
  }

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
      this.db = ctx.db;
      ctx.tally.maxRows = this.limits.config.maxRows;
      await this.em.begin();
      this.stopCounting = await this.counter.track(this.em, ctx.tally);
      let extra: Record<string, unknown>;
      // Before the bucket is read: charges acknowledged from now on may be missing from what it reads.
      const mark = this.limits.budget.mark();
      try {
        let first = this.limits.firstStatement(this.anonymousKey);
        // Whether the principal wrote lately rides in the same statement (the answer decides where to read).
        if (this.mayReadReplica) first = withLastWriteAge(first);
        const authenticating = authenticateCredential(ctx.db, this.credential, first);
        // Its first reads ride in the same round trip, behind authentication (anonymous reads
        // nothing by ID; a query bound for a replica reads there).
        if (this.operation && this.credential.kind !== 'anonymous' && !this.mayReadReplica) {
          try {
            readAheadNodes(ctx, this.operation.document, this.operation.definition, this.operation.variables);
          } catch {
            // Nothing read ahead: the operation reads as it would have.
          }
        }
        const result = await authenticating;
        ctx.principal = result.principal;
        extra = result.extra;
        this.budget = this.limits.budget.stateOf(extra.budget as { key: string; level: number }, this.anonymousKey, mark);
      } catch (err) {
        if (err instanceof UnauthenticatedError) {
          throw new UnauthenticatedError(err.message, { http: { status: 401, headers: new HeaderMap([['www-authenticate', 'Bearer']]) } });
        }
        throw err;
      } finally {
        this.limits.budget.release(mark);
      }
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
      if (this.mayReadReplica) await this.readReplica(ctx, extra.last_write_age_ms as string | number | null);
    } catch (err) {
      this.state = 'failed';
      throw err;
    }
  }

  /**
   * Moves the operation's reads to a replica when its principal has not written within
   * READ_YOUR_WRITES_MS and a replica is close enough. The replica's transaction begins exactly as
   * the primary's: lianxin_begin_request checks the same credential there and signs that
   * transaction's own row-level-security grant, and the statement timeout is set. Its principal
   * must be the primary's to the last binding (a session, key or binding the replica has not
   * replayed yet, or one revoked on the primary but still live there, sends the request back to
   * the primary): the replica never grants what the primary does not.
   */
  private async readReplica(ctx: RequestContext, lastWriteAge: string | number | null): Promise<void> {
    const replicas = this.replicas!;
    if (lastWriteAge !== null && lastWriteAge !== undefined && Number(lastWriteAge) < replicas.config.readYourWritesMs) return;
    const replica = await replicas.begin();
    if (!replica) return;
    const db = bindDb(replica.em, new Db(replica.em, ctx.tally));
    try {
      const timeout: BeginExtra = (offset) => ({
        select: `set_config('statement_timeout', $${offset}, true) as statement_timeout`,
        params: [String(this.limits.config.statementTimeoutMs)],
      });
      const there = await authenticateCredential(db, this.credential, timeout);
      if (!samePrincipal(there.principal, ctx.principal)) {
        await replica.close();
        return;
      }
    } catch {
      // Not readable there now (an error, a credential it does not know yet): the primary answers.
      await replica.close();
      return;
    }
    this.replica = replica;
    this.switched = { ctx, db: ctx.db };
    ctx.db = db;
    ctx.loaders.readFrom(db);
    this.readFrom = 'replica';
  }

  /** Puts the primary's runner back (the personal-data read log and the commit are the primary's). */
  private async leaveReplica(): Promise<void> {
    if (this.switched) {
      this.switched.ctx.db.close();
      this.switched.ctx.db = this.switched.db;
      this.switched.ctx.loaders.readFrom(this.switched.db);
      this.switched = undefined;
    }
    await this.replica?.close();
    this.replica = undefined;
  }

  /**
   * The operation tested `n` values of a secret (identity card numbers a write would take: each is
   * TAKEN or not, found or refused alike), and is charged what as many lookups by a secret cost
   * (personByIdNumber's page each) on top of what it returns. Charged after the answer, so a
   * batch of guesses leaves the bucket in debt and its next requests wait, at the lookup's rate.
   */
  guessedSecrets(n: number): void {
    this.guesses += n;
  }

  /** Charges the actual cost (after a timeout, what it asked for, at most the whole bucket) and says what to report. */
  settle(data: Record<string, unknown> | null | undefined): CostReport | null {
    if (!this.plan) return null;
    let actual = 0;
    let status: ThrottleStatus | null = null;
    if (this.budget) {
      if (this.state === 'open') {
        actual = actualCost(this.plan, data) + this.guesses * this.limits.costRules.pageSize;
        // A timed-out request returned nothing, yet kept a connection busy for the whole timeout.
        if (this.timedOut || this.tooManyRows) actual = Math.max(actual, Math.min(this.requested, this.budget.config.points));
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
   * A COMMIT answered ROLLBACK fails a mutation (its work is gone), not a query: a query whose
   * field failed in the database had nothing to keep, and its answer already says what failed.
   */
  private unlessReadAborted(err: unknown): void {
    if (this.operationType === 'query' && isAbortedCommit(err)) return;
    throw err;
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
    const keep = commit && this.state === 'open' && !this.timedOut && !this.tooManyRows;
    this.state = 'closed';
    try {
      await this.leaveReplica();
      const trx = this.em.getTransactionContext();
      if (!trx) return;
      let committing = keep;
      try {
        // Reads-your-writes across instances: with replicas, the principal's next reads go to the
        // primary for READ_YOUR_WRITES_MS (lianxin_note_write keys the mark by the signed grant).
        const noteWrite = keep && this.operationType === 'mutation' && !!this.replicas?.enabled;
        if (keep && this.beforeCommit) await this.beforeCommit(!noteWrite);
        if (noteWrite) await new Db(this.em, undefined).query('select lianxin_note_write()');
      } catch (err) {
        committing = false;
        this.db?.close();
        await this.em.getConnection().rollback(trx);
        throw err;
      }
      this.db?.close();
      // Services flush inside their own savepoints; committing on the connection skips a final
      // UnitOfWork flush, which would also switch on Node's promise hooks for the whole process.
      if (committing)
        await this.em
          .getConnection()
          .commit(trx)
          .catch((err: unknown) => this.unlessReadAborted(err));
      else await this.em.getConnection().rollback(trx);
    } finally {
      await this.leaveReplica().catch(() => undefined);
      this.stopCounting?.();
      this.release?.();
    }
  }
}

/** The first statement's extra columns, plus the age of the principal's last write (null: never). */
function withLastWriteAge(extra: BeginExtra): BeginExtra {
  return (offset) => {
    const inner = extra(offset);
    return { select: `${inner.select}, lianxin_last_write_age_ms() as last_write_age_ms`, params: inner.params };
  };
}

/**
 * The same principal with the same reach: who it is and every binding's role, scope and place,
 * from which the row-level-security grant is made. Names (a login's display name, a scope's name)
 * may differ: a community renamed on the primary and not yet on the replica changes nobody's reach.
 */
function samePrincipal(a: Principal, b: Principal): boolean {
  const reach = (p: Principal) =>
    JSON.stringify({
      kind: p.kind,
      user: p.kind === 'user' ? [p.userId, p.personId] : null,
      service: p.kind === 'service' ? [p.serviceAccountId, p.apiKeyId] : null,
      all: p.allCommunities,
      communities: [...p.communityIds].sort((x, y) => x - y),
      bindings: p.bindings.map((b) => [b.id, b.role, b.scopeType, b.scopeId, b.communityId, b.path, b.orgPath ?? null]),
    });
  return reach(a) === reach(b);
}
