import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../context';
import { actorLabel } from '../../core/auth/principal';
import { dbOf } from '../../core/data/db';
import { findByGlobalId } from '../../core/graphql/lookup';
import { mutate, type MutationOutcome } from '../../core/graphql/mutation';
import { UserErrorCode, refuse, userError, UserInputRefused, type UserError } from '../../core/validation/user-error';
import { lockAccount } from './account.service';
import { CoManagedAccount } from './co-managed-account.entity';
import type { PrepareMonthlyStatementInput, PublishMonthlyStatementInput } from './finance.inputs';
import { MonthlyStatement } from './monthly-statement.entity';
import { monthStart, nextMonth } from '../../core/time/calendar';
import { computeStatement, contentHash } from './statement-content';
import { FinanceError } from './finance.errors';

/** The first month from the account's opening up to (not including) `month` that has no published statement, as YYYY-MM. */
async function firstUnpublishedMonth(em: EntityManager, account: CoManagedAccount, month: string): Promise<string | null> {
  const rows = await dbOf(em).query<{ month: string }>(
    `select to_char(m, 'YYYY-MM') as month
       from generate_series(date_trunc('month', $1::timestamp), $2::timestamp - interval '1 month', interval '1 month') m
      where not exists (select 1 from monthly_statement s where s.account_id = $3 and s.month = m::date and s.published_at is not null)
      order by m limit 1`,
    [account.openedOn, month, account.id],
  );
  return rows[0]?.month ?? null;
}

function unpublishedMessage(month: string, openedOn: string): string {
  return `Publish ${month} first: statements are published month by month from the month the account opened (${openedOn.slice(0, 7)}), months without entries included`;
}

/** The user error for the database's refusal of a publication out of order: the service's own answer. */
export function publicationOrderRefusal(err: unknown, openedOn: string): UserError | null {
  const { constraint, message } = err as { constraint?: string; message?: string };
  if (constraint !== 'monthly_statement_published_in_order') return null;
  const month = /statement of (\d{4}-\d{2})/.exec(message ?? '')?.[1] ?? 'the month before';
  return userError('statementId', FinanceError.PREVIOUS_MONTH_UNPUBLISHED, unpublishedMessage(month, openedOn));
}

/** Monthly public disclosure: the finance supervision group prepares, then publishes (and so freezes). */
export const statementService = {
  /** Creates the month's draft, or updates its note. A draft always shows the ledger as it is now. */
  prepare(ctx: RequestContext, input: PrepareMonthlyStatementInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const account = await findByGlobalId(em, CoManagedAccount, 'CoManagedAccount', input.accountId, 'accountId');
      const month = monthStart(input.month);
      if (month < monthStart(account.openedOn)) refuse('month', UserErrorCode.DATE_ORDER, `The account was opened on ${account.openedOn}`);
      let statement = await em.findOne(MonthlyStatement, { account, month });
      if (statement?.publishedAt)
        refuse('month', FinanceError.ALREADY_PUBLISHED, `The statement of ${month.slice(0, 7)} is already published`);
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
   * Freezes the statement: its content as computed now, with a SHA-256 over it. Months go out in
   * order, from the month the account opened (a month without entries too: its statement shows no
   * lines). The account is locked so no ledger entry can slip in between computing and storing;
   * after this, nothing may be dated in the month or before it.
   */
  publish(ctx: RequestContext, input: PublishMonthlyStatementInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const found = await findByGlobalId(em, MonthlyStatement, 'MonthlyStatement', input.statementId, 'statementId');
      const account = await lockAccount(em, found.account.id);
      const statement = await em.findOneOrFail(MonthlyStatement, { id: found.id }, { refresh: true });
      if (statement.publishedAt)
        refuse('statementId', FinanceError.ALREADY_PUBLISHED, `The statement of ${statement.month.slice(0, 7)} is already published`);
      if (ctx.clock.today() < nextMonth(statement.month))
        refuse('statementId', FinanceError.MONTH_NOT_OVER, `${statement.month.slice(0, 7)} is not over yet`);
      const gap = await firstUnpublishedMonth(em, account, statement.month);
      if (gap) refuse('statementId', FinanceError.PREVIOUS_MONTH_UNPUBLISHED, unpublishedMessage(gap, account.openedOn));
      const content = await computeStatement((sql, params) => ctx.db.query(sql, params), statement.account.id, statement.month);
      statement.content = content;
      statement.contentHash = contentHash(content);
      statement.closingFen = content.closingBalanceFen;
      statement.publishedAt = ctx.clock.now();
      statement.publishedBy = actorLabel(ctx.principal);
      try {
        await em.flush();
      } catch (err) {
        // The database's own order check (a publication that raced past the one above).
        const refusal = publicationOrderRefusal(err, account.openedOn);
        if (refusal) throw new UserInputRefused([refusal]);
        throw err;
      }
      return statement.id;
    });
  },
};
