import { createHash } from 'node:crypto';
import { HeaderMap, type ApolloServerPlugin, type GraphQLResponse } from '@apollo/server';
import {
  Kind,
  print,
  type DocumentNode,
  type FormattedExecutionResult,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionNode,
} from 'graphql';
import type { RequestContext } from '../../context';
import type { Principal } from '../auth/principal';
import { open, seal } from '../crypto/sealed';

/*
 * Idempotency keys (docs/integration.md, "Idempotency"). A mutation sent with `Idempotency-Key`
 * first claims the key for its caller: one insert into lianxin_idempotency_key, in the request's own
 * transaction, under the (principal, key) primary key. So the claim commits or rolls back with what
 * the mutation did, and its answer is stored just before the commit. A second request with the same
 * key and the same request then finds the answer and replays it without running anything; with a
 * different request it is CONFLICT. A concurrent second request waits on the first one's row (the
 * unique index) until the first commits, then replays its answer; if the first rolled back (a
 * timeout, a failure), the second runs as if it were the first. Queries, anonymous callers and
 * answers where nothing ran (every field refused) keep no key.
 *
 * The stored answer is what the caller was allowed to read (phones, identity card numbers) and would
 * otherwise lie in plain text in the table and its backups for IDEMPOTENCY_KEY_HOURS, beside columns
 * that keep the same values sealed. So it is sealed like them (crypto/sealed.ts, the current field
 * key), a JSON string in the jsonb column: no migration, and a key id a rotation can see. keys:reencrypt
 * does not re-seal it (no row id, no community; docs/integration.md, "Idempotency"): an entry lives
 * IDEMPOTENCY_KEY_HOURS at most, so an old key stays listed that long. Credentials shown once are not
 * stored at all (WITHHELD_FIELDS). A row stored before sealing (a plain JSON object) is still
 * replayed, its credentials withheld, until it expires: running the request again could apply it twice.
 */

const HEADER = 'idempotency-key';
const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;
/** Expired keys purged per claim, across callers: the table drains as long as keyed requests come. */
const PURGE_BATCH = 100;

const CLAIM_SQL = `
with purged as (select lianxin_purge_idempotency_keys($4::timestamptz, ${PURGE_BATCH}) as n)
insert into lianxin_idempotency_key as k (principal, key, request_hash, created_at, expires_at)
select $1, $2, $3, $4::timestamptz, $4::timestamptz + make_interval(hours => $5::int) from purged
on conflict (principal, key) do update
   set request_hash = excluded.request_hash, response = null, created_at = excluded.created_at, expires_at = excluded.expires_at
 where k.expires_at <= excluded.created_at
returning 1 as claimed`;

/**
 * Fields whose value is a credential the API shows once and keeps only hashed or sealed: an API key's
 * and a webhook's `secret`, the `token` of changePassword and of a QR point. Never stored for a
 * replay: it answers them null with `extensions.secretsWithheld`, so a caller that lost the first
 * answer knows to revoke and mint again. By the field's name, whatever its alias.
 */
const WITHHELD_FIELDS: ReadonlySet<string> = new Set(['secret', 'token']);

const FIND_SQL = `select request_hash, response from lianxin_idempotency_key where principal = $1 and key = $2 and expires_at > $3::timestamptz`;
const STORE_SQL = `update lianxin_idempotency_key set response = to_jsonb($3::text) where principal = $1 and key = $2`;
const RELEASE_SQL = `delete from lianxin_idempotency_key where principal = $1 and key = $2`;

