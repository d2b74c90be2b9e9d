import { AuditEntry } from '../audit/audit-entry.entity';
import { PersonalDataReadBatch } from '../audit/personal-data-read-batch.entity';

/*
 * The entities the ORM maps: the core's own (the audit log) and every module's, installed by the
 * platform from the manifests. What is registered is what is reviewed: no folder scanning.
 */
const installed: object[] = [];

export function installEntities(entities: readonly object[]): void {
  installed.length = 0;
  installed.push(AuditEntry, PersonalDataReadBatch, ...entities);
}

/** Every entity; refuses to answer before the platform has assembled the modules. */
export function entities(): object[] {
  if (installed.length === 0) throw new Error('no modules are installed: import src/platform before opening the database');
  return [...installed];
}
