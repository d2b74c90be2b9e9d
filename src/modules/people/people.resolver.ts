import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Info, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { payloadOf } from '../../core/graphql/payload';
import { connection, related } from '../../core/graphql/relations';
import { ArchivablePageArgs, ArchivedFilter, PageArgs } from '../../core/pagination/page-args';
import { CommunitySpec, type CommunityRow } from '../geography/community.loaders';
import { CommunityType } from '../geography/geography.types';
import { BuildingSpec } from '../places/building.loaders';
import { CompoundSpec } from '../places/compound.loaders';
import { HouseholdSpec, type HouseholdRow } from '../places/household.loaders';
import { BuildingType, CompoundType, HouseholdType, UnitType } from '../places/places.types';
import { UnitSpec } from '../places/unit.loaders';
import { CURRENT_DUTY, DutyAssignmentSpec, type DutyAssignmentRow } from './duty-assignment.loaders';
import { dutyService } from './duty.service';
import {
  AssignDutyRoleInput,
  AssignDutyRolePayload,
  CreatePersonInput,
  CreatePersonPayload,
  EndDutyAssignmentInput,
  EndDutyAssignmentPayload,
  UpdatePersonInput,
  UpdatePersonPayload,
} from './people.inputs';
import { personService } from './people.service';
import { DutyAssignmentConnection, DutyAssignmentType, PersonConnection, PersonType } from './people.types';
import { PersonSpec, type PersonRow } from './person.loaders';

/** What the people add to a community and a household. */
@Resolver(() => CommunityType)
export class CommunityPeopleResolver {
  @FieldResolver(() => PersonConnection, { description: 'Persons on record in the community.' })
  persons(@Root() community: CommunityRow, @Args() args: ArchivablePageArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return connection(ctx, info, PersonConnection, PersonSpec, 'community_id', community.pk, args);
  }
}

@Resolver(() => HouseholdType)
export class HouseholdPeopleResolver {
  @FieldResolver(() => PersonConnection, { description: 'Its members (personal data).' })
  persons(@Root() household: HouseholdRow, @Args() args: ArchivablePageArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return connection(ctx, info, PersonConnection, PersonSpec, 'household_id', household.pk, args, undefined, undefined, household);
  }
}

@ArgsType()
export class HistoryArgs extends PageArgs {
  @Field({ defaultValue: false, description: 'Include records that have ended.' })
  includeEnded: boolean = false;
}

@Resolver(() => PersonType)
export class PersonResolver {
  @FieldResolver(() => HouseholdType, { description: 'The household.', nullable: true })
  household(@Root() person: PersonRow, @Ctx() ctx: RequestContext) {
    return related(ctx, HouseholdSpec, person.householdId);
  }

  @FieldResolver(() => CommunityType, { description: 'The community.' })
  community(@Root() person: PersonRow, @Ctx() ctx: RequestContext) {
    return related(ctx, CommunitySpec, person.communityId);
  }

  @FieldResolver(() => DutyAssignmentConnection, { description: 'Duties (两长四员) the person holds, the ended ones on request.' })
  dutyAssignments(@Root() person: PersonRow, @Args() args: HistoryArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return connection(
      ctx,
      info,
      DutyAssignmentConnection,
      DutyAssignmentSpec,
      'person_id',
      person.pk,
      { ...args, archived: ArchivedFilter.ALL },
      args.includeEnded ? undefined : CURRENT_DUTY,
    );
  }

  @Mutation(() => CreatePersonPayload, {
    description: 'Records a person of a household (personal data: READ_PERSONAL_DATA to read it back).',
  })
  async createPerson(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: CreatePersonInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'person', PersonSpec, await personService.create(ctx, input));
  }

  @Mutation(() => UpdatePersonPayload, { description: "Changes a person's record." })
  async updatePerson(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: UpdatePersonInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'person', PersonSpec, await personService.update(ctx, input));
  }
}

@Resolver(() => DutyAssignmentType)
export class DutyAssignmentResolver {
  @FieldResolver(() => PersonType, { description: 'Who holds the duty.' })
  person(@Root() duty: DutyAssignmentRow, @Ctx() ctx: RequestContext) {
    return related(ctx, PersonSpec, duty.personId);
  }

  @FieldResolver(() => CompoundType, { description: 'The compound.' })
  compound(@Root() duty: DutyAssignmentRow, @Ctx() ctx: RequestContext) {
    return related(ctx, CompoundSpec, duty.compoundId);
  }

  @FieldResolver(() => BuildingType, { description: "The building the duty covers, if it is a building's.", nullable: true })
  building(@Root() duty: DutyAssignmentRow, @Ctx() ctx: RequestContext) {
    return related(ctx, BuildingSpec, duty.buildingId);
  }

  @FieldResolver(() => UnitType, { description: "The unit the duty covers, if it is a unit's.", nullable: true })
  unit(@Root() duty: DutyAssignmentRow, @Ctx() ctx: RequestContext) {
    return related(ctx, UnitSpec, duty.unitId);
  }

  @FieldResolver({ description: 'True until the duty is ended.' })
  active(@Root() duty: DutyAssignmentRow): boolean {
    return duty.endedOn === null;
  }

  @Mutation(() => AssignDutyRolePayload, {
    description: 'Gives a person one of the two heads and four officers (两长四员) at a building or unit.',
  })
  async assignDutyRole(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: AssignDutyRoleInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'dutyAssignment', DutyAssignmentSpec, await dutyService.assign(ctx, input));
  }

  @Mutation(() => EndDutyAssignmentPayload, { description: 'Ends a duty assignment (两长四员); the history keeps it.' })
  async endDutyAssignment(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: EndDutyAssignmentInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'dutyAssignment', DutyAssignmentSpec, await dutyService.end(ctx, input));
  }
}
