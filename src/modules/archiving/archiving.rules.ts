import { chain } from 'graphql-shield';
import { can, reachesCommunity } from '../../core/auth/principal';
import { archivableType } from '../../core/archiving/registry';
import { BadUserInputError, NotFoundError } from '../../core/errors/errors';
import { decodeGlobalId } from '../../core/ids/global-id';
import { fields } from '../../core/permissions/fields';
import { allow, authenticated, predicate, refusal, type PermissionPart } from '../../core/permissions/rules';
import { anyRowOf, inputOf } from '../../core/permissions/targets';

/** Archiving and restoring need the capability the owning module declares for that kind of object. */
const archiveRule = (name: string) =>
  chain(
    authenticated,
    predicate(
      `archiving:${name}`,
      'the capability that changes the type of input.id (declared with the archivable type: organization WRITE_ORGANIZATION, places WRITE_PLACES, persons WRITE_PEOPLE) over the object',
      async (args, ctx) => {
        const id = inputOf(args).id;
        const decoded = typeof id === 'string' ? decodeGlobalId(id) : undefined;
        if (!decoded) return new BadUserInputError('input.id is not a valid ID', { field: ['input', 'id'] });
        // Fails closed: a type that is not archived names nothing that can be.
        const type = archivableType(decoded.type);
        if (!type) return new NotFoundError('object', { reason: 'reference' });
        const row = await anyRowOf(ctx, id);
        if (!row || (row.communityId && !reachesCommunity(ctx.principal, row.communityId)))
          return new NotFoundError('object', { reason: 'reference' });
        return can(ctx.principal, type.capability, row) ? true : refusal(ctx, type.capability);
      },
    ),
  );

export const archivingRules: PermissionPart = {
  Mutation: {
    archiveNode: archiveRule('archiveNode'),
    restoreNode: archiveRule('restoreNode'),
  },
  ArchiveNodePayload: fields(allow, 'node', 'userErrors'),
  RestoreNodePayload: fields(allow, 'node', 'userErrors'),
};
