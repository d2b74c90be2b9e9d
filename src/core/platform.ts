import { installArchiving } from './archiving/registry';
import { installDutiesOfCare, installPersonalData } from './auth/personal-data';
import { installEntities } from './database/entity-registry';
import type { DocumentPath } from './http/documents';
import { installSubscriptions } from './events';
import { NodeResolver } from './graphql/node.resolver';
import { EnumLabelsResolver, UserErrorMessageResolver } from './i18n/labels.resolver';
import { installJobs, type JobDefinition } from './jobs/job';
import type { ModuleManifest } from './module';
import { buildPermissionTree } from './permissions/tree';
import type { PermissionPart } from './permissions/rules';
import { installUserErrors } from './validation/user-error';

/** What the assembled modules amount to: what the schema build and the permission tree need. */
export interface Platform {
  modules: readonly ModuleManifest[];
  resolvers: Function[];
  permissionTree: PermissionPart;
  /** The modules' document paths, in module order. */
  documents: DocumentPath[];
  /** The stale-tolerant fields the modules declare (core/graphql/stale-reads.ts). */
  staleReads: string[];
}

/**
 * Assembles the modules, once per process: installs their entities, user-error codes, event
 * subscriptions, personal-data fields, archivable types and job handlers into the core's registries, and derives
 * the resolver list and the permission tree. Module names must be unique.
 */
export function assemble(modules: readonly ModuleManifest[]): Platform {
  const names = new Set<string>();
  for (const m of modules) {
    if (names.has(m.name)) throw new Error(`module ${m.name} is listed twice`);
    names.add(m.name);
  }
  installEntities(modules.flatMap((m) => m.entities ?? []));
  for (const m of modules) if (m.userErrors) installUserErrors(m.userErrors.descriptions ?? m.userErrors);
  installSubscriptions(modules.flatMap((m) => m.subscriptions ?? []));
  installPersonalData(modules.flatMap((m) => m.personalData ?? []));
  installDutiesOfCare(modules.flatMap((m) => m.dutiesOfCare ?? []));
  installArchiving(modules.flatMap((m) => (m.archiving ? [m.archiving] : [])));
  installJobs(modules.flatMap((m) => (m.jobs ?? []) as readonly JobDefinition[]));
  return {
    modules,
    resolvers: [NodeResolver, EnumLabelsResolver, UserErrorMessageResolver, ...modules.flatMap((m) => m.resolvers ?? [])],
    permissionTree: buildPermissionTree(modules.flatMap((m) => (m.permissions ? [m.permissions] : []))),
    documents: modules.flatMap((m) => m.documents ?? []),
    staleReads: modules.flatMap((m) => m.staleReads ?? []),
  };
}
