import { defineModule } from '../../core/module';
import { AuditResolver } from './audit.resolver';
import { auditRules } from './audit.rules';
import { PersonalDataReadResolver } from './personal-reads.resolver';

/** Reading the audit log and the personal-data read log (recording them is the core's). */
export const auditModule = defineModule({
  name: 'audit',
  resolvers: [AuditResolver, PersonalDataReadResolver],
  permissions: auditRules,
});
