import { Arg, Ctx, Extensions, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, type ClassType } from 'type-graphql';
import type { RequestContext } from '../../context';
import type { NodeRow } from '../../core/data/node-spec';
import { Node, nodeSpecFor } from '../../core/graphql/node';
import { payloadOf } from '../../core/graphql/payload';
import { CommunityType, DistrictType, StreetType } from '../geography/geography.types';
import { ServiceAccountSpec, type ServiceAccountRow } from '../identity/identity.loaders';
import { ServiceAccountType } from '../identity/identity.types';
import { PersonType } from '../people/people.types';
import { BuildingType, CompoundType, HouseholdType, UnitType } from '../places/places.types';
import { EXTERNAL_NODE, ExternalNodeType } from './integration.enums';
import {
  BindServiceAccountSystemInput,
  BindServiceAccountSystemPayload,
  SetExternalIdInput,
  SetExternalIdPayload,
  UnbindServiceAccountSystemInput,
  UnbindServiceAccountSystemPayload,
} from './integration.inputs';
import { communityPkOf, externalIdsOf, findPersonByIdNumber, nodeByExternalKey, systemsOfAccount } from './integration.loaders';
import { PersonSpec } from '../people/person.loaders';
import { externalIdService } from './integration.service';
import { ExternalIdType } from './integration.types';
import { ChangeFeedType, MAX_CHANGES, readChanges } from './change-feed';
import { DateTimeScalar } from '../../core/graphql/scalars';
import { LOOKUP_BY_SECRET } from '../../core/limits/query-cost';

/** `externalIds` on a type that a city system also knows (one resolver class per type: type-graphql binds a class to one type). */
function externalIdsResolver(type: ClassType, kind: ExternalNodeType): ClassType {
  @Resolver(() => type)
  class ExternalIdsResolver {
    @FieldResolver(() => [ExternalIdType], { description: 'What city systems call this object: its ID in each source system.' })
    externalIds(@Root() row: NodeRow, @Ctx() ctx: RequestContext) {
      return externalIdsOf(ctx, kind, row.pk);
    }
  }
  Object.defineProperty(ExternalIdsResolver, 'name', { value: `${EXTERNAL_NODE[kind].type}ExternalIdsResolver` });
  return ExternalIdsResolver;
}

export const externalIdsResolvers: ClassType[] = [
  externalIdsResolver(DistrictType, ExternalNodeType.DISTRICT),
  externalIdsResolver(StreetType, ExternalNodeType.STREET),
  externalIdsResolver(CommunityType, ExternalNodeType.COMMUNITY),
  externalIdsResolver(CompoundType, ExternalNodeType.COMPOUND),
  externalIdsResolver(BuildingType, ExternalNodeType.BUILDING),
  externalIdsResolver(UnitType, ExternalNodeType.UNIT),
  externalIdsResolver(HouseholdType, ExternalNodeType.HOUSEHOLD),
  externalIdsResolver(PersonType, ExternalNodeType.PERSON),
];

@Resolver()
export class ExternalIdResolver {
  @Query(() => Node, {
    nullable: true,
    description: 'The object a source system knows by `id`, among your communities; null when there is none you may see.',
  })
  async nodeByExternalId(
    @Arg('system', { description: 'The source system, e.g. taiyuan-population.' }) system: string,
    @Arg('type', () => ExternalNodeType, { description: 'The kind of object.' }) type: ExternalNodeType,
    @Arg('id', { description: "The object's ID in that system." }) id: string,
    @Arg('communityId', () => ID, {
      nullable: true,
      description: 'Needed only when the same external ID names objects in several of your communities.',
    })
    communityId: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    const pk = await nodeByExternalKey(ctx, { system, kind: type, id, communityId: communityPkOf(communityId) });
    return pk === null ? null : ctx.loaders.node(nodeSpecFor(EXTERNAL_NODE[type].type)!).load(pk);
  }

  @Query(() => PersonType, {
    nullable: true,
    description:
      'The person with this identity card number, matched by its blind index, among the persons whose numbers you may read plain (READ_PERSONAL_DATA) or write (WRITE_PEOPLE: a register’s INTEGRATION account, which gets the number back as null); FORBIDDEN for anyone else. Null when there is none. Each call costs a page (100 points) of the query budget, found or not.',
  })
  // Each answer tells whether a guessed number is on record: every call is priced as a page.
  @Extensions(LOOKUP_BY_SECRET)
  async personByIdNumber(
    @Arg('idNumber', { description: 'Resident identity card number (18 characters: 17 digits and a digit or X).' }) idNumber: string,
    @Arg('communityId', () => ID, {
      nullable: true,
      description: 'Needed only when the number is on record in several of your communities.',
    })
    communityId: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    const pk = await findPersonByIdNumber(ctx, idNumber, communityId);
    return pk === null ? null : ctx.loaders.node(PersonSpec).load(pk);
  }

  @Query(() => ChangeFeedType, {
    description:
      'What changed in a community after a cursor (oldest first): compounds, buildings, units, households, persons and the community itself. For callers who read the whole community (INTEGRATION, its admin).',
  })
  changes(
    @Arg('communityId', () => ID, { description: 'The community whose changes to read.' }) communityId: string,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page; none: from the beginning.' })
    after: string | null,
    @Arg('first', () => Int, { defaultValue: 100, description: `At most this many changes (1 to ${MAX_CHANGES}).` }) first: number,
    @Arg('since', () => DateTimeScalar, {
      nullable: true,
      description:
        'Without `after`: start with the changes recorded at or after this time (within the retention, CHANGE_FEED_RETENTION_DAYS). Without either: the oldest change retained.',
    })
    since: Date | null,
    @Ctx() ctx: RequestContext,
  ) {
    return readChanges(ctx, communityPkOf(communityId)!, after, first, since);
  }

  @Mutation(() => SetExternalIdPayload, {
    description: "Records an object's ID in a source system (a service account: only for systems it is bound to).",
  })
  async setExternalId(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: SetExternalIdInput,
    @Ctx() ctx: RequestContext,
  ) {
    const outcome = await externalIdService.set(ctx, input);
    const node = outcome.value ? await ctx.loaders.node(nodeSpecFor(outcome.value.type)!).load(outcome.value.pk) : null;
    return { node, userErrors: outcome.userErrors };
  }
}

@Resolver(() => ServiceAccountType)
export class ServiceAccountSystemsResolver {
  @FieldResolver(() => [String], { description: 'The source systems whose external IDs the account may write.' })
  systems(@Root() account: ServiceAccountRow, @Ctx() ctx: RequestContext) {
    return systemsOfAccount(ctx, account.pk);
  }

  @Mutation(() => BindServiceAccountSystemPayload, { description: 'Lets a service account write the external IDs of a source system.' })
  async bindServiceAccountSystem(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: BindServiceAccountSystemInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'serviceAccount', ServiceAccountSpec, await externalIdService.bind(ctx, input));
  }

  @Mutation(() => UnbindServiceAccountSystemPayload, { description: 'Ends a service account’s binding to a source system.' })
  async unbindServiceAccountSystem(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: UnbindServiceAccountSystemInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'serviceAccount', ServiceAccountSpec, await externalIdService.unbind(ctx, input));
  }
}
