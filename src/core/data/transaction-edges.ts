/*
 * A transaction's BEGIN and COMMIT without round trips of their own.
 *
 * A request's transaction is BEGIN, the first statement (authentication), its reads, the
 * personal-data read log when it showed any, and COMMIT: one round trip each, and for a small
 * answer (a household up both trees, bench Q3) the two edges were a third of them. Each round trip
 * costs a socket write and a wake-up on both sides.
 *
 * - BEGIN is held back on its connection and sent in front of the next statement, in the same
 *   write: inside a pipeline (pipeline.ts) as its first message; before any other statement as a
 *   statement of its own, exactly as before. A transaction that ends before sending anything sends
 *   neither its BEGIN nor its COMMIT or ROLLBACK.
 * - A runner may send its last statement with the COMMIT (Db.commitWith): when that COMMIT
 *   succeeds, the COMMIT the transaction then asks for is answered here; when it does not (the
 *   statement failed, so PostgreSQL skipped it), nothing is recorded and the ROLLBACK that follows
 *   goes out as before. From the moment that pipeline is sent until the transaction's own end,
 *   any other statement on the connection (the ORM's, a mutation's runner) is refused unsent: it
 *   would run after the COMMIT, on its own and without the request's grant.
 *
 * A COMMIT that PostgreSQL answers ROLLBACK (the transaction was aborted by a failed statement)
 * fails, as the pipeline's does: nothing was kept, and the request must not say otherwise.
 *
 * Everything else is sent as it was. What PostgreSQL runs, and in which order, is unchanged: only
 * how the messages are grouped into writes. Installed on every connection of the ORM's pools when it
 * is made (orm-options.ts).
 */

const HELD_BEGIN = Symbol('lianxin.heldBegin');
const COMMITTED = Symbol('lianxin.committedInPipeline');
const ENDING = Symbol('lianxin.endingInPipeline');

type Callback = (err: Error | null, result?: unknown) => void;

interface EdgeClient {
  query(config: unknown, values?: unknown, callback?: unknown): unknown;
  [HELD_BEGIN]?: string;
  [COMMITTED]?: boolean;
  [ENDING]?: boolean;
}

const BEGIN = /^BEGIN( TRANSACTION)?( ISOLATION LEVEL [A-Z ]+?)?( READ (ONLY|WRITE))?;?$/i;
const END = /^(COMMIT|ROLLBACK);?$/i;

/** The text of a plain query (a string, or a config object with no parameters), else undefined. */
function plainText(config: unknown, values: unknown): string | undefined {
  if (typeof config === 'string') return Array.isArray(values) && values.length > 0 ? undefined : config.trim();
  if (config === null || typeof config !== 'object') return undefined;
  const c = config as { text?: unknown; values?: unknown[]; submit?: unknown; name?: unknown };
  if (typeof c.submit === 'function' || typeof c.text !== 'string' || c.name !== undefined) return undefined;
  if (Array.isArray(c.values) && c.values.length > 0) return undefined;
  return c.text.trim();
}

/** Answers without sending, in the shape the driver would have: a result, or an error. */
function answer(outcome: { command: string } | Error, values: unknown, callback: unknown): unknown {
  const cb = (typeof values === 'function' ? values : callback) as Callback | undefined;
  const result = outcome instanceof Error ? outcome : { command: outcome.command, rowCount: null, rows: [], fields: [], oid: null };
  if (cb) {
    if (outcome instanceof Error) process.nextTick(cb, outcome);
    else process.nextTick(cb, null, result);
    return undefined;
  }
  return outcome instanceof Error ? Promise.reject(outcome) : Promise.resolve(result);
}

function afterCommit(): Error {
  return new Error('the transaction has ended with its last statement: a statement made after it is not sent');
}

const ABORTED = Symbol('lianxin.abortedCommit');

function rolledBack(): Error {
  return Object.assign(
    new Error('the transaction was aborted by an earlier failed statement: PostgreSQL answered its COMMIT with ROLLBACK and kept nothing'),
    { code: '25P02', [ABORTED]: true },
  );
}

/**
 * Whether `err` is a COMMIT that PostgreSQL answered with ROLLBACK. For a read (a query, a
 * subscription's event) that is no failure: it had nothing to keep (a read log that ran kept the
 * transaction alive, so it is not the case there), and its answer already carries the failed
 * field's error. For a mutation it is: its work is gone.
 */
