import type { Db } from '../data/db';
import { RESIDENT_READING_ROLES } from './capabilities';
import { UnauthenticatedError } from '../errors/errors';
import { parseApiKey, API_KEY_PREFIX } from './api-keys';
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
    expiresAt: string | null;
    revokedAt?: string | null;
    /** False for an API key that matched but is revoked or expired. */
    usable: boolean;
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

/**
 * The database checks the proof itself (a session's or an API key's secret, against their hashes)
 * and signs the transaction's row-level-security grant: the application cannot claim to be anyone.
 */
async function begin(
  db: Db,
  kind: Credential['kind'],
  key: string,
  proof: string | null,
  issuedAt: Date | null,
  extra?: BeginExtra,
): Promise<{ p: BeginRow['p']; row: Record<string, unknown> }> {
  const params: unknown[] = [kind, key, proof, issuedAt, RESIDENT_READING_ROLES];
  const call = 'lianxin_begin_request($1, $2, $3, $4, $5)';
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
  | { kind: 'user'; userId: number; session: string; issuedAt: Date }
  | { kind: 'oidc'; issuer: string; subject: string; issuedAt: Date }
  | { kind: 'api_key'; keyId: string; secret: string };

/**
 * Reads `Authorization: Bearer <token>` before the request touches the database: no header is
 * anonymous; a JWT is verified (signature, issuer, audience, expiry, lifetime); an `lxk_` API key
 * is parsed (its secret is checked by the database). Anything malformed or failing is UNAUTHENTICATED.
 */
export async function readCredential(tokens: TokenService, authorization: string | undefined): Promise<Credential> {
  if (authorization === undefined || authorization === '') return { kind: 'anonymous' };
  // The scheme is case-insensitive (RFC 9110); what follows it is one token of token68's characters.
  const m = /^(\S+)(?: +(.*))?$/.exec(authorization);
  if (!m || m[1].toLowerCase() !== 'bearer') throw new UnauthenticatedError('Send credentials as Authorization: Bearer <token>');
  const token = m[2]?.trim() ?? '';
  if (!/^[A-Za-z0-9._~+/=-]{10,4096}$/.test(token))
    throw new UnauthenticatedError('The bearer token is malformed: send the token that login returned, or an API key (lxk_…)');
  if (token.startsWith(API_KEY_PREFIX)) {
    const parsed = parseApiKey(token);
    if (!parsed) throw new UnauthenticatedError('The API key is malformed');
    return { kind: 'api_key', keyId: parsed.keyId, secret: parsed.secret };
  }
  const subject = await tokens.verify(token);
  return subject.kind === 'user'
    ? { kind: 'user', userId: subject.userId, session: subject.session, issuedAt: subject.issuedAt }
    : { kind: 'oidc', issuer: subject.issuer, subject: subject.subject, issuedAt: subject.issuedAt };
}

/**
 * The request's first statement: the database checks the credential's proof, loads the live role
 * bindings of the principal it names and signs the row-level-security grant for the communities
 * they reach. Anonymous reaches nothing. A principal that does not check out (unknown, disabled,
 * revoked, expired, wrong secret, ended session) is UNAUTHENTICATED — never treated as anonymous.
 * `extra` rides along in the same statement; its columns come back.
 */
export async function authenticateCredential(
  db: Db,
  credential: Credential,
  extra?: BeginExtra,
): Promise<{ principal: Principal; extra: Record<string, unknown> }> {
  if (credential.kind === 'anonymous') {
    const { row } = await begin(db, 'anonymous', '', null, null, extra);
    return { principal: ANONYMOUS, extra: row };
  }
  if (credential.kind === 'api_key') {
    const { p, row } = await begin(db, 'api_key', credential.keyId, credential.secret, null, extra);
    // Unknown key, wrong secret or disabled account: one answer. Revoked or expired: said, once the secret matched.
    if (!p || !p.apiKeyId) throw new UnauthenticatedError('The API key is not valid');
    if (p.revokedAt) throw new UnauthenticatedError('The API key has been revoked');
    if (!p.usable || !p.serviceAccountId) throw new UnauthenticatedError('The API key has expired');
    return {
      principal: {
        kind: 'service',
        serviceAccountId: p.serviceAccountId,
        name: p.serviceAccountName ?? '',
        apiKeyId: p.apiKeyId,
        ...scoped(p),
      },
      extra: row,
    };
  }
  const { p, row } =
    credential.kind === 'user'
      ? await begin(db, 'user', String(credential.userId), credential.session, credential.issuedAt, extra)
      : await begin(db, 'oidc', `${credential.issuer} ${credential.subject}`, null, credential.issuedAt, extra);
  if (!p || !p.userId) {
    throw new UnauthenticatedError(
      credential.kind === 'oidc'
        ? 'No active user is linked to this identity, or its tokens were revoked'
        : 'The session has ended, or the user is disabled',
    );
  }
  const session = credential.kind === 'user' ? credential.session : undefined;
  return {
    principal: {
      kind: 'user',
      userId: p.userId,
      login: p.login ?? '',
      displayName: p.displayName ?? '',
      personId: p.personId,
      session,
      ...scoped(p),
    },
    extra: row,
  };
}

/** Both steps at once (for callers that need no limits between them). */
export async function authenticate(db: Db, tokens: TokenService, authorization: string | undefined): Promise<Principal> {
  return (await authenticateCredential(db, await readCredential(tokens, authorization))).principal;
}
