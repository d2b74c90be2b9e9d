import { Field, Float, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../core/pagination/connection';
import { ArchivableNodeFields } from '../../core/graphql/node-fields';
import { Node } from '../../core/graphql/node';
import type { CommunityRow } from './community.loaders';
import type { DistrictRow } from './district.loaders';
import type { StreetRow } from './street.loaders';

@ObjectType('District', { implements: Node, simpleResolvers: true, description: '区: a district. Sits above communities; not a tenant.' })
export class DistrictType extends ArchivableNodeFields {
  @Field({ description: 'Its name.' })
  name!: string;

  @Field({ description: 'The city the district belongs to, e.g. 太原市.' })
  city!: string;
}

@ObjectType('Street', { implements: Node, simpleResolvers: true, description: '街道: a sub-district (street) office.' })
export class StreetType extends ArchivableNodeFields {
  @Field({ description: 'Its name.' })
  name!: string;
}

@ObjectType('Community', { implements: Node, simpleResolvers: true, description: '社区: a residential community, the tenant.' })
export class CommunityType extends ArchivableNodeFields {
  @Field({ description: 'Its name.' })
  name!: string;

  @Field(() => Float, { nullable: true, description: 'Area in km², as published.' })
  areaKm2!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Registered residents as published; persons on record are counted by persons.totalCount.',
  })
  registeredResidents!: number | null;
}

export const DistrictConnection = ConnectionType<DistrictRow>(DistrictType, 'District');
export const StreetConnection = ConnectionType<StreetRow>(StreetType, 'Street');
export const CommunityConnection = ConnectionType<CommunityRow>(CommunityType, 'Community');
