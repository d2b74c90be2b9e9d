import { createRequire } from 'node:module';
import { rowBuilder, type FieldDescription, type RowBuilder } from './row-builder';
import { markCommitted, markEnding, takeHeldBegin } from './transaction-edges';

// The driver's own value encoder (not in its typings): parameters go out exactly as they do for a
// statement the driver sends itself. Rows are built under the connection's own type parsers.
const load = createRequire(__filename);
const { prepareValue } = load('pg/lib/utils') as { prepareValue(value: unknown): unknown };

/*
 * Several statements of one transaction sent in one write and answered in one read: the extended
 * protocol lets a client send Parse/Bind/Describe/Execute for each and a single Sync at the end,
 * and PostgreSQL runs them in order, exactly as if each had been sent after the previous one
 * answered. node-postgres sends one statement per round trip; its "submittable" interface (the one
 * pg-cursor uses) lets us hand it the whole batch as one item of its queue.
 *
 * Why: the loaders of one level of a nested read fire together (a community's district, street,
 * compound count and compound page are four statements nobody waits on each other for), and each
 * round trip costs a socket write and a wake-up on both sides (bench/RESULTS.md, "Issue 15 — 2026-12-04").
 *
 * What each statement gets is what it would have got alone: its rows, or its error. After an error
 * PostgreSQL skips the rest up to the Sync; inside a transaction block (the only place this runs)
 * those statements would have failed with "current transaction is aborted" had they been sent one
 * by one, and that is the error they get here.
 */

export interface PipelinedStatement {
  /** The prepared statement's name; none for a statement planned per call (unnamed). */
  name?: string;
  text: string;
  values: unknown[];
}

export type PipelineOutcome = { rows: object[] } | { error: unknown };

interface Connection {
  parsedStatements: Record<string, string>;
  stream: { cork?: () => void; uncork?: () => void };
  parse(query: { text: string; name?: string; types?: unknown[] }): void;
  bind(config: { portal: string; statement?: string; values: unknown[]; binary: boolean }): void;
  describe(msg: { type: 'P'; name: string }): void;
  execute(config: { portal: string; rows?: number }): void;
  sync(): void;
  sendCopyFail(msg: string): void;
}

/** The pg client as this module uses it: a queue that accepts a submittable. */
export interface SubmittingClient {
  query(submittable: object): unknown;
}

function notRun(): Error {
  return Object.assign(new Error('current transaction is aborted, commands ignored until end of transaction block'), { code: '25P02' });
}

class Pipeline {
  /** Set by the client when it wraps the callback (its read timeout); called once with the outcomes. */
  callback: (err: unknown, outcomes?: PipelineOutcome[]) => void;
  private readonly outcomes: PipelineOutcome[] = [];
  private readonly parseSent: boolean[] = [];
  /** The statement whose answer is being read: the count of statements answered so far. */
  private current = 0;
  private rows: object[] = [];
  private build?: RowBuilder;
  private submitted = false;
  private rowError?: unknown;
  /** Each answered statement's command tag (`COMMIT`, `ROLLBACK`, `INSERT 0 1`…). */
  readonly tags: Array<string | undefined> = [];

  constructor(
    private readonly statements: PipelinedStatement[],
    private readonly values: unknown[][],
    private readonly types: Parameters<typeof rowBuilder>[1],
    done: (outcomes: PipelineOutcome[]) => void,
  ) {
    this.callback = (err, outcomes) => done(outcomes ?? this.failAll(err));
  }

  // The client records a statement as prepared on this connection when its ParseComplete arrives,
  // reading the active item's name and text: the statement being answered is the one it belongs to.
  get name(): string | undefined {
    return this.parseSent[this.current] ? this.statements[this.current].name : undefined;
  }

  get text(): string | undefined {
    return this.statements[this.current]?.text;
  }

  submit(connection: Connection): Error | null {
    const parsedHere = new Set<string>();
    this.submitted = true;
    connection.stream.cork?.();
    try {
      this.statements.forEach((s, i) => {
        const known = s.name !== undefined && (connection.parsedStatements[s.name] !== undefined || parsedHere.has(s.name));
        if (!known) {
          connection.parse({ text: s.text, name: s.name });
          if (s.name !== undefined) parsedHere.add(s.name);
          this.parseSent[i] = true;
        }
        connection.bind({ portal: '', statement: s.name, values: this.values[i], binary: false });
        connection.describe({ type: 'P', name: '' });
        connection.execute({ portal: '' });
      });
      connection.sync();
    } finally {
      connection.stream.uncork?.();
    }
    return null;
  }

