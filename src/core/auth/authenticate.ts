import type { Db } from '../data/db';
import { RESIDENT_READING_ROLES } from './capabilities';
import { UnauthenticatedError } from '../errors/errors';
import { parseApiKey, secretMatches, API_KEY_PREFIX } from './api-keys';
import { ANONYMOUS, type Binding, type Principal } from './principal';
import type { TokenService } from './tokens';

interface BeginRow {
  p: {
    userId: number | null;
    login: string | null;
    displayName: string | null;
    personId: number | null;
    serviceAccountId: number | null;
    serviceAccountName: string | null;
    apiKeyId: number | null;
    secretHash: string | null;
    expiresAt: string | null;
    revokedAt: string | null;
    bindings: Binding[];
    allCommunities: boolean;
    communityIds: number[];
  } | null;
}

/**
 * Work folded into the request's first statement, so that it costs no round trip of its own: a
 * select list over `p` (the principal as JSON, null for none) whose parameters are numbered from
 * `offset` on (after lianxin_begin_request's own).
 */
export type BeginExtra = (offset: number) => { select: string; params: unknown[] };

async function begin(db: Db, kind: Credential['kind'], key: string, extra?: BeginExtra): Promise<{ p: BeginRow['p']; row: Record<string, unknown> }> {
  const params: unknown[] = [kind, key, RESIDENT_READING_ROLES];
  const call = 'lianxin_begin_request($1, $2, $3)';
  const more = extra?.(params.length + 1);
  const text = more ? `select p, ${more.select} from ${call} as p` : `select ${call} as p`;
  const row = await db.one<BeginRow & Record<string, unknown>>(text, more ? [...params, ...more.params] : params);
  return { p: row?.p ?? null, row: row ?? {} };
}

function scoped(p: NonNullable<BeginRow['p']>) {
  return { bindings: p.bindings, communityIds: new Set(p.communityIds), allCommunities: p.allCommunities };
}

/** What the Authorization header claims, checked as far as it can be without the database. */
export type Credential =
  | { kind: 'anonymous' }
  | { kind: 'user'; userId: number }
  | { kind: 'oidc'; issuer: string; subject: string }
  | { kind: 'api_key'; keyId: string; secret: string };

/**
 * Reads `Authorization: Bearer <token>` before the request touches the database: no header is
 * anonymous; a JWT is verified (signature, issuer, audience, expiry); an `lxk_` API key is parsed
 * (its secret is checked against the database). Anything malformed or failing is UNAUTHENTICATED.
 */
export async function readCredential(tokens: TokenService, authorization: string | undefined): Promise<Credential> {
  if (authorization === undefined || authorization === '') return { kind: 'anonymous' };
  const m = /^Bearer ([A-Za-z0-9._~+/=-]{10,4096})$/.exec(authorization);
  if (!m) throw new UnauthenticatedError('Send credentials as Authorization: Bearer <token>');
  const token = m[1];
  if (token.startsWith(API_KEY_PREFIX)) {
    const parsed = parseApiKey(token);
    if (!parsed) throw new UnauthenticatedError('The API key is malformed');
    return { kind: 'api_key', keyId: parsed.keyId, secret: parsed.secret };
  }
  const subject = await tokens.verify(token);
  return subject.kind === 'user' ? { kind: 'user', userId: subject.userId } : { kind: 'oidc', issuer: subject.issuer, subject: subject.subject };
}

/**
 * The request's first statement: loads the live role bindings of the principal the credential
 * names and switches the transaction to the application role with the row-level-security
 * settings for the communities it reaches. Anonymous reads nothing of the kind. A principal that
 * does not check out (unknown, disabled, revoked, expired, wrong secret) is UNAUTHENTICATED —
 * never treated as anonymous. `extra` rides along in the same statement; its columns come back.
 */
export async function authenticateCredential(db: Db, credential: Credential, extra?: BeginExtra): Promise<{ principal: Principal; extra: Record<string, unknown> }> {
  if (credential.kind === 'anonymous') {
    const { row } = await begin(db, 'anonymous', '', extra);
    return { principal: ANONYMOUS, extra: row };
  }
  if (credential.kind === 'api_key') {
    const { p, row } = await begin(db, 'api_key', credential.keyId, extra);
    // Unknown key, wrong secret, revoked or expired: one answer, decided after the same work.
    const matches = secretMatches(credential.secret, p?.secretHash);
    if (!p || !p.apiKeyId || !p.serviceAccountId || !matches) throw new UnauthenticatedError('The API key is not valid');
    if (p.revokedAt) throw new UnauthenticatedError('The API key has been revoked');
    if (p.expiresAt && Date.parse(p.expiresAt) <= Date.now()) throw new UnauthenticatedError('The API key has expired');
    await db.query('select lianxin_touch_api_key($1)', [p.apiKeyId]);
    return { principal: { kind: 'service', serviceAccountId: p.serviceAccountId, name: p.serviceAccountName ?? '', apiKeyId: p.apiKeyId, ...scoped(p) }, extra: row };
  }
  const { p, row } = credential.kind === 'user' ? await begin(db, 'user', String(credential.userId), extra) : await begin(db, 'oidc', `${credential.issuer} ${credential.subject}`, extra);
  if (!p || !p.userId) throw new UnauthenticatedError(credential.kind === 'oidc' ? 'No user is linked to this identity' : 'The user does not exist or is disabled');
  return { principal: { kind: 'user', userId: p.userId, login: p.login ?? '', displayName: p.displayName ?? '', personId: p.personId, ...scoped(p) }, extra: row };
}

/** Both steps at once (for callers that need no limits between them). */
export async function authenticate(db: Db, tokens: TokenService, authorization: string | undefined): Promise<Principal> {
  return (await authenticateCredential(db, await readCredential(tokens, authorization))).principal;
}
