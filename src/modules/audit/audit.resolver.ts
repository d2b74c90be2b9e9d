import { Args, ArgsType, Ctx, Field, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { JSONObjectResolver } from 'graphql-scalars';
import type { RequestContext } from '../../context';
import { Node } from '../../core/graphql/node';
import { NodeFields } from '../../core/graphql/node-fields';
import { allOf, related, rootConnection } from '../../core/graphql/relations';
import { DateTimeScalar } from '../../core/graphql/scalars';
import { toGlobalId, pkOf } from '../../core/ids/global-id';
import { ConnectionType } from '../../core/pagination/connection';
import { PageArgs } from '../../core/pagination/page-args';
import { UserSpec } from '../identity/identity.loaders';
import { UserType } from '../identity/identity.types';
import { AuditEntrySpec, type AuditEntryRow } from './audit.loaders';

@ObjectType('AuditEntry', {
  implements: Node,
  simpleResolvers: true,
  description: 'One changed object of one mutation: who, what, when, and the changed fields before and after.',
})
export class AuditEntryType extends NodeFields {
  @Field(() => DateTimeScalar, { description: 'When the change was committed.' })
  occurredAt!: string;

  @Field({ description: 'The mutation, e.g. graduateCompound.' })
  action!: string;

  @Field({ description: 'The kind of object changed, e.g. Compound.' })
  entity!: string;

  @Field({ description: 'CREATE, UPDATE or DELETE; DENIED for a failed sign-in (action login).' })
  operation!: string;

  @Field({ description: 'Login of the user, or service:<name>.' })
  actorLabel!: string;

  @Field({ description: 'The request, as in the x-request-id header and the server log (the server names it).' })
  requestId!: string;

  @Field(() => String, { nullable: true, description: 'The id the client sent as x-request-id, if any.' })
  clientRequestId!: string | null;

  @Field(() => JSONObjectResolver, { description: '{ field: { before, after } } for each changed field.' })
  changes!: Record<string, unknown>;
}

export const AuditEntryConnection = ConnectionType<AuditEntryRow>(AuditEntryType, 'AuditEntry');

@ArgsType()
class AuditEntriesArgs extends PageArgs {
  @Field(() => ID, {
    nullable: true,
    description: 'The community whose log to read; omit for the whole platform (platform administrators).',
  })
  communityId?: string | null;

  @Field(() => String, { nullable: true, description: 'Only changes to this kind of object, e.g. Compound.' })
  entity?: string | null;
}

@Resolver(() => AuditEntryType)
export class AuditResolver {
  @Query(() => AuditEntryConnection, { description: 'The audit log, oldest first (use last: n for the newest).' })
  auditEntries(@Args() args: AuditEntriesArgs, @Ctx() ctx: RequestContext) {
    const community = args.communityId
      ? { key: `c${args.communityId}`, sql: 't.community_id = $1', params: [pkOf(args.communityId, 'Community', 'communityId') ?? 0] }
      : undefined;
    const entity = args.entity ? { key: `e${args.entity}`, sql: 't.entity = $1', params: [args.entity] } : undefined;
    const filter = allOf(community, entity);
    return rootConnection(ctx, AuditEntryConnection, AuditEntrySpec, args, filter);
  }

  @FieldResolver(() => ID, { nullable: true, description: 'The global ID of the object changed.' })
  entityId(@Root() entry: AuditEntryRow): string | null {
    return entry.entityId === null ? null : toGlobalId(entry.entity === 'UserAccount' ? 'User' : entry.entity, entry.entityId);
  }

  @FieldResolver(() => UserType, {
    description: 'The login that made the change; null for service accounts and the system.',
    nullable: true,
  })
  actorUser(@Root() entry: AuditEntryRow, @Ctx() ctx: RequestContext) {
    return related(ctx, UserSpec, entry.actorUserId);
  }
}
