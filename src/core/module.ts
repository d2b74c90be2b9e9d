import type { ArchivingDeclarations } from './archiving/registry';
import type { DutyOfCare, PersonalField } from './auth/personal-data';
import type { Subscription } from './events';
import type { DocumentPath } from './http/documents';
import type { JobDefinition } from './jobs/job';
import type { PermissionPart } from './permissions/rules';
import type { UserErrorCodes } from './validation/user-error';

/**
 * What a module tells the platform about itself. The core knows no module: the module list (index.ts of the modules folder)
 * lists the manifests, and the platform (src/platform.ts) assembles the schema, the permission
 * tree, the ORM's entities, the user-error codes and the rest from them.
 */
export interface ModuleManifest {
  /** The folder's name. */
  name: string;
  /** Its MikroORM entities (and mappings it adds to entities of modules below, imported for their effect). */
  entities?: readonly object[];
  /** Its type-graphql resolvers, including those that add fields to other modules' types. */
  resolvers?: readonly Function[];
  /** Its part of the one permission tree: Query, Mutation and object types, field by field. */
  permissions?: PermissionPart;
  /** The user-error codes it refuses input with, each with what it means. */
  userErrors?: { readonly descriptions: UserErrorCodes };
  /** Its reactions to other modules' domain events. */
  subscriptions?: readonly Subscription[];
  /** Personal-data fields of its types and what callers without a duty of care get. */
  personalData?: readonly PersonalField[];
  /** Who holds a duty of care for sensitive personal data, as this module knows it (a care link). */
  dutiesOfCare?: readonly DutyOfCare[];
  /** Its archivable types, and what archiving types below it must respect. */
  archiving?: ArchivingDeclarations;
  /** Its job handlers (work scheduled for later, run by the platform's job queue). */
  jobs?: readonly JobDefinition<never>[];
  /** GET paths it serves printable documents at, each rendered from a fixed GraphQL query. */
  documents?: readonly DocumentPath[];
  /**
   * Fields whose answers may be slightly stale (`Type.field`: figures, reports, dashboard lists): a
   * query of these alone may be read from a replica (docs/operations.md, "Read replicas").
   */
  staleReads?: readonly string[];
}

export function defineModule(manifest: ModuleManifest): ModuleManifest {
  return manifest;
}
