import { LockMode, ref } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../context';
import { dbOf } from '../../core/data/db';
import { registerUniqueConstraint } from '../../core/graphql/constraints';
import { findByGlobalId } from '../../core/graphql/lookup';
import { mutate, type MutationOutcome } from '../../core/graphql/mutation';
import { UserErrorCode, refuse, userError, UserInputRefused, type UserError } from '../../core/validation/user-error';
import { Community } from '../geography/community.entity';
import { CompoundBranch } from '../organization/compound-branch.entity';
import { BranchKind } from '../organization/organization.enums';
import { Person } from '../people/person.entity';
import { compoundOfPerson } from '../people/residence';
import { Compound } from '../places/compound.entity';
import { CoManagedAccount } from './co-managed-account.entity';
import { Custodian } from './custodian.entity';
import { CustodianSeat } from './finance.enums';
import type { OpenCoManagedAccountInput, ReplaceCustodianInput, UpdateCommunitySettingsInput } from './finance.inputs';

registerUniqueConstraint('co_managed_account_compound_id_unique', 'compoundId', 'This compound already has a co-managed account');
registerUniqueConstraint('co_managed_account_branch_id_unique', 'branchId', 'This branch already has a pooled account');
registerUniqueConstraint('custodian_person_sitting_unique', 'personId', 'This person already holds another seat of this account');
registerUniqueConstraint('custodian_seat_sitting_unique', 'seat', 'This seat is already taken');

