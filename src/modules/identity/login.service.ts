import type { RequestContext } from '../../context';
import { hashPassword, verifyPassword } from '../../core/auth/passwords';
import { ForbiddenError, UnauthenticatedError } from '../../core/errors/errors';
import { mutate, type MutationOutcome } from '../../core/graphql/mutation';
import { UserErrorCode, refuse } from '../../core/validation/user-error';
import type { ChangePasswordInput } from './identity.inputs';
import { databaseNow } from './access.service';
import { UserAccount } from './user-account.entity';

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

/** Changing one's own password, and signing out. */
export const sessionService = {
  /**
   * The caller's own password, proven by the current one. Every token issued before (other devices,
   * and a token someone may have copied) stops working; the answer carries a fresh one.
   */
  changePassword(ctx: RequestContext, input: ChangePasswordInput): Promise<MutationOutcome<{ token: string; expiresAt: Date }>> {
    const principal = ctx.principal;
    if (principal.kind !== 'user') throw new ForbiddenError('Only a user has a password');
    return mutate(ctx, input, async (em) => {
      const [row] = await ctx.db.query<LoginRow>('select * from lianxin_login_lookup($1)', [principal.login]);
      if (!row || !(await verifyPassword(input.currentPassword, row.password_hash))) refuse('currentPassword', UserErrorCode.INVALID, 'The current password is wrong');
      if (input.currentPassword === input.newPassword) refuse('newPassword', UserErrorCode.INVALID, 'The new password is the current one');
      const user = await em.findOneOrFail(UserAccount, { id: principal.userId });
      user.passwordHash = await hashPassword(input.newPassword);
      user.tokensValidAfter = await databaseNow(ctx);
      await em.flush();
      const issued = await ctx.tokens.issue((text, values) => ctx.db.query(text, values), user.id);
      if (!issued) throw new UnauthenticatedError(GENERIC);
      return issued;
    });
  },

  /** Ends the session of the token this request came with (OpenID Connect tokens end at their provider). */
  async logout(ctx: RequestContext): Promise<boolean> {
    const principal = ctx.principal;
    if (principal.kind !== 'user' || !principal.session) return false;
    const [row] = await ctx.db.query<{ ended: boolean }>('select lianxin_end_session($1) as ended', [principal.session]);
    return !!row?.ended;
  },
};
