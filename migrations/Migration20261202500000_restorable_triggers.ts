import { Migration } from '@mikro-orm/migrations';

/*
 * A pg_dump of the database must restore. pg_restore runs with an empty search_path, and a trigger
 * condition `old.path is distinct from new.path` on ltree columns cannot name its operator's schema
 * (IS DISTINCT FROM takes no OPERATOR(public.=) form), so the restore stopped at the first cascade
 * trigger ("operator does not exist: public.ltree = public.ltree"). The conditions compare the
 * paths as text instead: the same answer (equal ltrees are equal texts), with pg_catalog's operator.
 */
const PATH_ONLY = ['district', 'street', 'community', 'compound_branch', 'building_group'];
const WITH_ORG_PATH = ['compound', 'building', 'unit', 'household'];

function recreate(textCompare: boolean): string {
  const cmp = (column: string) =>
    textCompare ? `old.${column}::text is distinct from new.${column}::text` : `old.${column} is distinct from new.${column}`;
  const statements: string[] = [];
  for (const table of PATH_ONLY) {
    statements.push(
      `drop trigger ${table}_cascade on ${table};`,
      `create trigger ${table}_cascade after update on ${table} for each row when (${cmp('path')}) execute function ${table}_cascade();`,
    );
  }
  for (const table of WITH_ORG_PATH) {
    statements.push(
      `drop trigger ${table}_cascade on ${table};`,
      `create trigger ${table}_cascade after update on ${table} for each row when (${cmp('path')} or ${cmp('org_path')}) execute function ${table}_cascade();`,
    );
  }
  return statements.join('\n');
}

export class Migration20261202500000_restorable_triggers extends Migration {
  override async up(): Promise<void> {
    this.addSql(recreate(true));
  }

  override async down(): Promise<void> {
    this.addSql(recreate(false));
  }
}
