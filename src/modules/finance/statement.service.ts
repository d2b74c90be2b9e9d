import type { RequestContext } from '../../context';
import { actorLabel } from '../../core/auth/principal';
import { findByGlobalId } from '../../core/graphql/lookup';
import { mutate, type MutationOutcome } from '../../core/graphql/mutation';
import { todayUtc } from '../../core/graphql/scalars';
import { UserErrorCode, refuse } from '../../core/validation/user-error';
import { lockAccount } from './account.service';
import { CoManagedAccount } from './co-managed-account.entity';
import type { PrepareMonthlyStatementInput, PublishMonthlyStatementInput } from './finance.inputs';
import { MonthlyStatement } from './monthly-statement.entity';
import { monthStart, nextMonth } from '../../core/time/calendar';
import { computeStatement, contentHash } from './statement-content';

/** Monthly public disclosure: the finance supervision group prepares, then publishes (and so freezes). */
export const statementService = {
  /** Creates the month's draft, or updates its note. A draft always shows the ledger as it is now. */
  prepare(ctx: RequestContext, input: PrepareMonthlyStatementInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const account = await findByGlobalId(em, CoManagedAccount, 'CoManagedAccount', input.accountId, 'accountId');
      const month = monthStart(input.month);
      if (month < monthStart(account.openedOn)) refuse('month', UserErrorCode.DATE_ORDER, `The account was opened on ${account.openedOn}`);
      let statement = await em.findOne(MonthlyStatement, { account, month });
      if (statement?.publishedAt) refuse('month', UserErrorCode.ALREADY_PUBLISHED, `The statement of ${month.slice(0, 7)} is already published`);
      if (!statement) {
        statement = em.create(MonthlyStatement, {
          community: account.community,
          account,
          compound: account.compound,
          month,
          preparedBy: actorLabel(ctx.principal),
          note: input.note ?? null,
        });
      } else if (input.note !== undefined) {
        statement.note = input.note;
      }
      await em.flush();
      return statement.id;
    });
  },

  /**
   * Freezes the statement: its content as computed now, with a SHA-256 over it. The account is
   * locked so no ledger entry of the month can slip in between computing and storing; after this,
   * entries dated in the month are refused.
   */
  publish(ctx: RequestContext, input: PublishMonthlyStatementInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const found = await findByGlobalId(em, MonthlyStatement, 'MonthlyStatement', input.statementId, 'statementId');
      await lockAccount(em, found.account.id);
      const statement = await em.findOneOrFail(MonthlyStatement, { id: found.id }, { refresh: true });
      if (statement.publishedAt) refuse('statementId', UserErrorCode.ALREADY_PUBLISHED, `The statement of ${statement.month.slice(0, 7)} is already published`);
      if (todayUtc() < nextMonth(statement.month)) refuse('statementId', UserErrorCode.MONTH_NOT_OVER, `${statement.month.slice(0, 7)} is not over yet`);
      const content = await computeStatement((sql, params) => ctx.db.query(sql, params), statement.account.id, statement.month);
      statement.content = content;
      statement.contentHash = contentHash(content);
      statement.closingFen = content.closingBalanceFen;
      statement.publishedAt = new Date();
      statement.publishedBy = actorLabel(ctx.principal);
      await em.flush();
      return statement.id;
    });
  },
};
