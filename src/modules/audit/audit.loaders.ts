import { Capability } from '../../core/auth/capabilities';
import { defineNode, type NodeRow } from '../../core/data/node-spec';
import { registerNodeSpec } from '../../core/graphql/node';

export interface AuditEntryRow extends NodeRow {
  occurredAt: string;
  communityId: number | null;
  requestId: string;
  clientRequestId: string | null;
  actorUserId: number | null;
  actorLabel: string;
  action: string;
  entity: string;
  entityId: number | null;
  operation: string;
  changes: Record<string, unknown>;
  path: string | null;
}

export const AuditEntrySpec = registerNodeSpec(
  defineNode<AuditEntryRow>({
    type: 'AuditEntry',
    table: 'audit_entry',
    archivable: false,
    columns: {
      createdAt: 't.occurred_at',
      updatedAt: 't.occurred_at',
      archivedAt: 'null::timestamptz',
      occurredAt: 't.occurred_at',
      communityId: 't.community_id',
      requestId: 't.request_id',
      clientRequestId: 't.client_request_id',
      actorUserId: 't.actor_user_id',
      actorLabel: 't.actor_label',
      action: 't.action',
      entity: 't.entity',
      entityId: 't.entity_id',
      operation: 't.operation',
      changes: 't.changes',
      path: '(select c.path::text from community c where c.id = t.community_id)',
    },
    convert: (row) => {
      row.pk = Number(row.pk);
    },
  }),
  Capability.READ_AUDIT,
);
