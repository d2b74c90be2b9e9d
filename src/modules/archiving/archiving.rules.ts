import { Capability } from '../../core/auth/capabilities';
import { can, reachesCommunity } from '../../core/auth/principal';
import { BadUserInputError, NotFoundError } from '../../core/errors/errors';
import { decodeGlobalId } from '../../core/ids/global-id';
import { fields } from '../../core/permissions/fields';
import { allow, authenticated, predicate, refusal, type ShieldRule as IRule } from '../../core/permissions/rules';
import { anyRowOf, inputOf } from '../../core/permissions/targets';
import { chain } from 'graphql-shield';

/** Archiving needs the capability that changes that kind of object. */
const ARCHIVE_CAPABILITY: Readonly<Record<string, Capability>> = {
  District: Capability.WRITE_ORGANIZATION,
  Street: Capability.WRITE_ORGANIZATION,
  Community: Capability.WRITE_ORGANIZATION,
  CommunityCommittee: Capability.WRITE_ORGANIZATION,
  CompoundBranch: Capability.WRITE_ORGANIZATION,
  BuildingGroup: Capability.WRITE_ORGANIZATION,
  Compound: Capability.WRITE_PLACES,
  Building: Capability.WRITE_PLACES,
  Unit: Capability.WRITE_PLACES,
  Household: Capability.WRITE_PLACES,
  Person: Capability.WRITE_PEOPLE,
};

const archiveRule = (name: string) =>
  chain(
    authenticated,
    predicate(
      `archiving:${name}`,
      'the capability that changes the type of input.id (organization: WRITE_ORGANIZATION, places: WRITE_PLACES, persons: WRITE_PEOPLE) over the object',
      async (args, ctx) => {
      const id = inputOf(args).id;
      const decoded = typeof id === 'string' ? decodeGlobalId(id) : undefined;
      if (!decoded) return new BadUserInputError('input.id is not a valid ID', { field: ['input', 'id'] });
      const capability = ARCHIVE_CAPABILITY[decoded.type];
      // Fails closed: a type that is not archived names nothing that can be.
      if (!capability) return new NotFoundError('object', { reason: 'reference' });
      const row = await anyRowOf(ctx, id);
      // Fails closed: what cannot be found (or sits in another community) is NOT_FOUND.
      if (!row || (row.communityId && !reachesCommunity(ctx.principal, row.communityId))) return new NotFoundError('object', { reason: 'reference' });
      return can(ctx.principal, capability, row) ? true : refusal(ctx);
      },
    ),
  );

export const archivingRules: Record<string, Record<string, IRule>> = {
  ArchiveNodePayload: fields(allow, 'node', 'userErrors'),
  RestoreNodePayload: fields(allow, 'node', 'userErrors'),
};

export const archivingMutationRules: Record<string, IRule> = {
  archiveNode: archiveRule('archiveNode'),
  restoreNode: archiveRule('restoreNode'),
};
