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
  /** Every column: what reads by ID, lookups and module batches select. */
  full: Projection;
  /** The spec's own on-demand declarations (the timestamps' default aside): a test holds their field names to the schema. */
  onDemand?: Partial<Record<string, readonly string[]>>;
  /**
   * The columns a list needs when its nodes ask for `fields` (GraphQL field names): the always-read
   * ones and the on-demand ones some asked field needs. Built once per combination.
   */
  projection(fields: ReadonlySet<string>): Projection;
  /**
   * Row properties that, in a list of children by the parent column named by the key, equal the
   * parent row's properties of the same name (the database keeps them so): such a list selects a
   * null in their place and copies them from the parent row it was asked for (see `inheriting`).
   */
  inherits?: Partial<Record<string, readonly string[]>>;
  /** `projection`, with the properties `inherits` names for `parentColumn` selected as nulls. */
  inheriting(projection: Projection, parentColumn: string): Projection;
  hydrate<T extends R>(rows: T[], projection?: Projection): T[];
}

/** A select list of one node type: all its columns, or those a list's selection needs. */
export interface Projection {
  /** Distinguishes loaders (and so statements) of different projections; '' for every column. */
  key: string;
  select: string;
  /** Every column is read: the rows may answer later reads by ID. */
  complete: boolean;
  /** Row properties not read (on-demand columns nobody asked for). */
  omitted: readonly string[];
  /** Row properties selected as nulls, to be copied from the parent row (`NodeSpec.inherits`). */
  inherited: readonly string[];
}

/**
 * Columns read only when a list's nodes ask for a field that needs them, by default the timestamps
 * (each a formatted text of 29 characters per row, the largest part of a wide list's rows that
 * most queries never show). Reads by ID read everything.
 */
const TIMESTAMPS_ON_DEMAND: Readonly<Record<string, readonly string[]>> = {
  createdAt: ['createdAt'],
  updatedAt: ['updatedAt'],
  archivedAt: ['archivedAt'],
};

/*
 * Outside production a row read without some column answers a read of it with an error rather than
 * `undefined`, so a resolver or rule that needs a column its field did not declare fails in any test
 * that selects the field on a list instead of answering null. In production the property is simply
 * absent (no per-row cost): `in` is false there and true here, so code must not probe an on-demand
 * property to decide what to do.
 */
const guardOmitted = process.env.NODE_ENV !== 'production';

/**
 * Reads of a property a list left out, by `Type.prop`, since the process started (outside
 * production). A permission rule that catches the error answers as a refusal: the read still
 * counts here, so a test can require that none happened.
 */
export const omittedReads = new Map<string, number>();

function guard(row: object, omitted: readonly string[], type: string): void {
  for (const prop of omitted)
    Object.defineProperty(row, prop, {
      enumerable: false,
      configurable: true,
      get() {
        const key = `${type}.${prop}`;
        omittedReads.set(key, (omittedReads.get(key) ?? 0) + 1);
        throw new Error(`${type}.${prop} was not read for this list: declare the fields that need it in the node spec's onDemand`);
      },
    });
}

export function defineNode<R extends NodeRow>(def: {
  type: string;
  table: string;
  columns: Record<Exclude<keyof R, 'pk' | 'id' | '__typename'>, string>;
  archivable?: boolean;
  visible?: string;
  convert?: (row: R) => void;
  /**
   * Row property → the GraphQL fields of this type that need it: read in a list only when its nodes
   * ask for one of them (a field's resolver and its rules may read only the properties its entry
   * names, besides those always read). The timestamps are on demand by default, each for its own field.
   */
  onDemand?: Partial<Record<Exclude<keyof R, 'pk' | 'id' | '__typename'>, readonly string[]>>;
  inherits?: Partial<Record<string, ReadonlyArray<Exclude<keyof R, 'pk' | 'id' | '__typename'> & string>>>;
}): NodeSpec<R> {
  // `id` and `__typename` are set by hydrate; selecting them empty gives every row its slots from
  // the driver, so setting them changes no row's shape (a property added later grows each of a
  // compound's 1,200 rows a backing store).
  const columns = Object.entries(def.columns as Record<string, string>);
  // Inherited properties keep their place as a null (no output conversion, 4 bytes on the wire), so
  // a row has the same shape whichever way it was read and the copy adds no property.
  const selectOf = (included: ReadonlyArray<[string, string]>, nulls: ReadonlySet<string> = new Set()) =>
    [
      't.id as "pk"',
      'null::text as "id"',
      'null::text as "__typename"',
      ...included.map(([prop, expr]) => `${nulls.has(prop) ? 'null' : expr} as "${prop}"`),
    ].join(', ');
  const select = selectOf(columns);
  const full: Projection = { key: '', select, complete: true, omitted: [], inherited: [] };
  const needs = new Map<string, readonly string[]>();
  const declared = (def.onDemand ?? {}) as Record<string, readonly string[]>;
  for (const [prop] of columns) {
    const fields = Object.hasOwn(declared, prop)
      ? declared[prop]
      : Object.hasOwn(TIMESTAMPS_ON_DEMAND, prop)
        ? TIMESTAMPS_ON_DEMAND[prop]
        : undefined;
    if (fields) needs.set(prop, fields);
  }
  const made = new Map<string, Projection>();
  const inheritingMade = new Map<string, Projection>();
  const bySelection = new WeakMap<ReadonlySet<string>, Projection>();
  const { type, convert } = def;
  return {
    ...def,
    archivable: def.archivable ?? true,
    select,
    full,
    projection(fields: ReadonlySet<string>): Projection {
      // The same set comes back for each parent of a level (nodeFields keeps one per field site).
      let projection = bySelection.get(fields);
      if (projection) return projection;
      const omitted = [...needs].filter(([, by]) => !by.some((field) => fields.has(field))).map(([prop]) => prop);
      const key = omitted.join(',');
      projection = omitted.length === 0 ? full : made.get(key);
      if (!projection) {
        const skip = new Set(omitted);
        projection = {
          key: `-${key}`,
          select: selectOf(columns.filter(([prop]) => !skip.has(prop))),
          complete: false,
          omitted,
          inherited: [],
        };
        made.set(key, projection);
      }
      bySelection.set(fields, projection);
      return projection;
    },
    inheriting(projection: Projection, parentColumn: string): Projection {
      const props = def.inherits?.[parentColumn];
      if (!props || props.length === 0) return projection;
      const key = `${projection.key}~${parentColumn}`;
      let made = inheritingMade.get(key);
      if (!made) {
        const nulls = new Set<string>(props);
        const skip = new Set(projection.omitted);
        made = {
          key,
          select: selectOf(
            columns.filter(([prop]) => !skip.has(prop)),
            nulls,
          ),
          // Rows whose inherited values came from elsewhere answer no read by ID.
          complete: false,
          omitted: projection.omitted,
          inherited: props,
        };
        inheritingMade.set(key, made);
      }
      return made;
    },
    hydrate<T extends R>(rows: T[], projection: Projection = full): T[] {
      const check = guardOmitted && !projection.complete;
      for (const row of rows) {
        row.id = toGlobalId(type, row.pk);
        row.__typename = type;
        if (convert) convert(row);
        if (check) guard(row, projection.omitted, type);
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
