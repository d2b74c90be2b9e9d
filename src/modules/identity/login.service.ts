import type { RequestContext } from '../../context';
import { hashPassword, verifyPassword } from '../../core/auth/passwords';
import { ForbiddenError, UnauthenticatedError } from '../../core/errors/errors';
import { mutate, type MutationOutcome } from '../../core/graphql/mutation';
import { UserErrorCode, refuse } from '../../core/validation/user-error';
import { databaseNow } from './access.service';
import type { ChangePasswordInput } from './identity.inputs';
import { UserAccount } from './user-account.entity';

interface LoginRow {
  id: number;
  password_hash: string | null;
}

const GENERIC = 'The login or the password is wrong';

/**
 * Signs a user in with login and password. Each attempt is first counted against the sign-in
 * limits of its login and source and of its source (docs/api.md, "Limits"): over either, it is
 * THROTTLED without its password being checked. Unknown login and wrong password get the same
 * error after the same work (a password hash is checked in every case), and each is written to the
 * audit log — the login tried, the source, why — though the request answers with an error. A
 * success clears the pair's count, is audited too (with the source), and opens a sign-in session
 * the token carries.
 */
export const loginService = {
  async login(ctx: RequestContext, login: string, password: string): Promise<{ userId: number; token: string; expiresAt: Date }> {
    const limits = ctx.session?.loginLimits;
    const source = ctx.session?.source ?? 'unknown';
    await limits?.attempt(login, source);
    const [row] = await ctx.db.query<LoginRow>('select id, password_hash from lianxin_login_lookup($1)', [login.trim()]);
    const matches = await verifyPassword(password, row?.password_hash);
    if (!row || !matches) {
      await ctx.db.query('select lianxin_audit_failed_login($1, $2, $3, $4, $5)', [
        ctx.requestId,
        login.trim(),
        row?.id ?? null,
        source,
        row ? 'WRONG_PASSWORD' : 'UNKNOWN_LOGIN',
      ]);
      throw new UnauthenticatedError(GENERIC);
    }
    await limits?.succeeded(login, source);
    await ctx.db.query('select lianxin_record_sign_in($1, $2, $3)', [ctx.requestId, row.id, source]);
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
  async changePassword(ctx: RequestContext, input: ChangePasswordInput): Promise<MutationOutcome<{ token: string; expiresAt: Date }>> {
    const principal = ctx.principal;
    if (principal.kind !== 'user') throw new ForbiddenError('Only a user has a password');
    // The current password is guessed here as at sign-in: a token alone (a copied one, a device left
    // signed in) must not try passwords without limit and then take the login over. Each attempt
    // counts against the sign-in limits of the login and source before the password is checked
    // (THROTTLED past them); the right password clears the count, as a sign-in does.
    const limits = ctx.session?.loginLimits;
    const source = ctx.session?.source ?? 'unknown';
    await limits?.attempt(principal.login, source);
    return mutate(ctx, input, async (em) => {
      const [row] = await ctx.db.query<LoginRow>('select id, password_hash from lianxin_login_lookup($1)', [principal.login]);
      if (!row || !(await verifyPassword(input.currentPassword, row.password_hash)))
        refuse('currentPassword', UserErrorCode.INVALID, 'The current password is wrong');
      await limits?.succeeded(principal.login, source);
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
