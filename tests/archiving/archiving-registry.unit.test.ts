import type { ActiveChildren, ArchivingDeclarations, ParentLink } from '../../src/core/archiving/registry';
import { modules } from '../../src/modules';

/*
 * Archiving and restoring are declared apart: "X keeps its children in table T by column C" stops
 * archiving X, and "T's row comes back only under an active X" stops restoring. Declared one-sided,
 * a row can be restored under a parent that is archived (a person without a household under an
 * archived community): every archivable child must name its parent back. (The other way round is
 * not required: a community's committee comes back only under an active community, yet is made and
 * kept with it and does not stop the community being archived.)
 */
describe('archiving declarations', () => {
  const declarations: ArchivingDeclarations[] = modules.flatMap((m) => (m.archiving ? [m.archiving] : []));
  const types = declarations.flatMap((d) => d.types ?? []);
  const typeOfTable = new Map(types.map((t) => [t.table, t.type]));
  const tableOfType = new Map(types.map((t) => [t.type, t.table]));
  const children: ActiveChildren[] = declarations.flatMap((d) => d.children ?? []);
  const parents: ParentLink[] = declarations.flatMap((d) => d.parents ?? []);

  it('has a parent link for every archivable child that keeps its parent from being archived', () => {
    const missing = children
      .filter((c) => !c.notArchivable && typeOfTable.has(c.table))
      .filter((c) => !parents.some((p) => p.of === typeOfTable.get(c.table) && p.table === tableOfType.get(c.of) && p.column === c.column))
      .map((c) => `${typeOfTable.get(c.table)} under ${c.of} (${c.table}.${c.column})`);
    expect(missing).toEqual([]);
  });
});
