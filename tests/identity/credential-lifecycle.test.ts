import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createPrivateKey } from 'node:crypto';
import { SignJWT } from 'jose';
import {
  ChangePasswordDocument,
  CreateApiKeyDocument,
  DisableServiceAccountDocument,
  DisableUserDocument,
  EnableServiceAccountDocument,
  EnableUserDocument,
  GrantRoleDocument,
  LoginDocument,
  LogoutDocument,
  RevokeApiKeyDocument,
  RevokeTokensDocument,
  ViewerDocument,
} from '../generated/graphql';
import { sql } from '../support/databases';
import { DEMO, idByName } from '../support/demo';
import { codes, gid, ok, startTestApp, testDataDir, type TestApp } from '../support/test-app';

/*
 * Credentials have a life: passwords change, sessions end, users and service accounts are disabled,
 * tokens are revoked, and nothing lives longer than the server allows. Each refusal is what a caller
 * sees: HTTP 401 UNAUTHENTICATED for a credential that no longer holds, FORBIDDEN for acting on
 * someone one does not control.
 */

const PASSWORD = 'lianxin-demo-2026';

describe('the life of credentials', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const viewerWith = (token: string) => app.request(ViewerDocument, {}, { as: null, headers: { authorization: `Bearer ${token}` } });
  const signIn = async (login: string, password = PASSWORD) =>
    ok(await app.request(LoginDocument, { input: { login, password } }, { as: null })).login.token;
  const userId = async (login: string) =>
    gid('User', (await sql<{ id: number }>(app.database, 'select id from user_account where login = $1', [login]))[0].id);

  function expectRefused(res: { status: number; errors?: Array<{ extensions: { code: string } }> }): void {
    expect(res.status).toBe(401);
    expect(codes(res as never)).toEqual(['UNAUTHENTICATED']);
  }

  it('changes a password with the current one: every earlier token stops, the answer carries a fresh one', async () => {
    const first = await signIn('leader.xinyuan');
    const second = await signIn('leader.xinyuan');
    const wrong = ok(
      await app.request(
        ChangePasswordDocument,
        { input: { currentPassword: 'not-it-at-all', newPassword: 'a-new-password-2026' } },
        { as: null, headers: { authorization: `Bearer ${first}` } },
      ),
    );
    expect(wrong.changePassword).toMatchObject({ token: null, userErrors: [{ field: ['currentPassword'], code: 'INVALID' }] });
    expect(ok(await viewerWith(first)).viewer.user?.login).toBe('leader.xinyuan');

    const short = ok(
      await app.request(
        ChangePasswordDocument,
        { input: { currentPassword: PASSWORD, newPassword: 'short' } },
        { as: null, headers: { authorization: `Bearer ${first}` } },
      ),
    );
    expect(short.changePassword.userErrors.map((e) => e.field.join('.'))).toEqual(['newPassword']);

    const changed = ok(
      await app.request(
        ChangePasswordDocument,
        { input: { currentPassword: PASSWORD, newPassword: 'a-new-password-2026' } },
        { as: null, headers: { authorization: `Bearer ${first}` } },
      ),
    );
    expect(changed.changePassword.userErrors).toEqual([]);
    expectRefused(await viewerWith(first));
    expectRefused(await viewerWith(second));
    expect(ok(await viewerWith(changed.changePassword.token!)).viewer.user?.login).toBe('leader.xinyuan');
    expect(codes(await app.request(LoginDocument, { input: { login: 'leader.xinyuan', password: PASSWORD } }, { as: null }))).toEqual([
      'UNAUTHENTICATED',
    ]);
    expect(await signIn('leader.xinyuan', 'a-new-password-2026')).toBeTruthy();
    // The audit log has the change, never the hash.
    const [entry] = await sql<{ changes: Record<string, { after: unknown }> }>(
      app.database,
      "select changes from audit_entry where action = 'changePassword' order by id desc limit 1",
    );
    expect(entry.changes.passwordHash.after).toBe('[hidden]');
  });

  it('ends one session on logout, and leaves the others', async () => {
    const phone = await signIn('grid.xinyuan');
    const laptop = await signIn('grid.xinyuan');
    expect(ok(await app.request(LogoutDocument, {}, { as: null, headers: { authorization: `Bearer ${phone}` } })).logout.loggedOut).toBe(
      true,
    );
    expectRefused(await viewerWith(phone));
    expect(ok(await viewerWith(laptop)).viewer.user?.login).toBe('grid.xinyuan');
    expect(codes(await app.request(LogoutDocument, {}, { as: null }))).toEqual(['UNAUTHENTICATED']);
  });

  it('revokes every token of a user: one’s own, or one a community admin manages; not someone else’s', async () => {
    const token = await signIn('member.xinyuan');
    const member = await userId('member.xinyuan');
    expect(codes(await app.request(RevokeTokensDocument, { input: { userId: member } }, { as: 'resident.xinyuan' }))).toEqual([
      'FORBIDDEN',
    ]);
    expect(ok(await viewerWith(token)).viewer.user?.login).toBe('member.xinyuan');
    expect(
      ok(await app.request(RevokeTokensDocument, { input: { userId: member } }, { as: 'admin.yongkangbeilu' })).revokeTokens.userErrors,
    ).toEqual([]);
    expectRefused(await viewerWith(token));
    // Signing in again works; and a user may end all their own tokens.
    const fresh = await signIn('member.xinyuan');
    ok(await app.request(RevokeTokensDocument, { input: { userId: member } }, { as: null, headers: { authorization: `Bearer ${fresh}` } }));
    expectRefused(await viewerWith(fresh));
    // Another community's user is not found at all.
    expect(
      codes(
        await app.request(RevokeTokensDocument, { input: { userId: await userId('resident.zhenxing') } }, { as: 'admin.yongkangbeilu' }),
      ),
    ).toEqual(['NOT_FOUND']);
  });

  it('disables a user at once and enables them again; nobody disables someone who holds more than they may grant', async () => {
    const token = await signIn('finance.xinyuan');
    const finance = await userId('finance.xinyuan');
    expect(codes(await app.request(DisableUserDocument, { input: { userId: finance } }, { as: 'leader.xinyuan' }))).toEqual(['FORBIDDEN']);
    const disabled = ok(await app.request(DisableUserDocument, { input: { userId: finance } }, { as: 'admin.yongkangbeilu' })).disableUser;
    expect(disabled.user?.disabledAt).toBeTruthy();
    expectRefused(await viewerWith(token));
    expect(codes(await app.request(LoginDocument, { input: { login: 'finance.xinyuan', password: PASSWORD } }, { as: null }))).toEqual([
      'UNAUTHENTICATED',
    ]);
    const again = ok(await app.request(DisableUserDocument, { input: { userId: finance } }, { as: 'admin.yongkangbeilu' })).disableUser;
    expect(again.userErrors).toEqual([{ field: ['userId'], code: 'ALREADY_ENDED', message: expect.any(String) }]);

    expect(
      ok(await app.request(EnableUserDocument, { input: { userId: finance } }, { as: 'admin.yongkangbeilu' })).enableUser.user?.disabledAt,
    ).toBeNull();
    expect(await signIn('finance.xinyuan')).toBeTruthy();
    expectRefused(await viewerWith(token));

    // A community admin may not disable an officer above it — an account of the platform's, not found
    // from inside a community, like an ID of nobody — nor themselves.
    expect(
      codes(
        await app.request(DisableUserDocument, { input: { userId: await userId('district.xiaodian') } }, { as: 'admin.yongkangbeilu' }),
      ),
    ).toEqual(['NOT_FOUND']);
    expect(
      codes(await app.request(DisableUserDocument, { input: { userId: gid('User', 987654) } }, { as: 'admin.yongkangbeilu' })),
    ).toEqual(['NOT_FOUND']);
    const self = ok(
      await app.request(DisableUserDocument, { input: { userId: await userId('admin.yongkangbeilu') } }, { as: 'admin.yongkangbeilu' }),
    ).disableUser;
    expect(self.userErrors.map((e) => e.code)).toEqual(['INVALID']);
    // A branch secretary cannot disable a member who also holds a role the secretary may not grant.
    const member = await userId('member.xinyuan');
    ok(
      await app.request(
        GrantRoleDocument,
        { input: { userId: member, role: 'FINANCE_SUPERVISOR', scopeId: await idByName(app.database, 'compound', '馨园', 'Compound') } },
        { as: 'admin.yongkangbeilu' },
      ),
    );
    expect(codes(await app.request(DisableUserDocument, { input: { userId: member } }, { as: 'secretary.xinyuan' }))).toEqual([
      'FORBIDDEN',
    ]);
  });

  it('disables a service account: its keys stop at once, and start again when it is enabled', async () => {
    const account = gid(
      'ServiceAccount',
      (await sql<{ id: number }>(app.database, "select id from service_account where name = 'sync.yongkangbeilu'"))[0].id,
    );
    const key = ok(
      await app.request(CreateApiKeyDocument, { input: { serviceAccountId: account, label: 'lifecycle' } }, { as: 'admin.yongkangbeilu' }),
    ).createApiKey.secret!;
    expect(ok(await viewerWith(key)).viewer.kind).toBe('SERVICE_ACCOUNT');
    expect(
      codes(await app.request(DisableServiceAccountDocument, { input: { serviceAccountId: account } }, { as: 'grid.xinyuan' })),
    ).toEqual(['FORBIDDEN']);
    expect(
      ok(await app.request(DisableServiceAccountDocument, { input: { serviceAccountId: account } }, { as: 'admin.yongkangbeilu' }))
        .disableServiceAccount.serviceAccount?.disabledAt,
    ).toBeTruthy();
    expectRefused(await viewerWith(key));
    ok(await app.request(EnableServiceAccountDocument, { input: { serviceAccountId: account } }, { as: 'admin.yongkangbeilu' }));
    expect(ok(await viewerWith(key)).viewer.kind).toBe('SERVICE_ACCOUNT');
  });

  it('revokes a key only for those who control its account: not a street officer nor another community, the community admin', async () => {
    const account = gid(
      'ServiceAccount',
      (await sql<{ id: number }>(app.database, "select id from service_account where name = 'sync.yongkangbeilu'"))[0].id,
    );
    const made = ok(
      await app.request(CreateApiKeyDocument, { input: { serviceAccountId: account, label: 'revoke' } }, { as: 'admin.yongkangbeilu' }),
    ).createApiKey;
    const input = { input: { apiKeyId: made.apiKey!.id } };
    // The street officer manages access on the street, but may not disable the community's script: nor cut off its key.
    expect(
      codes(await app.request(DisableServiceAccountDocument, { input: { serviceAccountId: account } }, { as: 'street.xiaodian' })),
    ).toEqual(['FORBIDDEN']);
    expect(codes(await app.request(RevokeApiKeyDocument, input, { as: 'street.xiaodian' }))).toEqual(['FORBIDDEN']);
    // Another community's admin: as if the key did not exist.
    expect(codes(await app.request(RevokeApiKeyDocument, input, { as: 'admin.zhenxing' }))).toEqual(['NOT_FOUND']);
    expect(
      codes(await app.request(RevokeApiKeyDocument, { input: { apiKeyId: gid('ApiKey', 999_999) } }, { as: 'admin.zhenxing' })),
    ).toEqual(['NOT_FOUND']);
    expect(ok(await viewerWith(made.secret!)).viewer.kind).toBe('SERVICE_ACCOUNT');
    expect(ok(await app.request(RevokeApiKeyDocument, input, { as: 'admin.yongkangbeilu' })).revokeApiKey.apiKey).toMatchObject({
      active: false,
    });
    expectRefused(await viewerWith(made.secret!));
  });

  it('gives every API key an expiry, and refuses one beyond the maximum', async () => {
    const account = gid(
      'ServiceAccount',
      (await sql<{ id: number }>(app.database, "select id from service_account where name = 'sync.yongkangbeilu'"))[0].id,
    );
    const made = ok(
      await app.request(
        CreateApiKeyDocument,
        { input: { serviceAccountId: account, label: 'default expiry' } },
        { as: 'admin.yongkangbeilu' },
      ),
    ).createApiKey;
    const days = (Date.parse(made.apiKey!.expiresAt!) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(89);
    expect(days).toBeLessThanOrEqual(90);
    const tooLong = ok(
      await app.request(
        CreateApiKeyDocument,
        { input: { serviceAccountId: account, expiresAt: new Date(Date.now() + 400 * 86_400_000).toISOString() } },
        { as: 'admin.yongkangbeilu' },
      ),
    ).createApiKey;
    expect(tooLong).toMatchObject({ apiKey: null, secret: null, userErrors: [{ field: ['expiresAt'], code: 'OUT_OF_RANGE' }] });
  });

  it('never lets a key minter hand out more than they hold: a key for an account with a district role needs that role', async () => {
    // The platform gives the community's sync script INTEGRATION over the whole district.
    const account = gid(
      'ServiceAccount',
      (await sql<{ id: number }>(app.database, "select id from service_account where name = 'sync.yongkangbeilu'"))[0].id,
    );
    const district = gid('District', (await sql<{ id: number }>(app.database, "select id from district where name = '小店区'"))[0].id);
    ok(
      await app.request(
        GrantRoleDocument,
        { input: { serviceAccountId: account, role: 'INTEGRATION', scopeId: district } },
        { as: 'platform.admin' },
      ),
    );
    const before = await sql<{ n: number }>(app.database, 'select count(*)::int as n from api_key');
    expect(
      codes(
        await app.request(
          CreateApiKeyDocument,
          { input: { serviceAccountId: account, label: 'escalation' } },
          { as: 'admin.yongkangbeilu' },
        ),
      ),
    ).toEqual(['FORBIDDEN']);
    expect(
      codes(await app.request(DisableServiceAccountDocument, { input: { serviceAccountId: account } }, { as: 'admin.yongkangbeilu' })),
    ).toEqual(['FORBIDDEN']);
    expect(await sql<{ n: number }>(app.database, 'select count(*)::int as n from api_key')).toEqual(before);
    // The platform, which holds the district role, may.
    expect(
      ok(
        await app.request(
          CreateApiKeyDocument,
          { input: { serviceAccountId: account, label: 'by the platform' } },
          { as: 'platform.admin' },
        ),
      ).createApiKey.secret,
    ).toMatch(/^lxk_/);
  });

  it('refuses a token that claims to live longer than the server allows, however well signed', async () => {
    const [user] = await sql<{ id: number }>(app.database, "select id from user_account where login = 'resident.xinyuan'");
    const [session] = await sql<{ secret: string }>(app.database, 'select lianxin_open_session($1, 3600) as secret', [user.id]);
    const key = createPrivateKey(readFileSync(path.join(testDataDir(), 'jwt-signing-key.pem'), 'utf8'));
    const now = Math.floor(Date.now() / 1000);
    const sign = (lifetime: number, issuedAt = now) =>
      new SignJWT({ sid: session.secret })
        .setProtectedHeader({ alg: 'EdDSA' })
        .setIssuer('lianxin')
        .setAudience('lianxin-api')
        .setSubject(`user:${user.id}`)
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + lifetime)
        .sign(key);
    expectRefused(await viewerWith(await sign(10 * 365 * 86_400)));
    // Short by its claims, but issued ten years ahead: it would live ten years, and outrun every revocation.
    expectRefused(await viewerWith(await sign(3600, now + 10 * 365 * 86_400)));
    expectRefused(await viewerWith(await sign(3600, now + 600)));
    expect(ok(await viewerWith(await sign(3600))).viewer.user?.login).toBe('resident.xinyuan');
    // Within the clock tolerance (30 s) a token from a server whose clock runs a little ahead still works.
    expect(ok(await viewerWith(await sign(3600, now + 10))).viewer.user?.login).toBe('resident.xinyuan');
  });

  it('records who disabled whom in the community’s audit log', async () => {
    const rows = await sql<{ action: string; actor_label: string }>(
      app.database,
      "select action, actor_label from audit_entry where action in ('disableUser', 'enableUser', 'revokeTokens') order by id",
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        { action: 'disableUser', actor_label: 'admin.yongkangbeilu' },
        { action: 'enableUser', actor_label: 'admin.yongkangbeilu' },
      ]),
    );
    expect(await idByName(app.database, 'community', DEMO.yongkang, 'Community')).toBeTruthy();
  });
});
