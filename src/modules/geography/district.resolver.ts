import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { payloadOf } from '../../core/graphql/payload';
import { connection, related } from '../../core/graphql/relations';
import { ArchivablePageArgs, pageRequest } from '../../core/pagination/page-args';
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
    const page = pageRequest(args);
    return new DistrictConnection(
      () => ctx.loaders.rootPage(DistrictSpec, page, args.archived),
      () => ctx.loaders.rootCount(DistrictSpec, args.archived),
    );
  }

  @FieldResolver(() => StreetConnection)
  streets(@Root() district: DistrictRow, @Args() args: ArchivablePageArgs, @Ctx() ctx: RequestContext) {
    return connection(ctx, StreetConnection, StreetSpec, 'district_id', district.pk, args);
  }

  @FieldResolver(() => CommunityConnection)
  communities(@Root() district: DistrictRow, @Args() args: ArchivablePageArgs, @Ctx() ctx: RequestContext) {
    return connection(ctx, CommunityConnection, CommunitySpec, 'district_id', district.pk, args);
  }

  @Mutation(() => CreateDistrictPayload)
  async createDistrict(@Arg('input') input: CreateDistrictInput, @Ctx() ctx: RequestContext) {
    return payloadOf(ctx, 'district', DistrictSpec, await districtService.createDistrict(ctx, input));
  }

  @Mutation(() => UpdateDistrictPayload)
  async updateDistrict(@Arg('input') input: UpdateDistrictInput, @Ctx() ctx: RequestContext) {
    return payloadOf(ctx, 'district', DistrictSpec, await districtService.updateDistrict(ctx, input));
  }
}

@Resolver(() => StreetType)
export class StreetResolver {
  @FieldResolver(() => DistrictType)
  district(@Root() street: StreetRow, @Ctx() ctx: RequestContext) {
    return related(ctx, DistrictSpec, street.districtId);
  }

  @FieldResolver(() => CommunityConnection)
  communities(@Root() street: StreetRow, @Args() args: ArchivablePageArgs, @Ctx() ctx: RequestContext) {
    return connection(ctx, CommunityConnection, CommunitySpec, 'street_id', street.pk, args);
  }

  @Mutation(() => CreateStreetPayload)
  async createStreet(@Arg('input') input: CreateStreetInput, @Ctx() ctx: RequestContext) {
    return payloadOf(ctx, 'street', StreetSpec, await districtService.createStreet(ctx, input));
  }

  @Mutation(() => UpdateStreetPayload)
  async updateStreet(@Arg('input') input: UpdateStreetInput, @Ctx() ctx: RequestContext) {
    return payloadOf(ctx, 'street', StreetSpec, await districtService.updateStreet(ctx, input));
  }
}
