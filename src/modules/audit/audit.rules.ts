import { chain } from 'graphql-shield';
import { Capability } from '../../core/auth/capabilities';
import { can, reachesCommunity } from '../../core/auth/principal';
import { NotFoundError } from '../../core/errors/errors';
import { decodeGlobalId } from '../../core/ids/global-id';
import { NODE_FIELDS, connection, fields } from '../../core/permissions/fields';
import { allow, authenticated, PLATFORM, predicate, refusal, type PermissionPart } from '../../core/permissions/rules';
import { CommunitySpec } from '../geography/community.loaders';

/** Audit entries are reached only through auditEntries, whose rule needs READ_AUDIT. */
const readsOfCommunity = predicate(
  'query:personalDataReads',
  'READ_AUDIT over the community (its administrators): the log of who was shown whose personal data',
  async (args, ctx) => {
    const decoded = typeof args.communityId === 'string' ? decodeGlobalId(args.communityId) : undefined;
    if (!decoded || decoded.type !== 'Community' || !reachesCommunity(ctx.principal, decoded.pk))
      return new NotFoundError('Community', { argument: 'communityId' });
    const community = await ctx.loaders.node(CommunitySpec).load(decoded.pk);
    if (!community) return new NotFoundError('Community', { argument: 'communityId' });
    return can(ctx.principal, Capability.READ_AUDIT, community) ? true : refusal(ctx, Capability.READ_AUDIT);
  },
);

export const auditRules: PermissionPart = {
  Query: {
    personalDataReads: chain(authenticated, readsOfCommunity),
    auditEntries: chain(
      authenticated,
      predicate('query:auditEntries', 'READ_AUDIT over the community (all communities: over the platform)', async (args, ctx) => {
        const decoded = typeof args.communityId === 'string' ? decodeGlobalId(args.communityId) : undefined;
        if (!args.communityId) return can(ctx.principal, Capability.READ_AUDIT, PLATFORM) ? true : refusal(ctx, Capability.READ_AUDIT);
        if (!decoded || decoded.type !== 'Community' || !reachesCommunity(ctx.principal, decoded.pk))
          return new NotFoundError('Community', { argument: 'communityId' });
        const community = await ctx.loaders.node(CommunitySpec).load(decoded.pk);
        if (!community) return new NotFoundError('Community', { argument: 'communityId' });
        return can(ctx.principal, Capability.READ_AUDIT, community) ? true : refusal(ctx, Capability.READ_AUDIT);
      }),
    ),
  },
  AuditEntry: {
    ...NODE_FIELDS,
    ...fields(
      allow,
      'occurredAt',
      'action',
      'entity',
      'entityId',
      'operation',
      'actorLabel',
      'actorUser',
      'requestId',
      'clientRequestId',
      'changes',
    ),
  },
  ...connection('AuditEntry'),
  PersonalDataRead: {
    ...fields(
      allow,
      'readAt',
      'readerKind',
      'readerLabel',
      'reader',
      'readerServiceAccount',
      'subjectType',
      'subjectId',
      'field',
      'dataOf',
      'requestId',
    ),
  },
  ...connection('PersonalDataRead'),
};
