import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SignJWT, createRemoteJWKSet, decodeJwt, exportJWK, jwtVerify, type JWK, type JWTVerifyGetKey } from 'jose';
import { LRUCache } from 'lru-cache';
import type { AuthConfig } from '../../config';
import { UnauthenticatedError } from '../errors/errors';
import type { Logger } from '../logger';

/**
 * Who a verified token names: a platform user by id with the secret of its sign-in session (which
 * the database checks), or a subject of the OpenID Connect provider. `issuedAt` lets the database
 * refuse tokens issued before the user's tokens were revoked.
 */
export type TokenSubject =
  { kind: 'user'; userId: number; session: string; issuedAt: Date } | { kind: 'oidc'; issuer: string; subject: string; issuedAt: Date };

/** Runs one SQL statement: the request's SQL runner, a pg client, or a test's connection. */
export type RunSql = <T extends object>(text: string, values: unknown[]) => Promise<T[]>;

const KEY_FILE = 'jwt-signing-key.pem';
const CLOCK_TOLERANCE_SECONDS = 30;
/** Platform tokens verified lately: a client sends the same token with every request. */
const VERIFIED_CACHE_SIZE = 10_000;

function algorithmOf(key: KeyObject): string {
  switch (key.asymmetricKeyType) {
    case 'ed25519':
      return 'EdDSA';
    case 'ec':
      return 'ES256';
    case 'rsa':
      return 'RS256';
    default:
      throw new Error(`unsupported signing key type ${key.asymmetricKeyType}`);
  }
}

/**
 * Issues and verifies bearer tokens. Platform tokens are signed with the configured private key
 * (outside production, one generated into DATA_DIR on first start, never committed); when an
 * OpenID Connect provider is configured its tokens are verified against its JWKS (issuer,
 * audience, expiry, signature). `alg: none` and any algorithm other than the key's are refused.
 */
export class TokenService {
  private readonly algorithm: string;
  private readonly publicKey: KeyObject;
  private readonly oidcKeys?: JWTVerifyGetKey;
  /**
   * Platform tokens whose signature and claims checked out, by the whole token (signature
   * included, so no other string can hit), with their `exp`. The signature check is most of the
   * cost of reading a credential; what can change after it (the session ended, the user disabled,
   * tokens revoked) is the database's to check, and it checks on every request.
   */
  // The claims, not a subject object: every request gets its own, so nothing a request does to its
  // subject can reach another request that sends the same token.
  private readonly verified = new LRUCache<string, { userId: number; session: string; iat: number; exp: number }>({
    max: VERIFIED_CACHE_SIZE,
  });

  private constructor(
    private readonly config: AuthConfig,
    private readonly privateKey: KeyObject,
  ) {
    this.algorithm = algorithmOf(privateKey);
    this.publicKey = createPublicKey(privateKey);
    if (config.oidc) this.oidcKeys = createRemoteJWKSet(new URL(config.oidc.jwksUrl), { cooldownDuration: 30_000, timeoutDuration: 5_000 });
  }

  static create(config: AuthConfig, dataDir: string, logger?: Logger): TokenService {
    if (config.jwtPrivateKeyPem) return new TokenService(config, createPrivateKey(config.jwtPrivateKeyPem));
    const file = path.join(dataDir, KEY_FILE);
    if (!existsSync(file)) {
      mkdirSync(dataDir, { recursive: true });
      const { privateKey } = generateKeyPairSync('ed25519');
      writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
      chmodSync(file, 0o600);
      logger?.info('generated a development signing key for tokens', { file });
    }
    return new TokenService(config, createPrivateKey(readFileSync(file, 'utf8')));
  }

  /** How long API keys live (the credentials policy; createApiKey applies it). */
  get policy(): { apiKeyDefaultTtlDays: number; apiKeyMaxTtlDays: number } {
    return { apiKeyDefaultTtlDays: this.config.apiKeyDefaultTtlDays, apiKeyMaxTtlDays: this.config.apiKeyMaxTtlDays };
  }

  /** The configured OpenID Connect issuer, if any. */
  get oidcIssuer(): string | undefined {
    return this.config.oidc?.issuer;
  }

