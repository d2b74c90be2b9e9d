import type { EntityName } from '@mikro-orm/core';
import type { Capability } from '../auth/capabilities';
import type { ArchivableEntity } from '../database/base.entity';

/*
 * What archiving must respect, declared by the modules: each declares its own archivable types,
 * and anyone may add "X keeps its children" or "X comes back only under an active parent" for a
 * type of a module below it (the organization adds the branch a compound sits under). Archiving is
 * soft and never cascades: a node with active children stays until they are archived or moved.
 */

export interface ArchivableTypeDeclaration {
  /** The GraphQL type name, e.g. Compound. */
  type: string;
  entity: EntityName<ArchivableEntity>;
  table: string;
  /** What archiving or restoring one needs over it (the capability that changes that kind of object). */
  capability: Capability;
}

/** Children that must be archived (or ended, or moved) before `of` can be archived. */
export interface ActiveChildren {
  of: string;
  table: string;
  column: string;
  /** Plural noun for the message, e.g. "buildings". */
  label: string;
  /** What makes a child active, beyond `archived_at is null`. */
  active?: string;
  /** The child table has no archived_at (memberships, duties): only `active` counts. */
  notArchivable?: boolean;
}

/** A parent that must be active for `of` to be restored. */
export interface ParentLink {
  of: string;
  table: string;
  column: string;
  label: string;
}

export interface ArchivingDeclarations {
  types?: readonly ArchivableTypeDeclaration[];
  children?: readonly ActiveChildren[];
  parents?: readonly ParentLink[];
}

export interface ArchivableType extends ArchivableTypeDeclaration {
  children: ActiveChildren[];
  parents: ParentLink[];
}

const types = new Map<string, ArchivableType>();

/** Installs the assembled declarations (once per process). */
export function installArchiving(declarations: readonly ArchivingDeclarations[]): void {
  types.clear();
  for (const d of declarations) for (const t of d.types ?? []) types.set(t.type, { ...t, children: [], parents: [] });
  for (const d of declarations) {
    for (const c of d.children ?? []) archivable(c.of).children.push(c);
    for (const p of d.parents ?? []) archivable(p.of).parents.push(p);
  }
}

function archivable(type: string): ArchivableType {
  const found = types.get(type);
  if (!found) throw new Error(`archiving: ${type} is not declared archivable by any module`);
  return found;
}

/** The archivable type of a GraphQL type name, if it is one. */
export function archivableType(type: string): ArchivableType | undefined {
  return types.get(type);
}

/** Every archivable type (for documentation and tests). */
export function archivableTypes(): ArchivableType[] {
  return [...types.values()];
}
