import { defineModule } from '../../core/module';
import { AuditResolver } from './audit.resolver';
import { auditRules } from './audit.rules';

/** Reading the audit log (recording it is the core's: every mutation writes it). */
export const auditModule = defineModule({
  name: 'audit',
  resolvers: [AuditResolver],
  permissions: auditRules,
});