  handleRowDescription(msg: { fields: FieldDescription[] }): void {
    // Called from the socket's data handler: whatever goes wrong here is this statement's error,
    // never an exception thrown out of the connection.
    try {
      this.build = rowBuilder(msg.fields, this.types);
    } catch (err) {
      this.build = undefined;
      this.rowError = err;
    }
  }

  handleDataRow(msg: { fields: (string | null)[] }): void {
    if (this.rowError !== undefined || !this.build) return;
    try {
      this.rows.push(this.build(msg.fields));
    } catch (err) {
      this.rowError = err;
    }
  }

  handleCommandComplete(msg: { text?: string }): void {
    this.tags[this.current] = msg?.text;
    this.answered();
  }

  handleEmptyQuery(): void {
    this.answered();
  }

  handlePortalSuspended(): void {
    // Every statement is executed to completion (no row limit): never sent.
  }

  handleCopyInResponse(connection: Connection): void {
    connection.sendCopyFail('No source stream defined');
  }

  handleCopyData(): void {}

  handleError(err: unknown): void {
    // PostgreSQL answered this statement with an error and skipped the rest up to the Sync; or the
    // client could not send (then nothing ran, and every statement gets that error).
    // Only PostgreSQL's own error (it carries a severity) means the rest was skipped in a live
    // transaction; a lost connection or a client-side timeout is every remaining statement's error.
    if (this.submitted && this.current < this.statements.length && this.outcomes.length === this.current) {
      const fromServer = typeof (err as { severity?: unknown } | null)?.severity === 'string';
      this.outcomes.push({ error: err });
      while (this.outcomes.length < this.statements.length) this.outcomes.push({ error: fromServer ? notRun() : err });
      this.callback(null, this.outcomes);
    } else this.callback(err);
  }

  handleReadyForQuery(): void {
    this.callback(null, this.outcomes);
  }

  private answered(): void {
    this.outcomes.push(this.rowError === undefined ? { rows: this.rows } : { error: this.rowError });
    this.rows = [];
    this.build = undefined;
    this.rowError = undefined;
    this.current++;
  }

  private failAll(err: unknown): PipelineOutcome[] {
    return this.statements.map(() => ({ error: err }));
  }
}

/**
 * Sends the statements in one round trip; each outcome is its statement's rows or error, in order.
 * A BEGIN held on the connection (transaction-edges.ts) goes first in the same write. With
 * `commit`, a COMMIT goes last and its outcome follows the statements' (one more than given); when
 * it succeeds the transaction's own COMMIT is answered without being sent.
 */
export function runPipelined(
  client: SubmittingClient,
  statements: PipelinedStatement[],
  options: { commit?: boolean } = {},
): Promise<PipelineOutcome[]> {
  return new Promise((resolve) => {
    let values: unknown[][];
    try {
      // Mapped before anything is written: a value the driver cannot send fails the batch whole.
      values = statements.map((s) => s.values.map((v) => prepareValue(v)));
    } catch (err) {
      resolve(statements.map(() => ({ error: err })));
      return;
    }
    const begin = takeHeldBegin(client);
    const sent = [
      ...(begin === undefined ? [] : [{ text: begin, values: [] }]),
      ...statements,
      ...(options.commit ? [{ text: 'commit', values: [] }] : []),
    ];
    const sentValues = [...(begin === undefined ? [] : [[]]), ...values, ...(options.commit ? [[]] : [])];
    let settled = false;
    const pipeline: Pipeline = new Pipeline(
      sent,
      sentValues,
      (client as { _types?: Parameters<typeof rowBuilder>[1] })._types,
      (outcomes) => {
        if (settled) return;
        settled = true;
        if (options.commit) {
          // Committed only when PostgreSQL answered this very COMMIT with COMMIT (to a COMMIT in an
          // aborted transaction it answers ROLLBACK). Anything else leaves the transaction to be
          // rolled back, and the connection refusing statements until then.
          const last = sent.length - 1;
          const done = outcomes.length === sent.length && 'rows' in outcomes[last] && pipeline.tags[last] === 'COMMIT';
          if (done) markCommitted(client);
          else if (outcomes.length === sent.length && 'rows' in outcomes[last])
            outcomes[last] = {
              error: new Error(`the transaction was not committed (PostgreSQL answered ${pipeline.tags[last] ?? 'nothing'})`),
            };
        }
        if (begin !== undefined) {
          const began = outcomes.shift();
          // The transaction never began: that is every statement's error, not "transaction aborted".
          if (began && 'error' in began) outcomes = outcomes.map(() => ({ error: began.error }));
        }
        resolve(outcomes);
      },
    );
    client.query(pipeline);
    // From here nothing else may go out in this transaction: it ends with this pipeline.
    if (options.commit) markEnding(client);
  });
}