export function isAbortedCommit(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { [ABORTED]?: boolean })[ABORTED] === true;
}

/**
 * Sends a COMMIT and fails it when PostgreSQL rolled back instead. In a transaction that a failed
 * statement aborted (one whose failure nobody saw: a swallowed error, a timeout after the check),
 * PostgreSQL answers COMMIT with the tag ROLLBACK and no error; the driver and the ORM would report
 * that as success, and the request would answer for work that was not kept.
 */
function sendCommit(send: EdgeClient['query'], config: unknown, values: unknown, callback: unknown): unknown {
  const cb = (typeof values === 'function' ? values : callback) as Callback | undefined;
  const failed = (result: unknown) => (result as { command?: unknown } | undefined)?.command === 'ROLLBACK';
  if (cb)
    return send(config, (err: Error | null, result?: unknown) => (err ? cb(err) : failed(result) ? cb(rolledBack()) : cb(null, result)));
  return (send(config) as Promise<unknown>).then((result) => {
    if (failed(result)) throw rolledBack();
    return result;
  });
}

/** Makes `client` (a pg Client) hold its BEGIN back and settle a COMMIT already sent (see above). */
export function installTransactionEdges(client: EdgeClient): void {
  const send = client.query.bind(client);
  client.query = (config: unknown, values?: unknown, callback?: unknown): unknown => {
    const text = plainText(config, values);
    if (text !== undefined && BEGIN.test(text)) {
      client[COMMITTED] = false;
      client[ENDING] = false;
      if (client[HELD_BEGIN] === undefined) {
        client[HELD_BEGIN] = text;
        return answer({ command: 'BEGIN' }, values, callback);
      }
    } else if (text !== undefined && END.test(text)) {
      const command = text.replace(/;$/, '').toUpperCase();
      client[ENDING] = false;
      if (client[HELD_BEGIN] !== undefined) {
        // Nothing was sent in this transaction: there is nothing to end.
        client[HELD_BEGIN] = undefined;
        return answer({ command }, values, callback);
      }
      if (client[COMMITTED]) {
        client[COMMITTED] = false;
        // Committed with the last statement: a COMMIT is answered; a ROLLBACK there is too late
        // to undo anything and would only draw PostgreSQL's "no transaction in progress" warning.
        return answer({ command }, values, callback);
      }
      if (command === 'COMMIT') return sendCommit(send, config, values, callback);
    } else if (client[ENDING] || client[COMMITTED]) {
      // The transaction's COMMIT is out (or done): whatever is asked now would run after it, on its
      // own and without the request's grant. Refused, never sent.
      if (typeof (config as { submit?: unknown } | null)?.submit === 'function') {
        (config as { handleError(err: Error): void }).handleError(afterCommit());
        return config;
      }
      return answer(afterCommit(), values, callback);
    } else if (client[HELD_BEGIN] !== undefined) {
      // Any other statement (the ORM's own, a savepoint) goes right behind the BEGIN in the
      // driver's queue, in the order it was asked, as it always did. (A pipeline takes the BEGIN
      // itself, see takeHeldBegin.) A BEGIN can only fail on a connection already inside a
      // transaction, where what follows fails as well.
      const begin = client[HELD_BEGIN];
      client[HELD_BEGIN] = undefined;
      (send(begin) as Promise<unknown>).catch(() => undefined);
    }
    return send(config, values, callback);
  };
}

/**
 * The BEGIN held on this connection, taken to be sent in front of a pipeline; undefined when none
 * is held. The pipeline sends it as its first message.
 */
export function takeHeldBegin(client: object): string | undefined {
  const c = client as EdgeClient;
  const begin = c[HELD_BEGIN];
  c[HELD_BEGIN] = undefined;
  return begin;
}

/**
 * A pipeline carrying the transaction's COMMIT has gone out: nothing else is sent on the connection
 * until the transaction's own COMMIT or ROLLBACK (if that COMMIT failed, the ROLLBACK goes out).
 */
export function markEnding(client: object): void {
  (client as EdgeClient)[ENDING] = true;
}

/** The transaction on this connection was committed by a pipeline's COMMIT (PostgreSQL answered it COMMIT). */
export function markCommitted(client: object): void {
  (client as EdgeClient)[COMMITTED] = true;
}
