import DataLoader from 'dataloader';
import { ArchivedFilter, type PageRequest } from '../pagination/page-args';
import type { Page } from '../pagination/connection';
import type { Db } from './db';
import type { NodeRow, NodeSpec, Projection } from './node-spec';

/** Extra filter on a child list: SQL over alias `t` with `$1, $2…` parameters, and a key naming it. */
export interface ListFilter {
  key: string;
  sql: string;
  params: unknown[];
}

/**
 * How children find their parent: a column of `t`, or an expression over joined tables (a building
 * group's member households are reached through household and building).
 */
export type ParentRef = string | { key: string; expr: string; joins: string };

/**
 * Copies each row's inherited properties from its parent's row. A parent nobody registered, or a
 * parent row without the property (read without it), is a fault of the caller: the statement
 * fails rather than leave a scope path empty.
 */
function inherit(
  rows: ReadonlyArray<NodeRow & { parentKey: number }>,
  from: ReadonlyMap<number, Readonly<Record<string, unknown>>>,
  props: readonly string[],
  type: string,
): void {
  for (const row of rows) {
    const source = from.get(row.parentKey);
    if (!source) throw new Error(`${type}: no parent row registered for ${row.parentKey}`);
    for (const prop of props) {
      const value = source[prop];
      if (value === undefined) throw new Error(`${type}.${prop}: the parent row of ${row.parentKey} has no ${prop}`);
      (row as unknown as Record<string, unknown>)[prop] = value;
    }
  }
}

function parentParts(parent: ParentRef): { key: string; expr: string; joins: string } {
  return typeof parent === 'string' ? { key: parent, expr: `t.${parent}`, joins: '' } : parent;
}

function archivedSql(spec: NodeSpec<NodeRow>, archived: ArchivedFilter): string {
  if (!spec.archivable || archived === ArchivedFilter.ALL) return '';
  return archived === ArchivedFilter.ACTIVE ? ' and t.archived_at is null' : ' and t.archived_at is not null';
}

function cursorSql(page: PageRequest, params: unknown[]): string {
  let sql = '';
  if (page.afterPk !== undefined) {
    params.push(page.afterPk);
    sql += ` and t.id > $${params.length}`;
  }
  if (page.beforePk !== undefined) {
    params.push(page.beforePk);
    sql += ` and t.id < $${params.length}`;
  }
  return sql;
}

/**
 * A lateral page's order: by id, spelled as the (parent, archived_at, id, …) index the places' and
 * people's tables have for each parent column. The parent key is one value per lateral and
 * archived_at is null throughout an active list, so the rows come in the same order, but PostgreSQL
 * now sees that the index gives it and reads it in order instead of sorting each parent's rows
 * (−14 % of Q2's persons statement). Where a parent column has no such index it sorts as before.
 * Archived and all-rows lists keep `t.id` alone: there archived_at varies. (PostgreSQL drops a key
 * equal to a constant by itself, so a table without archived_at needs nothing.)
 */
function orderWithin(spec: NodeSpec<NodeRow>, parent: ParentRef, archived: ArchivedFilter, direction: 'asc' | 'desc'): string {
  if (typeof parent === 'string' && spec.archivable && archived === ArchivedFilter.ACTIVE)
    return `t.${parent} ${direction}, t.archived_at ${direction}, t.id ${direction}`;
  return `t.id ${direction}`;
}

/** A filter's SQL with its `$1…` renumbered to follow `offset` parameters already in place. */
function shifted(filter: ListFilter | undefined, offset: number): string {
  return filter ? ` and ${filter.sql.replace(/\$(\d+)/g, (_m, n: string) => `$${Number(n) + offset}`)}` : '';
}

export function toPage<R>(rows: R[], page: PageRequest): Page<R> {
  const more = rows.length > page.limit;
  if (more) rows.length = page.limit;
  if (page.backward) rows.reverse();
  return {
    rows,
    hasNextPage: page.backward ? page.beforePk !== undefined : more,
    hasPreviousPage: page.backward ? more : page.afterPk !== undefined,
  };
}

/**
 * The request's DataLoaders, namespaced by node type and query shape. One statement per level of
 * a walk however many parents it has: pages use one LATERAL join over all parent keys, counts one
 * GROUP BY. Created per request, so nothing (and no tenant's rows) is shared between requests.
 */
