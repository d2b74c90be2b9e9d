import { generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import { TokenService } from '../../src/core/auth/tokens';

/*
 * A verified platform token is remembered so the next request with it skips the signature check.
 * What may never follow from that: a token accepted past its expiry, or another string (the same
 * claims with another signature) accepted because a genuine token was.
 */
const key = generateKeyPairSync('ed25519').privateKey;
const tokens = TokenService.create(
  {
    jwtPrivateKeyPem: key.export({ type: 'pkcs8', format: 'pem' }).toString(),
    jwtIssuer: 'lianxin',
    jwtAudience: 'lianxin-api',
    jwtTtlSeconds: 3600,
    jwtMaxTtlSeconds: 86_400,
    apiKeyDefaultTtlDays: 90,
    apiKeyMaxTtlDays: 365,
  },
  '/nonexistent',
);

function token(expiresInSeconds: number): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ sid: 's'.repeat(64) })
    .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT' })
    .setIssuer('lianxin')
    .setAudience('lianxin-api')
    .setSubject('user:7')
    .setIssuedAt(now)
    .setExpirationTime(now + expiresInSeconds)
    .sign(key);
}

describe('verified platform tokens', () => {
  afterEach(() => jest.useRealTimers());

  it('are answered again while valid, and refused once expired, as on their first use', async () => {
    const t = await token(60);
    const first = await tokens.verify(t);
    expect(first).toMatchObject({ kind: 'user', userId: 7, session: 's'.repeat(64) });
    expect(await tokens.verify(t)).toEqual(first);
    // Past exp and the 30 s clock tolerance (the whole Date is moved: jose reads `new Date()`).
    jest.useFakeTimers({ now: Date.now() + 120_000 });
    await expect(tokens.verify(t)).rejects.toThrow('The token has expired');
  });

  it('give each request its own subject: changing one answer leaves the next one as verified', async () => {
    const t = await token(60);
    const first = await tokens.verify(t);
    const issued = first.issuedAt.getTime();
    Object.assign(first, { userId: 8 });
    first.issuedAt.setTime(0);
    const again = await tokens.verify(t);
    expect(again).not.toBe(first);
    expect(again).toMatchObject({ kind: 'user', userId: 7 });
    expect(again.issuedAt.getTime()).toBe(issued);
  });

  it('never stand in for a token with the same claims and another signature', async () => {
    const t = await token(60);
    await tokens.verify(t);
    const [header, payload] = t.split('.');
    const forged = `${header}.${payload}.${Buffer.alloc(64, 1).toString('base64url')}`;
    await expect(tokens.verify(forged)).rejects.toThrow('The token is not valid');
  });
});
