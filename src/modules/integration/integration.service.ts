import { ref } from '@mikro-orm/core';
import type { RequestContext } from '../../context';
import { registerUniqueConstraint } from '../../core/graphql/constraints';
import { findByGlobalId } from '../../core/graphql/lookup';
import { mutate, type MutationOutcome } from '../../core/graphql/mutation';
import { nodeSpecFor } from '../../core/graphql/node';
import { decodeGlobalId } from '../../core/ids/global-id';
import { BadUserInputError, NotFoundError } from '../../core/errors/errors';
import { UserErrorCode, refuse } from '../../core/validation/user-error';
import { Community } from '../geography/community.entity';
import { ServiceAccount } from '../identity/service-account.entity';
import { ExternalId } from './external-id.entity';
import { EXTERNAL_NODE, externalNodeTypeOf, type ExternalNodeType } from './integration.enums';
import type { BindServiceAccountSystemInput, SetExternalIdInput, UnbindServiceAccountSystemInput } from './integration.inputs';
import { ServiceAccountSystem } from './service-account-system.entity';

registerUniqueConstraint('external_id_unique', 'id', 'Another object of this kind already carries this ID in that system');
registerUniqueConstraint('service_account_system_active_unique', 'system', 'The service account is already bound to this system');

/** The kind and key of a node that can carry external IDs, from its global ID. */
export function externalNodeOf(globalId: string, field: string): { kind: ExternalNodeType; type: string; pk: number } {
  const decoded = decodeGlobalId(globalId);
  const kind = decoded && externalNodeTypeOf(decoded.type);
  if (!decoded || !kind)
    throw new BadUserInputError(`input.${field} names an object that carries no external IDs`, { field: ['input', field] });
  return { kind, type: decoded.type, pk: decoded.pk };
}

/** External IDs and the systems service accounts speak for. */
export const externalIdService = {
  /** Records a node's ID in a system, replacing the one it had there. */
  set(ctx: RequestContext, input: SetExternalIdInput): Promise<MutationOutcome<{ type: string; pk: number }>> {
    return mutate(ctx, input, async (em) => {
      const node = externalNodeOf(input.nodeId, 'nodeId');
      const spec = nodeSpecFor(EXTERNAL_NODE[node.kind].type)!;
      const row = (await ctx.loaders.node(spec).load(node.pk)) as { communityId?: number | null } | null;
      if (!row) throw new NotFoundError('object', { field: 'nodeId' });
      const existing = await em.findOne(ExternalId, { nodeType: node.kind, nodeId: node.pk, system: input.system });
      if (existing) existing.externalId = input.id;
      else {
        // The trigger derives the community too; it is set here so the audit entry carries it.
        em.create(ExternalId, {
          community: row.communityId ? em.getReference(Community, row.communityId, { wrapped: true }) : null,
          system: input.system,
          nodeType: node.kind,
          nodeId: node.pk,
          externalId: input.id,
        });
      }
      await em.flush();
      return { type: node.type, pk: node.pk };
    });
  },

  bind(ctx: RequestContext, input: BindServiceAccountSystemInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const account = await findByGlobalId(em, ServiceAccount, 'ServiceAccount', input.serviceAccountId, 'serviceAccountId');
      const live = await em.count(ServiceAccountSystem, { serviceAccount: account.id, system: input.system, revokedAt: null });
      if (live) refuse('system', UserErrorCode.ALREADY_GRANTED, 'The service account is already bound to this system');
      em.create(ServiceAccountSystem, { serviceAccount: ref(account), community: account.community ?? null, system: input.system });
      await em.flush();
      return account.id;
    });
  },

  unbind(ctx: RequestContext, input: UnbindServiceAccountSystemInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const account = await findByGlobalId(em, ServiceAccount, 'ServiceAccount', input.serviceAccountId, 'serviceAccountId');
      const live = await em.findOne(ServiceAccountSystem, { serviceAccount: account.id, system: input.system, revokedAt: null });
      if (!live) refuse('system', UserErrorCode.ALREADY_ENDED, 'The service account is not bound to this system');
      live.revokedAt = ctx.clock.now();
      await em.flush();
      return account.id;
    });
  },
};
