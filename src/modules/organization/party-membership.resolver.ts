import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { payloadOf } from '../../core/graphql/payload';
import { connection, related } from '../../core/graphql/relations';
import { ArchivedFilter } from '../../core/pagination/page-args';
import { HistoryArgs } from '../people/people.resolver';
import { PersonType } from '../people/people.types';
import { PersonSpec, type PersonRow } from '../people/person.loaders';
import { CompoundBranchSpec } from './compound-branch.loaders';
import { membershipService } from './membership.service';
import { CompoundBranchType, PartyMembershipConnection, PartyMembershipType } from './organization.types';
import { CURRENT_MEMBERSHIP, PartyMembershipSpec, type PartyMembershipRow } from './party-membership.loaders';
import {
  EndPartyMembershipInput,
  EndPartyMembershipPayload,
  RecordPartyMembershipInput,
  RecordPartyMembershipPayload,
  UpdatePartyMembershipInput,
  UpdatePartyMembershipPayload,
} from './party-membership.inputs';

/** What the organization adds to a person: their party membership. */
@Resolver(() => PersonType)
export class PersonOrganizationResolver {
  @FieldResolver(() => PartyMembershipType, { nullable: true, description: 'The current party membership, if any.' })
  partyMembership(@Root() person: PersonRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.oneBy(PartyMembershipSpec, 'person_id', CURRENT_MEMBERSHIP).load(person.pk);
  }

  @FieldResolver(() => PartyMembershipConnection, { description: 'Party memberships recorded for the person, the ended ones on request.' })
  partyMemberships(@Root() person: PersonRow, @Args() args: HistoryArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return connection(
      ctx,
      info,
      PartyMembershipConnection,
      PartyMembershipSpec,
      'person_id',
      person.pk,
      { ...args, archived: ArchivedFilter.ALL },
      args.includeEnded ? undefined : CURRENT_MEMBERSHIP,
    );
  }
}

@Resolver(() => PartyMembershipType)
export class PartyMembershipResolver {
  @FieldResolver(() => PersonType, { description: 'The member.' })
  person(@Root() membership: PartyMembershipRow, @Ctx() ctx: RequestContext) {
    return related(ctx, PersonSpec, membership.personId);
  }

  @FieldResolver(() => CompoundBranchType, { description: 'The branch the member is registered with.', nullable: true })
  branch(@Root() membership: PartyMembershipRow, @Ctx() ctx: RequestContext) {
    return related(ctx, CompoundBranchSpec, membership.branchId);
  }

  @FieldResolver({ description: 'True until the membership is ended here.' })
  active(@Root() membership: PartyMembershipRow): boolean {
    return membership.endedOn === null;
  }

  @Mutation(() => RecordPartyMembershipPayload, {
    description: "Records a person's party membership, local or registered elsewhere (双报到).",
  })
  async recordPartyMembership(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: RecordPartyMembershipInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'partyMembership', PartyMembershipSpec, await membershipService.record(ctx, input));
  }

  @Mutation(() => UpdatePartyMembershipPayload, { description: 'Changes a party membership (status, branch, dates).' })
  async updatePartyMembership(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: UpdatePartyMembershipInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'partyMembership', PartyMembershipSpec, await membershipService.update(ctx, input));
  }

  @Mutation(() => EndPartyMembershipPayload, { description: 'Ends a party membership; the history keeps it.' })
  async endPartyMembership(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: EndPartyMembershipInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'partyMembership', PartyMembershipSpec, await membershipService.end(ctx, input));
  }
}
