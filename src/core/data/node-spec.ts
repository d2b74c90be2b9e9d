import { toGlobalId } from '../ids/global-id';

/** What every row read for the API carries. */
export interface NodeRow {
  /** Primary key (internal). */
  pk: number;
  /** Global ID (opaque, what clients see). */
  id: string;
  __typename: string;
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
}

export interface TenantRow extends NodeRow {
  communityId: number;
}

/**
 * How one GraphQL node type is read: its table and the SQL expressions of its row properties
 * (table alias `t`). Loaders build every statement from this, so a type's read SQL lives in one place.
 */
export interface NodeSpec<R extends NodeRow> {
  type: string;
  table: string;
  /** Row property → SQL expression over alias `t`; pk, id and __typename are added. */
  columns: Record<Exclude<keyof R, 'pk' | 'id' | '__typename'>, string>;
  archivable: boolean;
  /**
   * For tables without row-level security of their own: a condition over `t` a row must meet to
   * be found by ID at all (e.g. a user whose person the caller cannot see is another community's).
   */
  visible?: string;
  /** Conversions SQL cannot do cheaply (numeric text → number). */
  convert?: (row: R) => void;
  /** The select list, built once. */
  select: string;
  hydrate<T extends R>(rows: T[]): T[];
}

export function defineNode<R extends NodeRow>(def: {
  type: string;
  table: string;
  columns: Record<Exclude<keyof R, 'pk' | 'id' | '__typename'>, string>;
  archivable?: boolean;
  visible?: string;
  convert?: (row: R) => void;
}): NodeSpec<R> {
  // `id` and `__typename` are set by hydrate; selecting them empty gives every row its slots from
  // the driver, so setting them changes no row's shape (a property added later grows each of a
  // compound's 1,200 rows a backing store).
  const select = [
    't.id as "pk"',
    'null::text as "id"',
    'null::text as "__typename"',
    ...Object.entries(def.columns).map(([prop, expr]) => `${expr} as "${prop}"`),
  ].join(', ');
  const { type, convert } = def;
  return {
    ...def,
    archivable: def.archivable ?? true,
    select,
    hydrate<T extends R>(rows: T[]): T[] {
      for (const row of rows) {
        row.id = toGlobalId(type, row.pk);
        row.__typename = type;
        if (convert) convert(row);
      }
      return rows;
    },
  };
}

/** The columns every archivable table shares. */
export const baseColumns = {
  createdAt: 't.created_at',
  updatedAt: 't.updated_at',
  archivedAt: 't.archived_at',
} as const;

/** The shared columns of a table that is never archived (archivedAt is always null). */
export const unarchivedColumns = {
  createdAt: 't.created_at',
  updatedAt: 't.updated_at',
  archivedAt: 'null::timestamptz',
} as const;

/** A row placed where its compound is: the compound's place and organization paths, for scope checks. */
export const compoundPathColumns = {
  path: '(select c.path::text from compound c where c.id = t.compound_id)',
  orgPath: '(select c.org_path::text from compound c where c.id = t.compound_id)',
} as const;

export function toNumberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}