/** Whose keys: a user's or a service account's (anonymous callers keep none). */
export function keyOwner(principal: Principal): string | null {
  if (principal.kind === 'user') return `u:${principal.userId}`;
  if (principal.kind === 'service') return `s:${principal.serviceAccountId}`;
  return null;
}

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` are the same request. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The request's fingerprint: the printed document (whitespace and comments do not count), the operation's name and the variables. */
export function requestHash(document: Parameters<typeof print>[0], operationName: string | null | undefined, variables: unknown): string {
  return createHash('sha256')
    .update(canonical([print(document), operationName ?? null, variables ?? {}]))
    .digest('hex');
}

function refusal(code: 'CONFLICT' | 'BAD_USER_INPUT', message: string, status: number): GraphQLResponse {
  return {
    http: { status, headers: new HeaderMap() },
    body: { kind: 'single', singleResult: { errors: [{ message, extensions: { code } }] } },
  };
}

/** Nothing ran: every top-level field answered null with an error (refused, not found). Retrying must be possible. */
function nothingRan(result: FormattedExecutionResult): boolean {
  if (!result.errors?.length) return false;
  return !result.data || Object.values(result.data).every((v) => v === null);
}

type Fragments = ReadonlyMap<string, FragmentDefinitionNode>;

/** Nulls each withheld field the selections reach in `value`, in place; true if one had a value. */
function withhold(value: unknown, selections: readonly SelectionNode[], fragments: Fragments): boolean {
  if (Array.isArray(value)) return value.reduce<boolean>((any, item) => withhold(item, selections, fragments) || any, false);
  if (!value || typeof value !== 'object') return false;
  const object = value as Record<string, unknown>;
  let withheld = false;
  for (const selection of selections) {
    if (selection.kind === Kind.FIELD) {
      const name = selection.alias?.value ?? selection.name.value;
      if (!WITHHELD_FIELDS.has(selection.name.value)) {
        if (selection.selectionSet) withheld = withhold(object[name], selection.selectionSet.selections, fragments) || withheld;
      } else if (object[name] !== null && object[name] !== undefined) {
        object[name] = null;
        withheld = true;
      }
    } else {
      // Whatever the type condition: a name the fragment gives a withheld field is withheld.
      const set = selection.kind === Kind.INLINE_FRAGMENT ? selection.selectionSet : fragments.get(selection.name.value)?.selectionSet;
      if (set) withheld = withhold(object, set.selections, fragments) || withheld;
    }
  }
  return withheld;
}

/** The answer with its credentials withheld, and the signal that they were. */
function withoutSecrets(
  answer: FormattedExecutionResult,
  operation: OperationDefinitionNode,
  fragments: Fragments,
): FormattedExecutionResult {
  if (!withhold(answer.data, operation.selectionSet.selections, fragments)) return answer;
  return { ...answer, extensions: { ...answer.extensions, secretsWithheld: true } };
}

function signsIn(operation: OperationDefinitionNode): boolean {
  return operation.selectionSet.selections.some((s) => s.kind === Kind.FIELD && s.name.value === 'login');
}

function fragmentsOf(document: DocumentNode): Fragments {
  return new Map(document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
}

export function idempotencyPlugin(options: { keyHours: number }): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ request }) {
      const key = request.http?.headers.get(HEADER);
      if (key === undefined) return;
      let claimed: { owner: string; operation: OperationDefinitionNode; fragments: Fragments } | null = null;
      return {
        async responseForOperation({ contextValue: ctx, operation, document, operationName }) {
          if (operation.operation !== 'mutation') return null;
          // A sign-in is a new session each time, and its token (non-null) would be withheld from a replay.
          if (signsIn(operation)) return null;
          if (!KEY_FORMAT.test(key)) {
            return refusal('BAD_USER_INPUT', 'Idempotency-Key must be 1 to 255 visible ASCII characters (a UUID is a good key)', 400);
          }
          const owner = keyOwner(ctx.principal);
          if (!owner || !ctx.session) return null;
          const hash = requestHash(document, operationName, request.variables);
          const now = ctx.clock.now().toISOString();
          const won = await ctx.db.query(CLAIM_SQL, [owner, key, hash, now, options.keyHours]);
          if (won.length > 0) {
            claimed = { owner, operation, fragments: fragmentsOf(document) };
            return null;
          }
          // A sealed answer (a JSON string), or a plain object stored before answers were sealed.
          const [held] = await ctx.db.query<{ request_hash: string; response: string | FormattedExecutionResult | null }>(FIND_SQL, [
            owner,
            key,
            now,
          ]);
          if (!held || held.request_hash !== hash) {
            return refusal(
              'CONFLICT',
              'This Idempotency-Key was used with a different request: send a new key for a new request, the same request for a retry',
              409,
            );
          }
          if (!held.response) return refusal('CONFLICT', 'A request with this Idempotency-Key is still in progress; retry later', 409);
          const headers = new HeaderMap([['idempotent-replayed', 'true']]);
          const stored =
            typeof held.response === 'string'
              ? (JSON.parse(open(held.response)) as FormattedExecutionResult)
              : withoutSecrets(held.response, operation, fragmentsOf(document));
          const replayed = { ...stored, extensions: { ...stored.extensions, idempotentReplayed: true } };
          return { http: { status: undefined, headers }, body: { kind: 'single', singleResult: replayed } };
        },

        async willSendResponse({ contextValue: ctx, response }) {
          if (!claimed || response.body.kind !== 'single' || ctx.db.timedOut) return;
          const result = response.body.singleResult;
          if (nothingRan(result)) {
            await ctx.db.query(RELEASE_SQL, [claimed.owner, key]);
            return;
          }
          // The cost and request id are the request's own: a replay reports its own. A copy: the
          // first answer, still to be sent, keeps its credentials.
          const answer = JSON.parse(JSON.stringify({ data: result.data, errors: result.errors })) as FormattedExecutionResult;
          const stored = withoutSecrets(answer, claimed.operation, claimed.fragments);
          await ctx.db.query(STORE_SQL, [claimed.owner, key, seal(JSON.stringify(stored))]);
        },
      };
    },
  };
}
