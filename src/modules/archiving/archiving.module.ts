import { defineModule } from '../../core/module';
import { ArchivingResolver } from './archiving.resolver';
import { archivingRules } from './archiving.rules';

/** Archiving and restoring any archivable object the other modules declare. */
export const archivingModule = defineModule({
  name: 'archiving',
  resolvers: [ArchivingResolver],
  permissions: archivingRules,
});
