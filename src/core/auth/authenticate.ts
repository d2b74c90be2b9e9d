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
 * The database checks the proof itself (a session's or an API key's secret, against their hashes)
 * and signs the transaction's row-level-security grant: the application cannot claim to be anyone.
 */
async function begin(db: Db, kind: 'anonymous' | 'user' | 'oidc' | 'api_key', key: string, proof: string | null, issuedAt: Date | null): Promise<BeginRow['p']> {
  const row = await db.one<BeginRow>('select lianxin_begin_request($1, $2, $3, $4, $5) as p', [kind, key, proof, issuedAt, RESIDENT_READING_ROLES]);
  return row?.p ?? null;
}

function scoped(p: NonNullable<BeginRow['p']>) {
  return { bindings: p.bindings, communityIds: new Set(p.communityIds), allCommunities: p.allCommunities };
}

/**
 * The request's first statement: identifies the caller from `Authorization: Bearer <token>` (a JWT
 * or an `lxk_` API key), loads its live role bindings and switches the transaction to the
 * application role with the row-level-security settings for the communities it reaches. No header:
 * anonymous. Any credential that does not check out (malformed, expired, tampered, revoked, unknown)
 * is UNAUTHENTICATED — never treated as anonymous.
 */
export async function authenticate(db: Db, tokens: TokenService, authorization: string | undefined): Promise<Principal> {
  if (authorization === undefined || authorization === '') {
    await begin(db, 'anonymous', '', null, null);
    return ANONYMOUS;
  }
  const m = /^Bearer ([A-Za-z0-9._~+/=-]{10,4096})$/.exec(authorization);
  if (!m) throw new UnauthenticatedError('Send credentials as Authorization: Bearer <token>');
  const token = m[1];

  if (token.startsWith(API_KEY_PREFIX)) {
    const parsed = parseApiKey(token);
    if (!parsed) throw new UnauthenticatedError('The API key is malformed');
    const p = await begin(db, 'api_key', parsed.keyId, parsed.secret, null);
    // Unknown key, wrong secret or disabled account: one answer. Revoked or expired: said, once the secret matched.
    if (!p || !p.apiKeyId) throw new UnauthenticatedError('The API key is not valid');
    if (p.revokedAt) throw new UnauthenticatedError('The API key has been revoked');
    if (!p.usable || !p.serviceAccountId) throw new UnauthenticatedError('The API key has expired');
    return { kind: 'service', serviceAccountId: p.serviceAccountId, name: p.serviceAccountName ?? '', apiKeyId: p.apiKeyId, ...scoped(p) };
  }

  const subject = await tokens.verify(token);
  const p =
    subject.kind === 'user'
      ? await begin(db, 'user', String(subject.userId), subject.session, subject.issuedAt)
      : await begin(db, 'oidc', `${subject.issuer} ${subject.subject}`, null, subject.issuedAt);
  if (!p || !p.userId) {
    throw new UnauthenticatedError(subject.kind === 'oidc' ? 'No active user is linked to this identity, or its tokens were revoked' : 'The session has ended, or the user is disabled');
  }
  const session = subject.kind === 'user' ? subject.session : undefined;
  return { kind: 'user', userId: p.userId, login: p.login ?? '', displayName: p.displayName ?? '', personId: p.personId, session, ...scoped(p) };
}
