import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { maskPhone, maySeePersonalData } from '../../core/auth/personal-data';
import { payloadOf } from '../../core/graphql/payload';
import { connection, related } from '../../core/graphql/relations';
import { ArchivedFilter, PageArgs } from '../../core/pagination/page-args';
import { CommunitySpec } from '../hierarchy/community.loaders';
import { CompoundBranchSpec } from '../hierarchy/compound-branch.loaders';
import { CommunityType, CompoundBranchType } from '../hierarchy/hierarchy.types';
import { BuildingSpec } from '../places/building.loaders';
import { CompoundSpec } from '../places/compound.loaders';
import { HouseholdSpec } from '../places/household.loaders';
import { BuildingType, CompoundType, HouseholdType, UnitType } from '../places/places.types';
import { UnitSpec } from '../places/unit.loaders';
import { CURRENT_DUTY, DutyAssignmentSpec, type DutyAssignmentRow } from './duty-assignment.loaders';
import { dutyService } from './duty.service';
import { membershipService } from './membership.service';
import { CURRENT_MEMBERSHIP, PartyMembershipSpec, type PartyMembershipRow } from './party-membership.loaders';
import {
  AssignDutyRoleInput,
  AssignDutyRolePayload,
  CreatePersonInput,
  CreatePersonPayload,
  EndDutyAssignmentInput,
  EndDutyAssignmentPayload,
  EndPartyMembershipInput,
  EndPartyMembershipPayload,
  RecordPartyMembershipInput,
  RecordPartyMembershipPayload,
  UpdatePartyMembershipInput,
  UpdatePartyMembershipPayload,
  UpdatePersonInput,
  UpdatePersonPayload,
} from './people.inputs';
import { personService } from './people.service';
import { DutyAssignmentConnection, DutyAssignmentType, PartyMembershipConnection, PartyMembershipType, PersonType } from './people.types';
import { PersonSpec, type PersonRow } from './person.loaders';

@ArgsType()
class HistoryArgs extends PageArgs {
  @Field({ defaultValue: false, description: 'Include records that have ended.' })
  includeEnded: boolean = false;
}

@Resolver(() => PersonType)
export class PersonResolver {
  @FieldResolver(() => String, { nullable: true, description: 'Personal data: masked (138****1234) without a duty of care.' })
  phone(@Root() person: PersonRow, @Ctx() ctx: RequestContext): string | null {
    return maySeePersonalData(ctx.principal, person, person.pk) ? person.phone : maskPhone(person.phone);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Resident identity card number. Personal data: null without a duty of care.' })
  idNumber(@Root() person: PersonRow, @Ctx() ctx: RequestContext): string | null {
    return maySeePersonalData(ctx.principal, person, person.pk) ? person.idNumber : null;
  }

  @FieldResolver(() => HouseholdType, { nullable: true })
  household(@Root() person: PersonRow, @Ctx() ctx: RequestContext) {
    return related(ctx, HouseholdSpec, person.householdId);
  }

  @FieldResolver(() => CommunityType)
  community(@Root() person: PersonRow, @Ctx() ctx: RequestContext) {
    return related(ctx, CommunitySpec, person.communityId);
  }

  @FieldResolver(() => PartyMembershipType, { nullable: true, description: 'The current party membership, if any.' })
  partyMembership(@Root() person: PersonRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.oneBy(PartyMembershipSpec, 'person_id', CURRENT_MEMBERSHIP).load(person.pk);
  }

  @FieldResolver(() => Boolean, { description: 'Whether the person has a current party membership.' })
  isPartyMember(@Root() person: PersonRow, @Ctx() ctx: RequestContext): Promise<boolean> {
    return ctx.loaders.oneBy(PartyMembershipSpec, 'person_id', CURRENT_MEMBERSHIP).load(person.pk).then((m) => m !== null);
  }

  @FieldResolver(() => PartyMembershipConnection, { description: 'Party memberships recorded for the person, the ended ones on request.' })
  partyMemberships(@Root() person: PersonRow, @Args() args: HistoryArgs, @Ctx() ctx: RequestContext) {
    return connection(ctx, PartyMembershipConnection, PartyMembershipSpec, 'person_id', person.pk, { ...args, archived: ArchivedFilter.ALL }, args.includeEnded ? undefined : CURRENT_MEMBERSHIP);
  }

  @FieldResolver(() => DutyAssignmentConnection, { description: 'Duties (两长四员) the person holds, the ended ones on request.' })
  dutyAssignments(@Root() person: PersonRow, @Args() args: HistoryArgs, @Ctx() ctx: RequestContext) {
    return connection(ctx, DutyAssignmentConnection, DutyAssignmentSpec, 'person_id', person.pk, { ...args, archived: ArchivedFilter.ALL }, args.includeEnded ? undefined : CURRENT_DUTY);
  }

  @Mutation(() => CreatePersonPayload)
  async createPerson(@Arg('input') input: CreatePersonInput, @Ctx() ctx: RequestContext) {
    return payloadOf(ctx, 'person', PersonSpec, await personService.create(ctx, input));
  }

  @Mutation(() => UpdatePersonPayload)
  async updatePerson(@Arg('input') input: UpdatePersonInput, @Ctx() ctx: RequestContext) {
    return payloadOf(ctx, 'person', PersonSpec, await personService.update(ctx, input));
  }
}

@Resolver(() => PartyMembershipType)
export class PartyMembershipResolver {
  @FieldResolver(() => PersonType)
  person(@Root() membership: PartyMembershipRow, @Ctx() ctx: RequestContext) {
    return related(ctx, PersonSpec, membership.personId);
  }

