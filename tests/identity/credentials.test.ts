import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SignJWT, exportJWK, generateKeyPair, type KeyLike } from 'jose';
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import {
  CreateApiKeyDocument,
  CreateServiceAccountDocument,
  CreateUserDocument,
  GrantRoleDocument,
  LoginDocument,
  RevokeApiKeyDocument,
  ViewerDocument,
} from '../generated/graphql';
import { sql } from '../support/databases';
import { DEMO, idByName } from '../support/demo';
import { codes, gid, ok, startTestApp, type TestApp } from '../support/test-app';

const PASSWORD = 'lianxin-demo-2026';

/** What an unauthenticated answer looks like: HTTP 401, code UNAUTHENTICATED, no data. */
function expectUnauthenticated(res: { status: number; data?: unknown; errors?: Array<{ extensions: { code: string } }> }): void {
  expect(res.status).toBe(401);
  expect(codes(res as never)).toEqual(['UNAUTHENTICATED']);
  expect(res.data ?? null).toBeNull();
}

describe('credentials', () => {
  let app: TestApp;
  let jwks: Server;
  let oidcKey: { privateKey: KeyLike; publicKey: KeyLike };
  const issuer = 'http://127.0.0.1/oidc-test';

  beforeAll(async () => {
    // A local OpenID Connect provider: only its JWKS endpoint is needed.
    oidcKey = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(oidcKey.publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
    jwks = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const port = (jwks.address() as { port: number }).port;
    app = await startTestApp({
      env: { OIDC_ISSUER: issuer, OIDC_AUDIENCE: 'lianxin-test', OIDC_JWKS_URL: `http://127.0.0.1:${port}/jwks`, LOGIN_LOCK_SECONDS: '1' },
    });
  });
  afterAll(async () => {
    await app.close();
    jwks.close();
  });

  const raw = (authorization: string) => app.request(ViewerDocument, {}, { as: null, headers: { authorization } });

  describe('passwords', () => {
    it('sign a demo user in and the token identifies them', async () => {
      const { login } = ok(await app.request(LoginDocument, { input: { login: 'secretary.xinyuan', password: PASSWORD } }, { as: null }));
      expect(login.user.login).toBe('secretary.xinyuan');
      expect(Date.parse(login.expiresAt)).toBeGreaterThan(Date.now());
      const viewer = ok(await raw(`Bearer ${login.token}`)).viewer;
      expect(viewer).toMatchObject({ kind: 'USER', user: { login: 'secretary.xinyuan' } });
      expect(viewer.bindings).toEqual([expect.objectContaining({ role: 'BRANCH_SECRETARY', scopeType: 'BRANCH', active: true })]);
    });

    it('answer an unknown login and a wrong password with the same error', async () => {
      const unknown = await app.request(LoginDocument, { input: { login: 'nobody.here', password: PASSWORD } }, { as: null });
      const wrong = await app.request(LoginDocument, { input: { login: 'resident.zhenxing', password: 'not-the-password' } }, { as: null });
      expect(codes(unknown)).toEqual(['UNAUTHENTICATED']);
      expect(codes(wrong)).toEqual(['UNAUTHENTICATED']);
      expect(unknown.errors![0].message).toBe(wrong.errors![0].message);
    });

    it('lock a login for its source after five failures in a row, even against the right password, then let it in again', async () => {
      for (let i = 0; i < 5; i++) {
        expect(
          codes(await app.request(LoginDocument, { input: { login: 'leader.xinyuan', password: `wrong-${i}-password` } }, { as: null })),
        ).toEqual(['UNAUTHENTICATED']);
      }
      const locked = await app.request(LoginDocument, { input: { login: 'leader.xinyuan', password: PASSWORD } }, { as: null });
      expect(locked.status).toBe(429);
      expect(codes(locked)).toEqual(['THROTTLED']);
      await new Promise((r) => setTimeout(r, 1200)); // this app locks a pair for one second
      ok(await app.request(LoginDocument, { input: { login: 'leader.xinyuan', password: PASSWORD } }, { as: null }));
    });

    it('are stored only as scrypt hashes the application role cannot read', async () => {
      const [row] = await sql<{ password_hash: string }>(
        app.database,
        "select password_hash from user_account where login = 'platform.admin'",
      );
      expect(row.password_hash).toMatch(/^scrypt\$16384\$8\$1\$/);
      const denied = await sql<{ ok: boolean }>(
        app.database,
        "select has_column_privilege('lianxin_app', 'user_account', 'password_hash', 'select') as ok",
      );
      expect(denied[0].ok).toBe(false);
    });
  });

  describe('tokens', () => {
    const platformKey = () =>
      readFileSync(path.join(os.tmpdir(), `lianxin-test-data-${process.env.LIANXIN_TEST_RUN}`, 'jwt-signing-key.pem'), 'utf8');
    const userId = async (login: string) =>
      (await sql<{ id: number }>(app.database, 'select id from user_account where login = $1', [login]))[0].id;

    it('treat a missing Authorization header as anonymous, and anything malformed as UNAUTHENTICATED', async () => {
      expect(ok(await app.request(ViewerDocument, {}, { as: null })).viewer).toMatchObject({ kind: 'ANONYMOUS', user: null, bindings: [] });
      for (const header of ['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer not a token', 'bearer eyJhbGciOiJub25lIn0.e30.'])
        expectUnauthenticated(await raw(header));
      // Each says what is wrong with it: the scheme, or the token after a right one (any case).
      const message = async (header: string) => ((await raw(header)) as { errors?: Array<{ message: string }> }).errors?.[0]?.message;
      expect(await message('Basic dXNlcjpwYXNz')).toBe('Send credentials as Authorization: Bearer <token>');
      for (const header of ['Bearer', 'Bearer garbage', 'bearer not a token'])
        expect(await message(header)).toBe('The bearer token is malformed: send the token that login returned, or an API key (lxk_…)');
      const token = await app.tokenFor('admin.yongkangbeilu');
      expect(ok(await raw(`bearer ${token}`)).viewer).toMatchObject({ kind: 'USER' });
    });

    it('refuse expired, tampered, unsigned and foreign-signed tokens', async () => {
      const id = await userId('admin.yongkangbeilu');
      const key = createPrivateKey(platformKey());
      const expired = await new SignJWT({})
        .setProtectedHeader({ alg: 'EdDSA' })
        .setIssuer('lianxin')
        .setAudience('lianxin-api')
        .setSubject(`user:${id}`)
        .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
        .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
        .sign(key);
      expectUnauthenticated(await raw(`Bearer ${expired}`));

      const good = await app.tokenFor('resident.xinyuan');
      const [h, payload, sig] = good.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
      const tampered = [h, Buffer.from(JSON.stringify({ ...claims, sub: `user:${id}` })).toString('base64url'), sig].join('.');
      expectUnauthenticated(await raw(`Bearer ${tampered}`));

      const unsigned = [Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url'), payload, ''].join('.');
      expectUnauthenticated(await raw(`Bearer ${unsigned}`));

      const other = generateKeyPairSync('ed25519').privateKey;
      const foreign = await new SignJWT({})
        .setProtectedHeader({ alg: 'EdDSA' })
        .setIssuer('lianxin')
        .setAudience('lianxin-api')
        .setSubject(`user:${id}`)
        .setExpirationTime('1h')
        .sign(other);
      expectUnauthenticated(await raw(`Bearer ${foreign}`));

      const wrongAudience = await new SignJWT({})
        .setProtectedHeader({ alg: 'EdDSA' })
        .setIssuer('lianxin')
        .setAudience('someone-else')
        .setSubject(`user:${id}`)
        .setExpirationTime('1h')
        .sign(key);
      expectUnauthenticated(await raw(`Bearer ${wrongAudience}`));
      expect(ok(await raw(`Bearer ${good}`)).viewer.user?.login).toBe('resident.xinyuan');
    });

    it('stop working when the user is disabled', async () => {
      const token = await app.tokenFor('resident.zhenxing');
      await sql(app.database, "update user_account set disabled_at = now() where login = 'resident.zhenxing'");
      try {
        expectUnauthenticated(await raw(`Bearer ${token}`));
      } finally {
        await sql(app.database, "update user_account set disabled_at = null where login = 'resident.zhenxing'");
      }
    });
  });

  describe('OpenID Connect', () => {
    const sign = (claims: { iss?: string; aud?: string; sub?: string; exp?: number }) =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
        .setIssuer(claims.iss ?? issuer)
        .setAudience(claims.aud ?? 'lianxin-test')
        .setSubject(claims.sub ?? 'oidc-user-1')
        .setIssuedAt()
        .setExpirationTime(claims.exp ?? Math.floor(Date.now() / 1000) + 600)
        .sign(oidcKey.privateKey);

    it('accepts the provider’s token for a linked user, verified against its JWKS', async () => {
      // A person on record who has no login yet (one login per person).
      const [row] = await sql<{ id: number }>(
        app.database,
        'select p.id from person p where not exists (select 1 from user_account u where u.person_id = p.id) order by p.id limit 1',
      );
      const person = gid('Person', row.id);
      const created = ok(
        await app.request(CreateUserDocument, {
          input: { login: 'sso.worker', displayName: '单点登录用户', personId: person, oidcSubject: 'oidc-user-1' },
        }),
      );
      expect(created.createUser.userErrors).toEqual([]);
      const viewer = ok(await raw(`Bearer ${await sign({})}`)).viewer;
      // No role yet: row-level security hides even their own person record.
      expect(viewer).toMatchObject({ kind: 'USER', user: { login: 'sso.worker', person: null }, bindings: [] });
    });

    it('refuses a wrong issuer, a wrong audience, an expired token and an unlinked subject', async () => {
      expectUnauthenticated(await raw(`Bearer ${await sign({ iss: 'http://127.0.0.1/other-issuer' })}`));
      expectUnauthenticated(await raw(`Bearer ${await sign({ aud: 'another-api' })}`));
      expectUnauthenticated(await raw(`Bearer ${await sign({ exp: Math.floor(Date.now() / 1000) - 600 })}`));
      expectUnauthenticated(await raw(`Bearer ${await sign({ sub: 'nobody-linked' })}`));
    });
  });

  describe('API keys', () => {
    it('authenticate a service account, show the secret once, stop at once when revoked', async () => {
      const yongkang = await idByName(app.database, 'community', DEMO.yongkang, 'Community');
      const account = ok(
        await app.request(
          CreateServiceAccountDocument,
          { input: { name: 'sync.test', communityId: yongkang } },
          { as: 'admin.yongkangbeilu' },
        ),
      ).createServiceAccount;
      expect(account.serviceAccount).toMatchObject({ name: 'sync.test', community: { name: DEMO.yongkang } });
      const granted = ok(
        await app.request(
          GrantRoleDocument,
          { input: { serviceAccountId: account.serviceAccount!.id, role: 'INTEGRATION', scopeId: yongkang } },
          { as: 'admin.yongkangbeilu' },
        ),
      ).grantRole;
      expect(granted.userErrors).toEqual([]);
      const created = ok(
        await app.request(
          CreateApiKeyDocument,
          { input: { serviceAccountId: account.serviceAccount!.id, label: 'nightly' } },
          { as: 'admin.yongkangbeilu' },
        ),
      ).createApiKey;
      const secret = created.secret!;
      expect(secret).toMatch(/^lxk_[A-Za-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
      expect(created.apiKey).toMatchObject({ prefix: secret.slice(0, 16), label: 'nightly', active: true });
      const stored = await sql<{ secret_hash: string }>(app.database, 'select secret_hash from api_key where key_id = $1', [
        secret.slice(4, 16),
      ]);
      expect(stored[0].secret_hash).not.toContain(secret.slice(17));

      const viewer = ok(await raw(`Bearer ${secret}`)).viewer;
      expect(viewer).toMatchObject({
        kind: 'SERVICE_ACCOUNT',
        serviceAccount: { name: 'sync.test' },
        bindings: [expect.objectContaining({ role: 'INTEGRATION' })],
      });
      const [used] = await sql<{ last_used_at: string | null }>(app.database, 'select last_used_at from api_key where key_id = $1', [
        secret.slice(4, 16),
      ]);
      expect(used.last_used_at).not.toBeNull();

      ok(await app.request(RevokeApiKeyDocument, { input: { apiKeyId: created.apiKey!.id } }, { as: 'admin.yongkangbeilu' }));
      expectUnauthenticated(await raw(`Bearer ${secret}`));
    });

    it('refuse an expired key, an unknown key and a key with a wrong secret', async () => {
      const [account] = await sql<{ id: number }>(app.database, "select id from service_account where name = 'sync.yongkangbeilu'");
      const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
      const created = ok(
        await app.request(CreateApiKeyDocument, { input: { serviceAccountId: gid('ServiceAccount', account.id), expiresAt: inAnHour } }),
      ).createApiKey;
      ok(await raw(`Bearer ${created.secret}`));
      // The hour passes (the expiry is PostgreSQL's clock): moved back rather than waited for, so a
      // slow request cannot outlive a key that expires in a second or two.
      await sql(app.database, "update api_key set expires_at = expires_at - interval '1 hour' where key_id = $1", [
        created.secret!.slice(4, 16),
      ]);
      expectUnauthenticated(await raw(`Bearer ${created.secret}`));

      expectUnauthenticated(await raw(`Bearer lxk_${'A'.repeat(12)}_${'b'.repeat(43)}`));
      const wrongSecret = `${created.secret!.slice(0, 17)}${'c'.repeat(43)}`;
      expectUnauthenticated(await raw(`Bearer ${wrongSecret}`));
      expectUnauthenticated(await raw('Bearer lxk_short'));
    });
  });
});