/** Locks the account row: ledger writes, payments and publishing of one account run one at a time. */
export async function lockAccount(em: EntityManager, accountId: number): Promise<CoManagedAccount> {
  const account = await em.findOne(CoManagedAccount, { id: accountId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  if (!account) refuse('accountId', UserErrorCode.INVALID, 'The account is gone');
  return account;
}

/** Whom an account serves: one compound, or the compounds of a joint branch (a pooled account). */
export interface AccountHolder {
  compound: Compound | null;
  branch: CompoundBranch | null;
  compoundIds: number[];
  name: string;
}

/** The holder of an existing account. */
export async function holderOf(em: EntityManager, account: CoManagedAccount): Promise<AccountHolder> {
  if (account.compound) {
    const compound = await em.findOneOrFail(Compound, { id: account.compound.id });
    return { compound, branch: null, compoundIds: [compound.id], name: compound.name };
  }
  const branch = await em.findOneOrFail(CompoundBranch, { id: account.branch!.id });
  const compounds = await em.find(Compound, { branch, archivedAt: null });
  return { compound: null, branch, compoundIds: compounds.map((c) => c.id), name: branch.name };
}

/** Where an account sits, for permission checks and the role recorded on acts. */
export async function placementOf(
  em: EntityManager,
  account: CoManagedAccount,
): Promise<{ path: string | null; orgPath: string | null; communityId: number }> {
  const holder = await holderOf(em, account);
  if (holder.compound)
    return { path: holder.compound.path ?? null, orgPath: holder.compound.orgPath ?? null, communityId: account.community.id };
  return { path: null, orgPath: holder.branch!.path ?? null, communityId: account.community.id };
}

/**
 * The seat rules: the branch secretary's seat is held by the secretary of the branch covering the
 * compound (or of the joint branch, for a pooled account); the committee member and owners'
 * representative live in a compound the account serves, and where a property committee sits there,
 * the committee seat is held by one of its members.
 */
async function checkSeat(
  em: EntityManager,
  holder: AccountHolder,
  seat: CustodianSeat,
  person: Person,
  field: string[],
): Promise<UserError | null> {
  if (seat === CustodianSeat.BRANCH_SECRETARY) {
    const branch = holder.branch ?? (holder.compound?.branch ? await em.findOne(CompoundBranch, { id: holder.compound.branch.id }) : null);
    if (!branch?.secretary)
      return userError(
        field,
        UserErrorCode.MISMATCH,
        'The branch covering this compound has no secretary on record; record the secretary first',
      );
    if (branch.secretary.id !== person.id)
      return userError(field, UserErrorCode.MISMATCH, `The branch secretary's seat is held by the secretary of ${branch.name}`);
    return null;
  }
  const home = await compoundOfPerson(em, person.id);
  if (home === null || !holder.compoundIds.includes(home)) {
    return userError(
      field,
      UserErrorCode.MISMATCH,
      `The committee member and owner representative must live in ${holder.compound ? 'the compound' : `a compound of ${holder.name}`}`,
    );
  }
  if (seat === CustodianSeat.COMMITTEE_MEMBER) {
    // Where a property committee sits, its seat is held by one of its members; a compound without
    // a committee names a resident (an owners' delegate) until it has one.
    const rows = await dbOf(em).query<{ sitting: number; member: boolean }>(
      `select count(*)::int as sitting, bool_or(exists (select 1 from committee_member m where m.committee_id = k.id and m.person_id = $1)) as member
         from property_committee k where k.compound_id = any($2::int[]) and k.status = 'SITTING'`,
      [person.id, holder.compoundIds],
    );
    if (rows[0]?.sitting && !rows[0].member)
      return userError(field, UserErrorCode.MISMATCH, "The committee member's seat is held by a member of the sitting property committee");
  }
  return null;
}

/** Community settings, co-managed accounts and their custodians. */
export const accountService = {
  updateCommunitySettings(ctx: RequestContext, input: UpdateCommunitySettingsInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const community = await findByGlobalId(em, Community, 'Community', input.communityId, 'communityId');
      if (input.partyMemberRatioMin != null) community.partyMemberRatioMin = input.partyMemberRatioMin;
      if (input.simplifiedSpendingBelowFen != null) community.simplifiedSpendingBelowFen = input.simplifiedSpendingBelowFen;
      if (input.quorumSpendingAboveFen != null) community.quorumSpendingAboveFen = input.quorumSpendingAboveFen;
      if (input.statementDueDay != null) community.statementDueDay = input.statementDueDay;
      if (input.allowNegativeBalance != null) community.allowNegativeBalance = input.allowNegativeBalance;
      if (input.redFlagMinScore != null) community.redFlagMinScore = input.redFlagMinScore;
      if (input.yellowFlagBelowScore != null) community.yellowFlagBelowScore = input.yellowFlagBelowScore;
      if (community.yellowFlagBelowScore > community.redFlagMinScore) {
        refuse(
          'yellowFlagBelowScore',
          UserErrorCode.OUT_OF_RANGE,
          `The yellow-flag line (${community.yellowFlagBelowScore}) must not be above the red-flag line (${community.redFlagMinScore})`,
        );
      }
      await em.flush();
      return community.id;
    });
  },

  /**
   * Opens an account with its three custodians, in one act: a compound's own, or one pooled for the
   * compounds of a joint branch (then none of them may have one of its own, nor open one later).
   */
  openAccount(ctx: RequestContext, input: OpenCoManagedAccountInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      if (!input.compoundId === !input.branchId)
        refuse(input.compoundId ? 'branchId' : 'compoundId', UserErrorCode.REQUIRED, 'Name either a compound or a joint branch');
      let holder: AccountHolder;
      if (input.compoundId) {
        const compound = await findByGlobalId(em, Compound, 'Compound', input.compoundId, 'compoundId');
        if (compound.archivedAt) refuse('compoundId', UserErrorCode.PARENT_ARCHIVED, 'The compound is archived');
        if (compound.branch && (await em.count(CoManagedAccount, { branch: compound.branch.id }))) {
          refuse('compoundId', UserErrorCode.TAKEN, "The compound's joint branch keeps a pooled account for it");
        }
        holder = { compound, branch: null, compoundIds: [compound.id], name: compound.name };
      } else {
        const branch = await findByGlobalId(em, CompoundBranch, 'CompoundBranch', input.branchId!, 'branchId');
        if (branch.kind !== BranchKind.JOINT)
          refuse('branchId', UserErrorCode.MISMATCH, 'Only a joint branch pools an account for its compounds');
        if (branch.archivedAt) refuse('branchId', UserErrorCode.PARENT_ARCHIVED, 'The branch is archived');
        const compounds = await em.find(Compound, { branch, archivedAt: null });
        const own = compounds.length ? await em.count(CoManagedAccount, { compound: { $in: compounds.map((c) => c.id) } }) : 0;
        if (own) refuse('branchId', UserErrorCode.TAKEN, 'A compound of this branch already has its own account');
        holder = { compound: null, branch, compoundIds: compounds.map((c) => c.id), name: branch.name };
      }
      const seats = input.custodians.map((c) => c.seat);
      const errors: UserError[] = [];
      for (const seat of Object.values(CustodianSeat)) {
        if (!seats.includes(seat))
          errors.push(
            userError(
              ['custodians'],
              UserErrorCode.REQUIRED,
              `The ${seat} seat is missing: an account has exactly three custodians, one per seat`,
            ),
          );
      }
      if (input.custodians.length !== 3)
        errors.push(userError(['custodians'], UserErrorCode.OUT_OF_RANGE, 'An account has exactly three custodians, one per seat'));
      if (errors.length) throw new UserInputRefused(errors);
      const persons: Person[] = [];
      for (const [i, c] of input.custodians.entries()) {
        const person = await findByGlobalId(em, Person, 'Person', c.personId, `custodians.${i}.personId`);
        if (persons.some((p) => p.id === person.id))
          refuse(['custodians', String(i), 'personId'], UserErrorCode.TAKEN, 'The three custodians must be three different persons');
        const wrong = await checkSeat(em, holder, c.seat, person, ['custodians', String(i), 'personId']);
        if (wrong) errors.push(wrong);
        persons.push(person);
      }
      if (errors.length) throw new UserInputRefused(errors);
      const openedOn = input.openedOn ?? ctx.clock.today();
      const community = (holder.compound ?? holder.branch)!.community;
      const account = em.create(CoManagedAccount, {
        community,
        compound: holder.compound,
        branch: holder.branch,
        name: input.name ?? `${holder.name}三方共管账户`,
        openedOn,
      });
      input.custodians.forEach((c, i) => em.create(Custodian, { community, account, person: persons[i], seat: c.seat, since: openedOn }));
      await em.flush();
      return account.id;
    });
  },

  /** Hands a seat to another person: the outgoing custodian's period ends the day the new one starts. */
  replaceCustodian(ctx: RequestContext, input: ReplaceCustodianInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const found = await findByGlobalId(em, CoManagedAccount, 'CoManagedAccount', input.accountId, 'accountId');
      const account = await lockAccount(em, found.id);
      if (account.closedOn) refuse('accountId', UserErrorCode.ARCHIVED, 'The account is closed');
      const person = await findByGlobalId(em, Person, 'Person', input.personId, 'personId');
      const wrong = await checkSeat(em, await holderOf(em, account), input.seat, person, ['personId']);
      if (wrong) throw new UserInputRefused([wrong]);
      const since = input.since ?? ctx.clock.today();
      const sitting = await em.findOne(Custodian, { account, seat: input.seat, until: null });
      if (sitting) {
        if (sitting.person.id === person.id) refuse('personId', UserErrorCode.ALREADY_GRANTED, 'This person already holds the seat');
        if (since < sitting.since) refuse('since', UserErrorCode.DATE_ORDER, `The outgoing custodian has sat only since ${sitting.since}`);
        sitting.until = since;
        await em.flush(); // the seat is free before the new row claims it (partial unique index)
      }
      const custodian = em.create(Custodian, { community: account.community, account, person: ref(person), seat: input.seat, since });
      await em.flush();
      return custodian.id;
    });
  },
};
