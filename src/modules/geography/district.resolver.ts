import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { payloadOf } from '../../core/graphql/payload';
import { connection, related, rootConnection } from '../../core/graphql/relations';
import { ArchivablePageArgs } from '../../core/pagination/page-args';
import { CommunitySpec } from './community.loaders';
import { districtService } from './district.service';
import { DistrictSpec, type DistrictRow } from './district.loaders';
import {
  CreateDistrictInput,
  CreateDistrictPayload,
  CreateStreetInput,
  CreateStreetPayload,
  UpdateDistrictInput,
  UpdateDistrictPayload,
  UpdateStreetInput,
  UpdateStreetPayload,
} from './district.inputs';
import { CommunityConnection, DistrictConnection, DistrictType, StreetConnection, StreetType } from './geography.types';
import { StreetSpec, type StreetRow } from './street.loaders';

@Resolver(() => DistrictType)
export class DistrictResolver {
  @Query(() => DistrictConnection, { description: 'Districts, in the order they were created.' })
  districts(@Args() args: ArchivablePageArgs, @Ctx() ctx: RequestContext) {
    return rootConnection(ctx, DistrictConnection, DistrictSpec, args, undefined, args.archived);
  }

  @FieldResolver(() => StreetConnection, { description: 'Its street offices.' })
  streets(@Root() district: DistrictRow, @Args() args: ArchivablePageArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return connection(ctx, info, StreetConnection, StreetSpec, 'district_id', district.pk, args);
  }

  @FieldResolver(() => CommunityConnection, { description: 'Its communities.' })
  communities(
    @Root() district: DistrictRow,
    @Args() args: ArchivablePageArgs,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return connection(ctx, info, CommunityConnection, CommunitySpec, 'district_id', district.pk, args);
  }

  @Mutation(() => CreateDistrictPayload, { description: 'Adds a district (区); platform administrators.' })
  async createDistrict(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: CreateDistrictInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'district', DistrictSpec, await districtService.createDistrict(ctx, input));
  }

  @Mutation(() => UpdateDistrictPayload, { description: "Changes a district's name or city." })
  async updateDistrict(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: UpdateDistrictInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'district', DistrictSpec, await districtService.updateDistrict(ctx, input));
  }
}

@Resolver(() => StreetType)
export class StreetResolver {
  @FieldResolver(() => DistrictType, { description: 'Its district.' })
  district(@Root() street: StreetRow, @Ctx() ctx: RequestContext) {
    return related(ctx, DistrictSpec, street.districtId);
  }

  @FieldResolver(() => CommunityConnection, { description: 'Its communities.' })
  communities(@Root() street: StreetRow, @Args() args: ArchivablePageArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return connection(ctx, info, CommunityConnection, CommunitySpec, 'street_id', street.pk, args);
  }

  @Mutation(() => CreateStreetPayload, { description: 'Adds a street office (街道) under a district.' })
  async createStreet(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: CreateStreetInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'street', StreetSpec, await districtService.createStreet(ctx, input));
  }

  @Mutation(() => UpdateStreetPayload, { description: "Changes a street office's name." })
  async updateStreet(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: UpdateStreetInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'street', StreetSpec, await districtService.updateStreet(ctx, input));
  }
}
