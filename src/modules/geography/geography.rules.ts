import { Capability } from '../../core/auth/capabilities';
import { reachesCommunity } from '../../core/auth/principal';
import { NotFoundError } from '../../core/errors/errors';
import { decodeGlobalId } from '../../core/ids/global-id';
import { ARCHIVABLE_NODE_FIELDS, connection, fields, payload } from '../../core/permissions/fields';
import { allow, authenticated, below, mutation, PLATFORM, predicate, type PermissionPart } from '../../core/permissions/rules';
import { field, fixed } from '../../core/permissions/targets';
import { chain } from 'graphql-shield';
import { CommunitySpec } from './community.loaders';
import { DistrictSpec } from './district.loaders';
import { StreetSpec } from './street.loaders';

const { READ_STRUCTURE, WRITE_ORGANIZATION } = Capability;

/** Who may see and change districts, streets and communities. */
export const geographyRules: PermissionPart = {
  Query: {
    // Public: the names of districts and streets are the map everyone starts from.
    districts: allow,
    // Lists and lookups of communities answer from the caller's communities only (and row-level
    // security holds the same line).
    communities: authenticated,
    community: chain(
      authenticated,
      predicate('query:community', "the community is one of the caller's (else NOT_FOUND)", (args, ctx) => {
        const decoded = typeof args.id === 'string' ? decodeGlobalId(args.id) : undefined;
        if (!decoded || decoded.type !== 'Community') return true;
        return reachesCommunity(ctx.principal, decoded.pk) ? true : new NotFoundError('Community', { argument: 'id' });
      }),
    ),
  },
  Mutation: {
    createDistrict: mutation('createDistrict', WRITE_ORGANIZATION, fixed(PLATFORM, 'the platform')),
    updateDistrict: mutation('updateDistrict', WRITE_ORGANIZATION, field(DistrictSpec, 'id')),
    createStreet: mutation('createStreet', WRITE_ORGANIZATION, field(DistrictSpec, 'districtId')),
    updateStreet: mutation('updateStreet', WRITE_ORGANIZATION, field(StreetSpec, 'id')),
    createCommunity: mutation('createCommunity', WRITE_ORGANIZATION, field(StreetSpec, 'streetId')),
    updateCommunity: mutation('updateCommunity', WRITE_ORGANIZATION, field(CommunitySpec, 'id')),
  },
  District: { ...ARCHIVABLE_NODE_FIELDS, ...fields(allow, 'name', 'city', 'streets'), communities: below(READ_STRUCTURE) },
  Street: { ...ARCHIVABLE_NODE_FIELDS, ...fields(allow, 'name', 'district'), communities: below(READ_STRUCTURE) },
  Community: { ...ARCHIVABLE_NODE_FIELDS, ...fields(allow, 'name', 'areaKm2', 'registeredResidents', 'district', 'street') },
  ...connection('District'),
  ...connection('Street'),
  ...connection('Community'),
  ...payload('CreateDistrictPayload', 'district'),
  ...payload('UpdateDistrictPayload', 'district'),
  ...payload('CreateStreetPayload', 'street'),
  ...payload('UpdateStreetPayload', 'street'),
  ...payload('CreateCommunityPayload', 'community'),
  ...payload('UpdateCommunityPayload', 'community'),
};
