import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../context';
import { Capability, roleHas } from '../../core/auth/capabilities';
import { covers } from '../../core/auth/principal';
import { refuse } from '../../core/validation/user-error';
import { placementOf } from './account.service';
import { CoManagedAccount } from './co-managed-account.entity';
import type { ExpenditureProposal } from './expenditure-proposal.entity';
import { CustodianSeat } from './finance.enums';
import { FinanceError } from './finance.errors';

/*
 * No one moves money alone. Resolving (决议) and paying are personal acts under a mandate, on top of
 * the role capability the permission tree checks (RESOLVE_SPENDING / PAY_SPENDING):
 *
 * 1. the caller is a user linked to a person on record (one login per person: a unique index);
 * 2. that person is not the proposer's person (nor the caller the proposer's login);
 * 3. the person holds the mandate: to resolve, a seat on the sitting property committee of the
 *    account's compound (or of a compound of the joint branch, for a pooled account), or the
 *    account's committee-member or owners'-representative custodian seat; to pay, any sitting
 *    custodian seat of the account;
 * 4. neither the caller's login nor the bindings that give it the capability were created or
 *    granted by the proposer (or another login of the proposer's person), directly or through a
 *    chain of creators and granters.
 *
 * A refusal is a user error on `proposalId` (SAME_PERSON, NO_MANDATE, NOT_INDEPENDENT), like the
 * other rules of the steps: the permission tree answers "may this role take this step here", the
 * records of seats and appointments answer "may this person, now".
 */

export type MoneyAct = 'RESOLVE' | 'PAY';

const CAPABILITY: Record<MoneyAct, Capability> = { RESOLVE: Capability.RESOLVE_SPENDING, PAY: Capability.PAY_SPENDING };
const VERB: Record<MoneyAct, string> = { RESOLVE: 'resolve', PAY: 'pay' };

/** Refuses the act unless the caller, as a person, may take it on this proposal (see above). */
export async function assertMandate(ctx: RequestContext, em: EntityManager, proposal: ExpenditureProposal, act: MoneyAct): Promise<void> {
  const principal = ctx.principal;
  const verb = VERB[act];
  if (principal.kind === 'user' && ((principal.personId !== null && principal.personId === proposal.proposedByPersonId) || principal.userId === proposal.proposedByUserId)) {
    refuse('proposalId', FinanceError.SAME_PERSON, `You proposed this spend; someone else must ${verb} it`);
  }
  if (principal.kind !== 'user' || principal.personId === null) {
    refuse('proposalId', FinanceError.NO_MANDATE, `To ${verb} a spend is a personal act: sign in with the login of a person on record who holds the mandate`);
  }
  const personId = principal.personId;
  const [seats] = await em.execute<Array<{ committee: boolean; custodian: string[] }>>(
    `select exists (select 1 from committee_member m join property_committee k on k.id = m.committee_id
                     where m.person_id = ? and k.status = 'SITTING'
                       and k.compound_id in (select c.id from compound c where c.id = a.compound_id or c.branch_id = a.branch_id)) as committee,
            array(select cu.seat::text from custodian cu where cu.account_id = a.id and cu.person_id = ? and cu.until is null) as custodian
       from co_managed_account a where a.id = ?`,
    [personId, personId, proposal.account.id],
  );
  const custodian = seats?.custodian ?? [];
  if (act === 'RESOLVE') {
    const resolvingSeat = seats?.committee || custodian.includes(CustodianSeat.COMMITTEE_MEMBER) || custodian.includes(CustodianSeat.OWNER_REPRESENTATIVE);
    if (!resolvingSeat) {
      refuse(
        'proposalId',
        FinanceError.NO_MANDATE,
        "Resolving needs a seat on the sitting property committee of the account's compound, or the account's committee-member or owners' representative custodian seat; you hold neither",
      );
    }
  } else if (!custodian.length) {
    refuse('proposalId', FinanceError.NO_MANDATE, 'Paying is for the sitting custodians of the account; you are not one');
  }
  if (proposal.proposedByUserId == null && proposal.proposedByPersonId == null) return;
  // The bindings through which the caller holds the capability over this account.
  const account = await em.findOneOrFail(CoManagedAccount, { id: proposal.account.id });
  const placed = await placementOf(em, account);
  const bindings = principal.bindings.filter((b) => roleHas(b.role, CAPABILITY[act]) && covers(b, placed)).map((b) => b.id);
  const [row] = await em.execute<Array<{ login: string | null }>>('select lianxin_appointed_by(?, ?::int[], ?, ?) as login', [
    principal.userId,
    `{${bindings.join(',')}}`,
    proposal.proposedByUserId ?? null,
    proposal.proposedByPersonId ?? null,
  ]);
  if (row?.login) {
    refuse(
      'proposalId',
      FinanceError.NOT_INDEPENDENT,
      `Your login or the role you ${verb} under was created or granted, directly or through others, by ${row.login} (who proposed this spend, or shares the proposer's person); someone appointed independently of the proposer must ${verb} it`,
    );
  }
}
