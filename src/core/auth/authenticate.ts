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

async function begin(db: Db, kind: 'anonymous' | 'user' | 'oidc' | 'api_key', key: string): Promise<BeginRow['p']> {
  const row = await db.one<BeginRow>('select lianxin_begin_request($1, $2, $3) as p', [kind, key, RESIDENT_READING_ROLES]);
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
    await begin(db, 'anonymous', '');
    return ANONYMOUS;
  }
  const m = /^Bearer ([A-Za-z0-9._~+/=-]{10,4096})$/.exec(authorization);
  if (!m) throw new UnauthenticatedError('Send credentials as Authorization: Bearer <token>');
  const token = m[1];

  if (token.startsWith(API_KEY_PREFIX)) {
    const parsed = parseApiKey(token);
    if (!parsed) throw new UnauthenticatedError('The API key is malformed');
    const p = await begin(db, 'api_key', parsed.keyId);
    // Unknown key, wrong secret, revoked or expired: one answer, decided after the same work.
    const matches = secretMatches(parsed.secret, p?.secretHash);
    if (!p || !p.apiKeyId || !p.serviceAccountId || !matches) throw new UnauthenticatedError('The API key is not valid');
    if (p.revokedAt) throw new UnauthenticatedError('The API key has been revoked');
    if (p.expiresAt && Date.parse(p.expiresAt) <= Date.now()) throw new UnauthenticatedError('The API key has expired');
    await db.query('select lianxin_touch_api_key($1)', [p.apiKeyId]);
    return { kind: 'service', serviceAccountId: p.serviceAccountId, name: p.serviceAccountName ?? '', apiKeyId: p.apiKeyId, ...scoped(p) };
  }

  const subject = await tokens.verify(token);
  const p = subject.kind === 'user' ? await begin(db, 'user', String(subject.userId)) : await begin(db, 'oidc', `${subject.issuer} ${subject.subject}`);
  if (!p || !p.userId) throw new UnauthenticatedError(subject.kind === 'oidc' ? 'No user is linked to this identity' : 'The user does not exist or is disabled');
  return { kind: 'user', userId: p.userId, login: p.login ?? '', displayName: p.displayName ?? '', personId: p.personId, ...scoped(p) };
}
