import type { RequestContext } from '../../context';
import { verifyPassword } from '../../core/auth/passwords';
import { UnauthenticatedError } from '../../core/errors/errors';

interface LoginRow {
  id: number;
  password_hash: string | null;
  failed_logins: number;
  locked_until: string | null;
}

const FAILURES_BEFORE_LOCK = 5;
const GENERIC = 'The login or the password is wrong';

/**
 * Signs a user in with login and password. Unknown login, wrong password and a locked account get
 * the same error after the same work (a password hash is checked in every case). From the fifth
 * failure in a row the account is locked for 1, 2, 4 … seconds, at most 15 minutes; a success
 * resets the count. The failure count is written even though the request answers with an error.
 */
export const loginService = {
  async login(ctx: RequestContext, login: string, password: string): Promise<{ userId: number; token: string; expiresAt: Date }> {
    const [row] = await ctx.db.query<LoginRow>('select * from lianxin_login_lookup($1)', [login.trim()]);
    const matches = await verifyPassword(password, row?.password_hash);
    const locked = !!row?.locked_until && Date.parse(row.locked_until) > Date.now();
    if (!row || !matches || locked) {
      if (row && !locked) {
        await ctx.db.query(
          `update user_account set failed_logins = failed_logins + 1,
             locked_until = case when failed_logins + 1 >= $2
               then now() + least(interval '15 minutes', interval '1 second' * power(2, failed_logins + 1 - $2)) end
           where id = $1`,
          [row.id, FAILURES_BEFORE_LOCK],
        );
      }
      throw new UnauthenticatedError(GENERIC);
    }
    await ctx.db.query('update user_account set failed_logins = 0, locked_until = null, last_login_at = now() where id = $1', [row.id]);
    // Opening the session also lets the rest of this request show the caller their own account.
    const issued = await ctx.tokens.issue((text, values) => ctx.db.query(text, values), row.id);
    if (!issued) throw new UnauthenticatedError(GENERIC);
    return { userId: row.id, ...issued };
  },
};
