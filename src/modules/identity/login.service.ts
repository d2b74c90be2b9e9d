import type { RequestContext } from '../../context';
import { verifyPassword } from '../../core/auth/passwords';
import { UnauthenticatedError } from '../../core/errors/errors';

interface LoginRow {
  id: number;
  password_hash: string | null;
}

const GENERIC = 'The login or the password is wrong';

/**
 * Signs a user in with login and password. Each attempt is first counted against the sign-in
 * limits of its login and source and of its source (README, "Limits"): over either, it is
 * THROTTLED without its password being checked. Unknown login and wrong password get the same
 * error after the same work (a password hash is checked in every case), and each is written to the
 * audit log — the login tried, the source, why — though the request answers with an error. A
 * success clears the pair's count.
 */
export const loginService = {
  async login(ctx: RequestContext, login: string, password: string): Promise<{ userId: number; token: string; expiresAt: Date }> {
    const limits = ctx.session?.loginLimits;
    const source = ctx.session?.source ?? 'unknown';
    await limits?.attempt(login, source);
    const [row] = await ctx.db.query<LoginRow>('select id, password_hash from lianxin_login_lookup($1)', [login.trim()]);
    const matches = await verifyPassword(password, row?.password_hash);
    if (!row || !matches) {
      await ctx.db.query('select lianxin_audit_failed_login($1, $2, $3, $4, $5)', [ctx.requestId, login.trim(), row?.id ?? null, source, row ? 'WRONG_PASSWORD' : 'UNKNOWN_LOGIN']);
      throw new UnauthenticatedError(GENERIC);
    }
    await limits?.succeeded(login, source);
    await ctx.db.query('update user_account set last_login_at = now() where id = $1', [row.id]);
    // The rest of this request may show the caller their own account (see UserSpec's visibility).
    await ctx.db.query("select set_config('app.user_id', $1, true)", [String(row.id)]);
    const { token, expiresAt } = await ctx.tokens.sign(row.id);
    return { userId: row.id, token, expiresAt };
  },
};