  @FieldResolver(() => CompoundBranchType, { nullable: true })
  branch(@Root() membership: PartyMembershipRow, @Ctx() ctx: RequestContext) {
    return related(ctx, CompoundBranchSpec, membership.branchId);
  }

  @FieldResolver({ description: 'True until the membership is ended here.' })
  active(@Root() membership: PartyMembershipRow): boolean {
    return membership.endedOn === null;
  }

  @Mutation(() => RecordPartyMembershipPayload)
  async recordPartyMembership(@Arg('input') input: RecordPartyMembershipInput, @Ctx() ctx: RequestContext) {
    return payloadOf(ctx, 'partyMembership', PartyMembershipSpec, await membershipService.record(ctx, input));
  }

  @Mutation(() => UpdatePartyMembershipPayload)
  async updatePartyMembership(@Arg('input') input: UpdatePartyMembershipInput, @Ctx() ctx: RequestContext) {
    return payloadOf(ctx, 'partyMembership', PartyMembershipSpec, await membershipService.update(ctx, input));
  }

  @Mutation(() => EndPartyMembershipPayload)
  async endPartyMembership(@Arg('input') input: EndPartyMembershipInput, @Ctx() ctx: RequestContext) {
    return payloadOf(ctx, 'partyMembership', PartyMembershipSpec, await membershipService.end(ctx, input));
  }
}

@Resolver(() => DutyAssignmentType)
export class DutyAssignmentResolver {
  @FieldResolver(() => PersonType)
  person(@Root() duty: DutyAssignmentRow, @Ctx() ctx: RequestContext) {
    return related(ctx, PersonSpec, duty.personId);
  }

  @FieldResolver(() => CompoundType)
  compound(@Root() duty: DutyAssignmentRow, @Ctx() ctx: RequestContext) {
    return related(ctx, CompoundSpec, duty.compoundId);
  }

  @FieldResolver(() => BuildingType, { nullable: true })
  building(@Root() duty: DutyAssignmentRow, @Ctx() ctx: RequestContext) {
    return related(ctx, BuildingSpec, duty.buildingId);
  }

  @FieldResolver(() => UnitType, { nullable: true })
  unit(@Root() duty: DutyAssignmentRow, @Ctx() ctx: RequestContext) {
    return related(ctx, UnitSpec, duty.unitId);
  }

  @FieldResolver({ description: 'True until the duty is ended.' })
  active(@Root() duty: DutyAssignmentRow): boolean {
    return duty.endedOn === null;
  }

  @Mutation(() => AssignDutyRolePayload)
  async assignDutyRole(@Arg('input') input: AssignDutyRoleInput, @Ctx() ctx: RequestContext) {
    return payloadOf(ctx, 'dutyAssignment', DutyAssignmentSpec, await dutyService.assign(ctx, input));
  }

  @Mutation(() => EndDutyAssignmentPayload)
  async endDutyAssignment(@Arg('input') input: EndDutyAssignmentInput, @Ctx() ctx: RequestContext) {
    return payloadOf(ctx, 'dutyAssignment', DutyAssignmentSpec, await dutyService.end(ctx, input));
  }
}
