import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../context';
import { roleHas } from '../../core/auth/capabilities';
import { covers, type Placed, type Principal } from '../../core/auth/principal';
import { dbOf, type Db } from '../../core/data/db';
import { refuse } from '../../core/validation/user-error';
import { placementOf } from './account.service';
import { CoManagedAccount } from './co-managed-account.entity';
import type { ExpenditureProposal } from './expenditure-proposal.entity';
import { CustodianSeat, ProposalStep, type ProposalStatus, type SpendingPath } from './finance.enums';
import { FinanceError } from './finance.errors';
import { STEPS } from './spending.steps';

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
 * 4. the caller and the proposer were appointed independently of each other, in both directions:
 *    neither the caller's login nor the bindings that give it the capability were created or
 *    granted by the proposer (or another login of the proposer's person), and no login of the
 *    proposer's person was created by, nor any of its bindings granted by, the caller (or another
 *    login of the caller's person) — directly or through a chain of creators and granters. A
 *    puppet login made to propose is as much the caller's as a puppet made to resolve or pay.
 *
 * A refusal is a user error on `proposalId` (SAME_PERSON, NO_MANDATE, NOT_INDEPENDENT), like the
 * other rules of the steps: the permission tree answers "may this role take this step here", the
 * records of seats and appointments answer "may this person, now". The facts are read in two
 * statements for any number of proposals (a list's `permissions` ask for 100 at once); the
 * judgement on them is a pure function, the same for the mutation and for `permissions`.
 */

export type MoneyAct = ProposalStep.RESOLVE | ProposalStep.PAY;

const VERB: Record<MoneyAct, string> = { [ProposalStep.RESOLVE]: 'resolve', [ProposalStep.PAY]: 'pay' };

/** What the mandate rules need to know about one proposal. */
export interface MandateSubject {
  accountId: number;
  status: ProposalStatus;
  spendingPath: SpendingPath;
  proposedByUserId: number | null;
  proposedByPersonId: number | null;
  /** The account's place (a binding must cover it to lend the step's capability). */
  placed: Placed;
}

/** The caller's seats on the proposal's account and who appointed them, as the database records them. */
export interface MandateFacts {
  /** A seat on a sitting property committee of a compound the account serves. */
  committee: boolean;
  /** The caller's sitting custodian seats of the account. */
  custodian: string[];
  /** Per act: the login of the proposer's side that created or granted the caller's way to it, if any. */
  appointedBy: Partial<Record<MoneyAct, string | null>>;
  /** The login of the caller's side that created, or granted a role to, a login of the proposer's person, if any. */
  appointerOfProposer: string | null;
}

export interface MandateRefusal {
  code: string;
  message: string;
}

/**
 * Reads the facts for `subjects` (keyed as given) in two statements: the seats, then the
 * appointment chains. Nothing is read for a caller who is not a person on record (the pure rule
 * refuses them without facts).
 */
export async function loadMandateFacts(
  db: Db,
  principal: Principal,
  subjects: Map<number, MandateSubject>,
  acts: (subject: MandateSubject) => readonly MoneyAct[],
): Promise<Map<number, MandateFacts>> {
  const facts = new Map<number, MandateFacts>();
  if (principal.kind !== 'user' || principal.personId === null || subjects.size === 0) return facts;
  const accountIds = [...new Set([...subjects.values()].map((s) => s.accountId))];
  const seats = await db.query<{ account_id: number; committee: boolean; custodian: string[] }>(
    `select a.id as account_id,
            exists (select 1 from committee_member m join property_committee k on k.id = m.committee_id
                     where m.person_id = $1 and k.status = 'SITTING'
                       and k.compound_id in (select c.id from compound c where c.id = a.compound_id or c.branch_id = a.branch_id)) as committee,
            array(select cu.seat::text from custodian cu where cu.account_id = a.id and cu.person_id = $1 and cu.until is null) as custodian
       from co_managed_account a where a.id = any($2::int[])`,
    [principal.personId, accountIds],
  );
  const byAccount = new Map(seats.map((r) => [r.account_id, r]));
  // One appointment check per (subject, act) whose proposer is on record.
  const checks: Array<{ key: number; act: MoneyAct; bindings: string; user: number | null; person: number | null }> = [];
  for (const [key, subject] of subjects) {
    const seat = byAccount.get(subject.accountId);
    facts.set(key, { committee: seat?.committee ?? false, custodian: seat?.custodian ?? [], appointedBy: {}, appointerOfProposer: null });
    if (subject.proposedByUserId == null && subject.proposedByPersonId == null) continue;
    for (const act of acts(subject)) {
      const capability = STEPS[act].capability(subject.status, subject.spendingPath);
      const bindings = principal.bindings.filter((b) => roleHas(b.role, capability) && covers(b, subject.placed)).map((b) => b.id);
      checks.push({ key, act, bindings: `{${bindings.join(',')}}`, user: subject.proposedByUserId, person: subject.proposedByPersonId });
    }
  }
  if (checks.length > 0) {
    // Both directions in one statement: the proposer's side above the caller (per act, through the
    // bindings that give its capability), and the caller's side above the proposer.
    const rows = await db.query<{ i: number; login: string | null; appointer: string | null }>(
      `select x.i, lianxin_appointed_by($1, x.bindings::int[], x.proposer_user, x.proposer_person) as login,
              lianxin_appointer_of($1, $5, x.proposer_user, x.proposer_person) as appointer
         from unnest($2::int[], $3::text[], $4::int[]) with ordinality as x(proposer_user, bindings, proposer_person, i)`,
      [principal.userId, checks.map((c) => c.user), checks.map((c) => c.bindings), checks.map((c) => c.person), principal.personId],
    );
    for (const row of rows) {
      const check = checks[row.i - 1];
      const subjectFacts = facts.get(check.key)!;
      subjectFacts.appointedBy[check.act] = row.login;
      subjectFacts.appointerOfProposer ??= row.appointer;
    }
  }
  return facts;
}

type Proposer = Pick<MandateSubject, 'proposedByUserId' | 'proposedByPersonId'>;

/** The refusals that need no facts: the proposer themselves, or a caller who is not a person on record. */
export function personalRefusal(principal: Principal, subject: Proposer, act: MoneyAct): MandateRefusal | null {
  const verb = VERB[act];
  if (
    principal.kind === 'user' &&
    ((principal.personId !== null && principal.personId === subject.proposedByPersonId) || principal.userId === subject.proposedByUserId)
  ) {
    return { code: FinanceError.SAME_PERSON, message: `You proposed this spend; someone else must ${verb} it` };
  }
  if (principal.kind !== 'user' || principal.personId === null) {
    return {
      code: FinanceError.NO_MANDATE,
      message: `To ${verb} a spend is a personal act: sign in with the login of a person on record who holds the mandate`,
    };
  }
  return null;
}

/** Whether the caller may take `act` as a person on this proposal, given the facts (see above); null when they may. */
export function mandateRefusal(
  principal: Principal,
  subject: Proposer,
  act: MoneyAct,
  facts: MandateFacts | undefined,
): MandateRefusal | null {
  const verb = VERB[act];
  const personal = personalRefusal(principal, subject, act);
  if (personal) return personal;
  if (!facts) return { code: FinanceError.NO_MANDATE, message: `To ${verb} a spend needs a seat on record` };
  if (act === ProposalStep.RESOLVE) {
    const resolvingSeat =
      facts.committee ||
      facts.custodian.includes(CustodianSeat.COMMITTEE_MEMBER) ||
      facts.custodian.includes(CustodianSeat.OWNER_REPRESENTATIVE);
    if (!resolvingSeat) {
      return {
        code: FinanceError.NO_MANDATE,
        message:
          "Resolving needs a seat on the sitting property committee of the account's compound, or the account's committee-member or owners' representative custodian seat; you hold neither",
      };
    }
  } else if (!facts.custodian.length) {
    return { code: FinanceError.NO_MANDATE, message: 'Paying is for the sitting custodians of the account; you are not one' };
  }
  const by = facts.appointedBy[act];
  if (by) {
    return {
      code: FinanceError.NOT_INDEPENDENT,
      message: `Your login or the role you ${verb} under was created or granted, directly or through others, by ${by} (who proposed this spend, or shares the proposer's person); someone appointed independently of the proposer must ${verb} it`,
    };
  }
  if (facts.appointerOfProposer) {
    return {
      code: FinanceError.NOT_INDEPENDENT,
      message: `The login of the person who proposed this spend, or a role it holds or held, was created or granted, directly or through others, by ${facts.appointerOfProposer} (your login, or another login of your person); someone appointed independently of the proposer must ${verb} it`,
    };
  }
  return null;
}

/** Refuses the act unless the caller, as a person, may take it on this proposal (see above). */
export async function assertMandate(ctx: RequestContext, em: EntityManager, proposal: ExpenditureProposal, act: MoneyAct): Promise<void> {
  const proposer = { proposedByUserId: proposal.proposedByUserId ?? null, proposedByPersonId: proposal.proposedByPersonId ?? null };
  const personal = personalRefusal(ctx.principal, proposer, act);
  if (personal) refuse('proposalId', personal.code, personal.message);
  const account = await em.findOneOrFail(CoManagedAccount, { id: proposal.account.id });
  const subject = {
    ...proposer,
    accountId: account.id,
    status: proposal.status,
    spendingPath: proposal.spendingPath,
    placed: await placementOf(em, account),
  };
  const facts = await loadMandateFacts(dbOf(em), ctx.principal, new Map([[proposal.id, subject]]), () => [act]);
  const refusal = mandateRefusal(ctx.principal, proposer, act, facts.get(proposal.id));
  if (refusal) refuse('proposalId', refusal.code, refusal.message);
}