  /**
   * Opens a sign-in session for an active user and returns a platform token carrying its secret;
   * null when the user does not exist or is disabled. The session (and so the token) can be ended
   * on its own (`logout`) or with all of the user's others (`revokeTokens`, a password change).
   */
  async issue(run: RunSql, userId: number): Promise<{ token: string; expiresAt: Date } | null> {
    const [row] = await run<{ secret: string | null }>('select lianxin_open_session($1, $2) as secret', [
      userId,
      this.config.jwtTtlSeconds,
    ]);
    return row?.secret ? this.sign(userId, row.secret) : null;
  }

  /** A platform token for a user's open session (see `issue`). */
  private async sign(userId: number, session: string): Promise<{ token: string; expiresAt: Date }> {
    const expiresAt = new Date(Date.now() + this.config.jwtTtlSeconds * 1000);
    const token = await new SignJWT({ sid: session })
      .setProtectedHeader({ alg: this.algorithm, typ: 'JWT' })
      .setIssuer(this.config.jwtIssuer)
      .setAudience(this.config.jwtAudience)
      .setSubject(`user:${userId}`)
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.privateKey);
    return { token, expiresAt };
  }

  /** Verifies a JWT from the platform or the configured provider; anything else is UNAUTHENTICATED. */
  async verify(token: string): Promise<TokenSubject> {
    const known = this.verified.get(token);
    if (known) {
      // The expiry as jwtVerify applies it; the other claims cannot turn false as time passes.
      if (known.exp > Math.floor(Date.now() / 1000) - CLOCK_TOLERANCE_SECONDS)
        return { kind: 'user', userId: known.userId, session: known.session, issuedAt: new Date(known.iat * 1000) };
      this.verified.delete(token);
    }
    let issuer: string | undefined;
    try {
      issuer = decodeJwt(token).iss;
    } catch {
      throw new UnauthenticatedError('The token is malformed');
    }
    try {
      if (issuer === this.config.jwtIssuer) {
        const { payload } = await jwtVerify(token, this.publicKey, {
          issuer: this.config.jwtIssuer,
          audience: this.config.jwtAudience,
          algorithms: [this.algorithm],
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
          requiredClaims: ['exp', 'iat', 'sub', 'sid'],
        });
        this.assertLifetime(payload.iat!, payload.exp!);
        const m = /^user:(\d{1,10})$/.exec(payload.sub ?? '');
        if (!m || typeof payload.sid !== 'string') throw new UnauthenticatedError('The token names no user');
        const userId = Number(m[1]);
        this.verified.set(token, { userId, session: payload.sid, iat: payload.iat!, exp: payload.exp! });
        return { kind: 'user', userId, session: payload.sid, issuedAt: new Date(payload.iat! * 1000) };
      }
      if (this.config.oidc && this.oidcKeys && issuer === this.config.oidc.issuer) {
        const { payload } = await jwtVerify(token, this.oidcKeys, {
          issuer: this.config.oidc.issuer,
          audience: this.config.oidc.audience,
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
          requiredClaims: ['exp', 'iat', 'sub'],
        });
        this.assertLifetime(payload.iat!, payload.exp!);
        return { kind: 'oidc', issuer: this.config.oidc.issuer, subject: payload.sub!, issuedAt: new Date(payload.iat! * 1000) };
      }
    } catch (err) {
      if (err instanceof UnauthenticatedError) throw err;
      const code = (err as { code?: string }).code ?? '';
      throw new UnauthenticatedError(code === 'ERR_JWT_EXPIRED' ? 'The token has expired' : 'The token is not valid');
    }
    throw new UnauthenticatedError('The token is from an issuer this server does not trust');
  }

  /**
   * A token that claims to live longer than the configured maximum is refused, however it was signed;
   * so is one issued in the future (beyond the clock tolerance): its `iat` would stretch the lifetime
   * from now past the maximum, and would outrun every `tokens_valid_after` that revokes it.
   */
  private assertLifetime(iat: number, exp: number): void {
    if (iat > Math.floor(Date.now() / 1000) + CLOCK_TOLERANCE_SECONDS)
      throw new UnauthenticatedError('The token claims to be issued in the future');
    if (exp - iat > this.config.jwtMaxTtlSeconds)
      throw new UnauthenticatedError(`The token lives longer than this server accepts (${this.config.jwtMaxTtlSeconds} s)`);
  }

  /** The public key as a JWK set, published at /.well-known/jwks.json for other services. */
  async jwks(): Promise<{ keys: JWK[] }> {
    const jwk = await exportJWK(this.publicKey);
    return { keys: [{ ...jwk, alg: this.algorithm, use: 'sig' }] };
  }
}
