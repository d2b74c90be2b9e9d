import type { ShieldRule as IRule } from '../../core/permissions/rules';
import { NODE_FIELDS, connection, fields } from '../../core/permissions/fields';
import { allow } from '../../core/permissions/rules';

/** Audit entries are reached only through auditEntries, whose rule needs READ_AUDIT. */
export const auditRules: Record<string, Record<string, IRule>> = {
  AuditEntry: { ...NODE_FIELDS, ...fields(allow, 'occurredAt', 'action', 'entity', 'entityId', 'operation', 'actorLabel', 'actorUser', 'requestId', 'changes') },
  ...connection('AuditEntry'),
};