export class Loaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();
  /** The by-ID loader of each spec, found without building its key (rows are primed into it per page). */
  private readonly byId = new Map<object, DataLoader<number, unknown>>();
  /**
   * Rows read as part of a page or a lookup, by spec and primary key: the by-ID loader answers
   * them without a statement. Kept here rather than primed into the loader, which would make a
   * resolved promise per row (800 for a compound's persons) that nothing but a later load by ID
   * would ever read.
   */
  private readonly primed = new Map<object, Map<number, unknown>>();

  /** What a field site of the request's document worked out once for all its rows (see `connection`). */
  private readonly sites = new WeakMap<object, unknown>();

  constructor(private db: Db) {}

  /** The value kept for a field site (its AST nodes), or, given one, keeps it. */
  perSite(site: object, value?: unknown): unknown {
    if (value !== undefined) this.sites.set(site, value);
    return this.sites.get(site);
  }

  /**
   * Sends this request's batches to another runner: a read replica's transaction, set before any
   * batch runs (RequestSession), and back to the primary's before the request commits.
   */
  readFrom(db: Db): void {
    this.db = db;
  }

  /** Per children loader whose projection inherits properties: each parent's row, by key (see `children`). */
  private readonly parentRows = new WeakMap<object, Map<number, Readonly<Record<string, unknown>>>>();

  /**
   * The parent rows a children loader copies inherited properties from: whoever loads a parent's
   * page registers the parent's row here first (undefined when the loader's projection inherits nothing).
   */
  parentRowsOf(loader: object): Map<number, Readonly<Record<string, unknown>>> | undefined {
    return this.parentRows.get(loader);
  }

  private get<K, V>(key: string, batch: (keys: readonly K[]) => Promise<V[]>): DataLoader<K, V> {
    let loader = this.loaders.get(key) as DataLoader<K, V> | undefined;
    if (!loader) {
      // No batch size cap: one statement per level whatever its width. The query limits bound that
      // width before the request reaches the database: a page holds at most 100 rows, nodes(ids:) at
      // most 100 IDs, the requested cost (QUERY_MAX_COST) caps the product of page sizes down a walk,
      // and STATEMENT_TIMEOUT_MS caps how long the statement of a wide level may run.
      loader = new DataLoader<K, V>(batch);
      this.loaders.set(key, loader);
    }
    return loader;
  }

  /** Module-specific batches that do not fit the shapes below. */
  custom<K, V>(key: string, batch: (db: Db, keys: readonly K[]) => Promise<V[]>): DataLoader<K, V> {
    return this.get<K, V>(`custom:${key}`, (keys) => batch(this.db, keys));
  }

  /**
   * Rows by primary key; null where none is visible. Keys (here and in `children`) come from
   * lianxin_keys, estimated at one row: with `= any($1)` or `unnest($1)` a generic plan is costed
   * for ten keys and loses to a custom plan for the few a request sends, so every execution would
   * be planned again.
   */
  node<R extends NodeRow>(spec: NodeSpec<R>): DataLoader<number, R | null> {
    const known = this.byId.get(spec);
    if (known) return known as DataLoader<number, R | null>;
    const made = this.get<number, R | null>(`${spec.type}:byId`, async (pks) => {
      const primed = this.primed.get(spec) as Map<number, R> | undefined;
      const missing = primed ? pks.filter((pk) => !primed.has(pk)) : pks;
      const byPk = new Map<number, R>();
      if (missing.length > 0) {
        const visible = spec.visible ? ` and (${spec.visible})` : '';
        const rows = spec.hydrate(
          await this.db.query<R>(
            `select ${spec.select} from lianxin_keys($1::int[]) k(id) join ${spec.table} t on t.id = k.id where true${visible}`,
            [missing],
          ),
        );
        for (const r of rows) byPk.set(r.pk, r);
      }
      return pks.map((pk) => primed?.get(pk) ?? byPk.get(pk) ?? null);
    });
    this.byId.set(spec, made);
    return made;
  }

  private prime<R extends NodeRow>(spec: NodeSpec<R>, rows: R[]): void {
    let primed = this.primed.get(spec);
    if (!primed) this.primed.set(spec, (primed = new Map()));
    // The first row read stays, as DataLoader's prime would keep it.
    for (const row of rows) if (!primed.has(row.pk)) primed.set(row.pk, row);
  }

  /**
   * One page of children per parent key, e.g. the households of each building, with the columns
   * `projection` names (what the list's selection needs; all by default). Rows of a partial
   * projection are not kept for reads by ID, which expect every column.
   */
  children<R extends NodeRow>(
    spec: NodeSpec<R>,
    parent: ParentRef,
    page: PageRequest,
    archived: ArchivedFilter,
    filter?: ListFilter,
    projection: Projection = spec.full,
  ): DataLoader<number, Page<R>> {
    // Called once per parent row (each household's persons): an existing loader is found without
    // allocating anything but its key.
    const key = `${spec.type}:children:${typeof parent === 'string' ? parent : parent.key}:${archived}:${filter?.key ?? ''}:${page.key}${projection.key}`;
    const known = this.loaders.get(key);
    if (known) return known as DataLoader<number, Page<R>>;
    const { expr, joins } = parentParts(parent);
    const from = projection.inherited.length > 0 ? new Map<number, Readonly<Record<string, unknown>>>() : undefined;
    const loader = this.get<number, Page<R>>(key, async (parents) => {
      const params: unknown[] = [parents];
      const where = `${expr} = p.parent_id${archivedSql(spec as NodeSpec<NodeRow>, archived)}${shifted(filter, 1)}`;
      if (filter) params.push(...filter.params);
      const cursor = cursorSql(page, params);
      const sql =
        `select x.* from lianxin_keys($1::int[]) as p(parent_id) cross join lateral (` +
        `select ${projection.select}, ${expr} as "parentKey" from ${spec.table} t${joins} where ${where}${cursor} ` +
        `order by ${orderWithin(spec as NodeSpec<NodeRow>, parent, archived, page.backward ? 'desc' : 'asc')} limit ${page.limit + 1}) x`;
      const rows = spec.hydrate(await this.db.query<R & { parentKey: number }>(sql, params), projection);
      if (from) inherit(rows, from, projection.inherited, spec.type);
      const grouped = new Map<number, R[]>();
      for (const row of rows) {
        let list = grouped.get(row.parentKey);
        if (!list) grouped.set(row.parentKey, (list = []));
        list.push(row);
      }
      if (projection.complete) this.prime(spec, rows);
      return parents.map((parent) => toPage(grouped.get(parent) ?? [], page));
    });
    if (from) this.parentRows.set(loader, from);
    return loader;
  }

  /** How many children each parent key has under the same filter as `children`. */
  count<R extends NodeRow>(
    spec: NodeSpec<R>,
    parent: ParentRef,
    archived: ArchivedFilter,
    filter?: ListFilter,
  ): DataLoader<number, number> {
    const key = `${spec.type}:count:${typeof parent === 'string' ? parent : parent.key}:${archived}:${filter?.key ?? ''}`;
    const known = this.loaders.get(key);
    if (known) return known as DataLoader<number, number>;
    const { expr, joins } = parentParts(parent);
    return this.get<number, number>(key, async (parents) => {
      const params: unknown[] = [parents, ...(filter?.params ?? [])];
      const sql =
        `select ${expr} as "k", count(*)::int as "n" from ${spec.table} t${joins} where ${expr} = any($1::int[])` +
        `${archivedSql(spec as NodeSpec<NodeRow>, archived)}${shifted(filter, 1)} group by 1`;
      const rows = await this.db.query<{ k: number; n: number }>(sql, params);
      const byKey = new Map(rows.map((r) => [r.k, r.n]));
      return parents.map((p) => byKey.get(p) ?? 0);
    });
  }

  /** The one row per key of a unique (or filtered-to-unique) column, e.g. a community's committee. */
  oneBy<R extends NodeRow>(spec: NodeSpec<R>, column: string, filter?: ListFilter): DataLoader<number, R | null> {
    return this.get<number, R | null>(`${spec.type}:oneBy:${column}:${filter?.key ?? ''}`, async (keys) => {
      const sql = `select ${spec.select}, t.${column} as "parentKey" from ${spec.table} t where t.${column} = any($1::int[])${shifted(filter, 1)}`;
      const rows = spec.hydrate(await this.db.query<R & { parentKey: number }>(sql, [keys, ...(filter?.params ?? [])]));
      const byKey = new Map(rows.map((r) => [r.parentKey, r]));
      this.prime(spec, rows);
      return keys.map((k) => byKey.get(k) ?? null);
    });
  }

  /** All rows per key, unpaginated: only for lists that stay short (a compound's branch history). */
  allBy<R extends NodeRow>(spec: NodeSpec<R>, column: string, orderBy = 't.id'): DataLoader<number, R[]> {
    return this.get<number, R[]>(`${spec.type}:allBy:${column}:${orderBy}`, async (keys) => {
      const sql = `select ${spec.select}, t.${column} as "parentKey" from ${spec.table} t where t.${column} = any($1::int[]) order by ${orderBy}`;
      const rows = spec.hydrate(await this.db.query<R & { parentKey: number }>(sql, [keys]));
      const grouped = new Map<number, R[]>();
      for (const row of rows) {
        let list = grouped.get(row.parentKey);
        if (!list) grouped.set(row.parentKey, (list = []));
        list.push(row);
      }
      return keys.map((k) => grouped.get(k) ?? []);
    });
  }

  /** A top-level list (all districts, all communities the caller may see). */
  async rootPage<R extends NodeRow>(spec: NodeSpec<R>, page: PageRequest, archived: ArchivedFilter, filter?: ListFilter): Promise<Page<R>> {
    const params: unknown[] = [...(filter?.params ?? [])];
    const where = `true${archivedSql(spec as NodeSpec<NodeRow>, archived)}${shifted(filter, 0)}`;
    const cursor = cursorSql(page, params);
    const sql = `select ${spec.select} from ${spec.table} t where ${where}${cursor} order by t.id ${page.backward ? 'desc' : 'asc'} limit ${page.limit + 1}`;
    const rows = spec.hydrate(await this.db.query<R>(sql, params));
    this.prime(spec, rows);
    return toPage(rows, page);
  }

  async rootCount<R extends NodeRow>(spec: NodeSpec<R>, archived: ArchivedFilter, filter?: ListFilter): Promise<number> {
    const where = `true${archivedSql(spec as NodeSpec<NodeRow>, archived)}${shifted(filter, 0)}`;
    const row = await this.db.one<{ n: number }>(`select count(*)::int as "n" from ${spec.table} t where ${where}`, filter?.params ?? []);
    return row?.n ?? 0;
  }

  /** After a mutation: nothing read before it may be served from cache. */
  clearAll(): void {
    for (const loader of this.loaders.values()) loader.clearAll();
    this.primed.clear();
  }
}
