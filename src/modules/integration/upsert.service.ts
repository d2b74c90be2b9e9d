import type { RequestContext } from '../../context';
import { auditedWrite, created } from '../../core/audit/recorder';
import { dbOf, type Db } from '../../core/data/db';
import { BadUserInputError, NotFoundError } from '../../core/errors/errors';
import { mutate, type MutationOutcome } from '../../core/graphql/mutation';
import { nodeSpecFor } from '../../core/graphql/node';
import { decodeGlobalId, toGlobalId } from '../../core/ids/global-id';
import { checkFields, validateInput } from '../../core/validation/rules';
import { UserErrorCode, userError, type UserError } from '../../core/validation/user-error';
import { MAX_UPSERT_ITEMS, UpsertStatus, type UpsertInputShape, type UpsertItemResult } from './upsert.inputs';
import type { ColumnType, UpsertColumn, UpsertKind } from './upsert.kinds';
import { IntegrationError } from './integration.errors';

/*
 * One bulk upsert: items keyed by their external ID in one source system, written set-based — a
 * fixed number of statements whatever the number of items (find what the IDs name, their parents
 * and the unique keys they could collide on; then one insert of the new objects, one of their IDs,
 * one update of the changed ones, one archive), each through auditedWrite so the audit log (and the
 * change feed read from it) records every row. Items are checked before anything is written: a
 * refused item is answered with its index and the others go ahead. A whole call refused (the
 * permission rule, too many items, a bad archive scope) writes nothing.
 */

type Item = Record<string, unknown> & { externalId: string };
type Row = Record<string, unknown> & { id: number };

export interface UpsertResult {
  results: UpsertItemResult[];
  archived: string[];
  errors: UserError[];
}

const SQL_TYPE: Record<ColumnType, string> = { text: 'text', int: 'int', numeric: 'numeric', smallint: 'smallint' };

/** Values compared as the database would store them (numeric arrives as a string). */
function same(type: ColumnType, a: unknown, b: unknown): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  if (type === 'numeric') return Number(a) === Number(b);
  return String(a) === String(b);
}

/** The item's stored value of a column (undefined: the item leaves it out). */
function storedValue(column: UpsertColumn, item: Item): unknown {
  const given = item[column.field];
  if (given === undefined) return undefined;
  return column.stored ? column.stored(given) : given;
}

function recordType(kind: UpsertKind, extra: string[] = []): string {
  const parent = kind.parent ? [`parent_id int`] : [];
  return ['id int', ...extra, ...parent, ...kind.columns.map((c) => `${c.column} ${SQL_TYPE[c.type]}`)].join(', ');
}

/**
 * The live objects of `kind` the given external IDs name in the community, with their stored columns.
 * One probe of external_id_unique and of the table's key per ID (the lateral subquery with its
 * `limit 1` cannot be flattened into a join): a join let the planner hash every ID of the system
 * and kind once per call, so a re-run's lookup grew with everything imported before it. The
 * community as a plain `community_id = $1` (the community is never null here): under row-level
 * security a condition on coalesce(…) runs after the policy and cannot reach an index.
 */
async function byExternalIds(
  db: Db,
  communityPk: number,
  system: string,
  table: string,
  nodeKind: string,
  ids: string[],
  columns: string[],
) {
  if (ids.length === 0) return new Map<string, Row>();
  const rows = await db.query<Row & { xid: string }>(
    `select x.id as xid, t.id, t.archived_at is not null as archived, t.archived_at${columns.map((c) => `, t.${c}`).join('')}
       from unnest($4::text[]) as x(id)
       cross join lateral (
         select t.* from external_id e join ${table} t on t.id = e.node_id
          where e.community_id = $1 and e.system = $2 and e.node_type = $3 and e.external_id = x.id
          limit 1) t`,
    [communityPk, system, nodeKind, ids],
    { planned: 'per-call' },
  );
  return new Map(rows.map((r) => [r.xid, r]));
}

export function upsert(ctx: RequestContext, kind: UpsertKind, input: UpsertInputShape<Item>): Promise<MutationOutcome<UpsertResult>> {
  if (input.items.length > MAX_UPSERT_ITEMS)
    throw new BadUserInputError(`At most ${MAX_UPSERT_ITEMS} items a call; send the rest in further calls`, {
      field: ['input', 'items'],
      maximum: MAX_UPSERT_ITEMS,
    });
  if (input.archiveMissing && !input.archiveScopeId)
    throw new BadUserInputError('archiveMissing needs archiveScopeId: the community or place within which the items are the whole list', {
      field: ['input', 'archiveScopeId'],
    });
  const communityPk = decodeGlobalId(input.communityId)!.pk;
  const { system } = input;

  return mutate(ctx, input, async (em) => {
    const db = dbOf(em);
    const now = ctx.clock.now();
    const errors: UserError[] = [];
    const refused = new Set<number>();
    const refuseItem = (index: number, field: string, code: string, message: string) => {
      refused.add(index);
      errors.push(userError(['items', String(index), field], code, message));
    };

    // The archive scope first: a bad one refuses the whole call.
    // Checked whenever given, so another community's place is NOT_FOUND however the call is meant.
    let scopePath: string | null = null;
    if (input.archiveScopeId) {
      const decoded = decodeGlobalId(input.archiveScopeId);
      const spec = decoded && ['Community', ...kind.scopeTypes].includes(decoded.type) ? nodeSpecFor(decoded.type) : undefined;
      if (!decoded || !spec)
        throw new BadUserInputError(`archiveScopeId must name the community or a ${kind.scopeTypes.join(', ') || 'community'}`, {
          field: ['input', 'archiveScopeId'],
        });
      const scope = (await ctx.loaders.node(spec).load(decoded.pk)) as { communityId?: number; path?: string } | null;
      if (!scope || scope.communityId !== communityPk) throw new NotFoundError('archiveScopeId', { field: ['input', 'archiveScopeId'] });
      scopePath = decoded.type === 'Community' ? null : scope.path!;
    }

    // Field rules, per item; an external ID given twice names one object twice.
    const seen = new Map<string, number>();
    for (const [index, item] of input.items.entries()) {
      for (const e of checkFields(item, ctx.clock) ?? (await validateInput(item, ctx.clock))) {
        refused.add(index);
        errors.push({ ...e, field: ['items', String(index), ...e.field] });
      }
      if (refused.has(index)) continue;
      if (seen.has(item.externalId))
        refuseItem(index, 'externalId', UserErrorCode.TAKEN, `Item ${seen.get(item.externalId)} already has this external ID`);
      else seen.set(item.externalId, index);
    }
    const live = input.items.map((item, index) => ({ item, index })).filter(({ index }) => !refused.has(index));

    // What the IDs name now, and the parents the items name.
    const stored = kind.columns.map((c) => c.column);
    const existing = await byExternalIds(
      db,
      communityPk,
      system,
      kind.table,
      kind.kind,
      live.map(({ item }) => item.externalId),
      [...stored, ...(kind.parent ? [kind.parent.column] : [])],
    );
    const parents = kind.parent
      ? await byExternalIds(
          db,
          communityPk,
          system,
          kind.parent.table,
          kind.parent.kind,
          [...new Set(live.map(({ item }) => item[kind.parent!.field]).filter((v): v is string => typeof v === 'string'))],
          [],
        )
      : new Map<string, Row>();

    // Each live item becomes a planned row: its parent, its values after the write, and what changed.
    interface Plan {
      index: number;
      item: Item;
      row: Record<string, unknown>;
      before?: Row;
      changes: Record<string, { before: unknown; after: unknown }>;
    }
    const plans: Plan[] = [];
    // Each sealed column beside the blind index that decides it (looked up once, not per item).
    const sealed = kind.columns
      .filter((c) => c.sealedBeside)
      .map((c) => [c, kind.columns.find((i) => i.column === c.sealedBeside)!] as const);
    for (const { item, index } of live) {
      const before = existing.get(item.externalId);
      const row: Record<string, unknown> = {};
      if (kind.parent) {
        const named = item[kind.parent.field] as string | null | undefined;
        if (named === undefined || named === null) {
          if (!kind.parent.nullable) {
            refuseItem(index, kind.parent.field, UserErrorCode.REQUIRED, 'Name the parent by its external ID');
            continue;
          }
          row.parent_id = named === null ? null : before ? before[kind.parent.column] : null;
        } else {
          const parent = parents.get(named);
          if (!parent) {
            refuseItem(
              index,
              kind.parent.field,
              IntegrationError.UNKNOWN_EXTERNAL_ID,
              `No ${kind.parent.kind.toLowerCase()} of the community carries ${system} ID ${named}`,
            );
            continue;
          }
          if (parent.archived) {
            refuseItem(index, kind.parent.field, UserErrorCode.PARENT_ARCHIVED, 'The parent is archived; restore it first');
            continue;
          }
          row.parent_id = parent.id;
        }
      }
      const missing = before ? [] : (kind.requiredOnCreate ?? []).filter((f) => item[f] === undefined || item[f] === null);
      if (missing.length) {
        for (const f of missing) refuseItem(index, f, UserErrorCode.REQUIRED, `${f} is required for a new object`);
        continue;
      }
      const changes: Plan['changes'] = {};
      for (const column of kind.columns) {
        if (column.sealedBeside) continue; // decided by its index below (sealed only when that changed: a re-run seals nothing)
        const value = storedValue(column, item);
        row[column.column] = value === undefined ? (before ? before[column.column] : null) : value;
        if (!before || !same(column.type, before[column.column], row[column.column]))
          changes[column.prop] = { before: before ? (before[column.column] ?? null) : null, after: row[column.column] ?? null };
      }
      for (const [column, index] of sealed) {
        const changed = !before || !same(index.type, before[index.column], row[index.column]);
        row[column.column] = changed ? (storedValue(column, item) ?? null) : before[column.column];
        if (changed && (before || row[column.column] !== null))
          changes[column.prop] = { before: before ? (before[column.column] ?? null) : null, after: row[column.column] };
      }
      if (kind.parent && (!before || !same('int', before[kind.parent.column], row.parent_id)))
        changes[kind.parent.column.replace(/_id$/, '')] = {
          before: before ? (before[kind.parent.column] ?? null) : null,
          after: row.parent_id,
        };
      if (before?.archived) changes.archivedAt = { before: new Date(before.archived_at as string).toISOString(), after: null };
      plans.push({ index, item, row, before, changes });
    }

    // The unique key (door number in its unit, name in its compound, ID number in the community):
    // taken by another object, or by an earlier item of this call.
    if (kind.unique) {
      const { scope, column, field, message, secret } = kind.unique;
      const scopeOf = (p: Plan) => (scope === 'community_id' ? communityPk : (p.row.parent_id as number | null));
      const keyed = plans.filter((p) => p.row[column] !== null && p.row[column] !== undefined && scopeOf(p) !== null);
      // Only keys an item takes anew are looked up: an object keeping its key holds it already (a re-run looks up nothing).
      const parentColumn = kind.parent?.column;
      const moving = keyed.filter(
        (p) =>
          !p.before ||
          !same('text', p.before[column], p.row[column]) ||
          (scope !== 'community_id' && parentColumn !== undefined && !same('int', p.before[parentColumn], p.row.parent_id)),
      );
      if (secret) ctx.session?.guessedSecrets(moving.length);
      const taken = moving.length
        ? await db.query<{ id: number; scope: number; key: string }>(
            `select t.id, t.${scope} as scope, t.${column}::text as key from ${kind.table} t
               join unnest($1::int[], $2::text[]) as x(scope, key) on t.${scope} = x.scope and t.${column}::text = x.key`,
            [moving.map(scopeOf), moving.map((p) => String(p.row[column]))],
            { planned: 'per-call' },
          )
        : [];
      const holder = new Map(taken.map((t) => [`${t.scope}|${t.key}`, t.id]));
      const claimed = new Set<string>();
      for (const plan of keyed) {
        const key = `${scopeOf(plan)}|${String(plan.row[column])}`;
        const held = holder.get(key);
        // An object keeps its own key; an object of this call moving away frees it only after the
        // statement, which the constraint does not wait for: refused too.
        if ((held !== undefined && held !== plan.before?.id) || claimed.has(key)) {
          refuseItem(plan.index, field, UserErrorCode.TAKEN, message);
        } else claimed.add(key);
      }
    }

    const results: UpsertItemResult[] = input.items.map((item, index) => ({
      index,
      externalId: item.externalId,
      status: UpsertStatus.ERROR,
      id: null,
    }));
    const accepted = plans.filter((p) => !refused.has(p.index));
    const creates = accepted.filter((p) => !p.before);
    const updates = accepted.filter((p) => p.before && Object.keys(p.changes).length > 0);
    for (const p of accepted.filter((p) => p.before && Object.keys(p.changes).length === 0)) {
      results[p.index] = { ...results[p.index], status: UpsertStatus.UNCHANGED, id: toGlobalId(kind.type, p.before!.id) };
    }

    const parentColumn = kind.parent ? [kind.parent.column] : [];
    const columns = kind.columns.map((c) => c.column);
    const derivedColumns = Object.keys(kind.derived?.columns ?? {});
    if (creates.length) {
      // Keys first, so each new row is known to be its item's (RETURNING promises no order).
      const ids = await db.query<{ id: number }>(`select nextval('${kind.table}_id_seq')::int as id from generate_series(1, $1::int)`, [
        creates.length,
      ]);
      creates.forEach((p, i) => (p.row.id = ids[i].id));
      const createdById = new Map(creates.map((p) => [p.row.id as number, p]));
      await auditedWrite<{ id: number; community_id: number }>(em, {
        entity: kind.entity,
        operation: 'CREATE',
        sql: `insert into ${kind.table} (id, community_id${[...parentColumn, ...columns, ...derivedColumns].map((c) => `, ${c}`).join('')})
              select x.id, $2::int${kind.parent ? ', x.parent_id' : ''}${columns.map((c) => `, x.${c}`).join('')}${derivedColumns
                .map((c) => `, ${kind.derived!.columns[c]}`)
                .join('')}
                from jsonb_to_recordset($1::jsonb) as x(${recordType(kind)}) ${kind.derived?.join ?? ''}
              returning id, community_id`,
        params: [JSON.stringify(creates.map((p) => p.row)), communityPk],
        changes: (row) => created({ community: communityPk, ...changesAfter(createdById.get(row.id)!) }),
      });
      await auditedWrite<{ id: number; community_id: number; node_id: number; external_id: string }>(em, {
        entity: 'ExternalId',
        operation: 'CREATE',
        sql: `insert into external_id (community_id, system, node_type, node_id, external_id)
              select $2::int, $3, $4, x.node_id, x.external_id from jsonb_to_recordset($1::jsonb) as x(node_id int, external_id text)
              returning id, community_id, node_id, external_id`,
        params: [
          JSON.stringify(creates.map((p) => ({ node_id: p.row.id, external_id: p.item.externalId }))),
          communityPk,
          system,
          kind.kind,
        ],
        changes: (row) =>
          created({ community: communityPk, system, nodeType: kind.kind, nodeId: row.node_id, externalId: row.external_id }),
      });
      for (const p of creates)
        results[p.index] = { ...results[p.index], status: UpsertStatus.CREATED, id: toGlobalId(kind.type, p.row.id as number) };
    }

    if (updates.length) {
      for (const p of updates) p.row.id = p.before!.id;
      const byId = new Map(updates.map((p) => [p.row.id as number, p]));
      await auditedWrite<{ id: number; community_id: number }>(em, {
        entity: kind.entity,
        operation: 'UPDATE',
        sql: `update ${kind.table} t set archived_at = null, updated_at = $2::timestamptz${
          kind.parent ? `, ${kind.parent.column} = x.parent_id` : ''
        }${columns.map((c) => `, ${c} = x.${c}`).join('')}
                from jsonb_to_recordset($1::jsonb) as x(${recordType(kind)})
               where t.id = x.id
              returning t.id, t.community_id`,
        params: [JSON.stringify(updates.map((p) => p.row)), now.toISOString()],
        changes: (row) => byId.get(row.id)!.changes,
      });
      for (const p of updates)
        results[p.index] = { ...results[p.index], status: UpsertStatus.UPDATED, id: toGlobalId(kind.type, p.before!.id) };
    }

    let archived: string[] = [];
    if (input.archiveMissing) {
      const listed = input.items.map((i) => i.externalId);
      const busy = kind.children
        ? `exists (select 1 from ${kind.children.table} c where c.${kind.children.column} = t.id and c.archived_at is null)`
        : 'false';
      const missing = `e.node_id = t.id and e.community_id = $1 and e.system = $2 and e.node_type = $3
           and t.archived_at is null and not (e.external_id = any($4::text[])) and ($5::ltree is null or t.path <@ $5::ltree)`;
      const params = [communityPk, system, kind.kind, listed, scopePath];
      const kept = await db.query<{ id: number }>(
        `select t.id from ${kind.table} t join external_id e on ${missing} where ${busy}`,
        params,
      );
      const rows = await auditedWrite<{ id: number; community_id: number }>(em, {
        entity: kind.entity,
        operation: 'UPDATE',
        sql: `update ${kind.table} t set archived_at = $6::timestamptz, updated_at = $6::timestamptz
                from external_id e where ${missing} and not ${busy}
              returning t.id, t.community_id`,
        params: [...params, now.toISOString()],
        changes: () => ({ archivedAt: { before: null, after: now.toISOString() } }),
      });
      archived = rows.map((r) => toGlobalId(kind.type, r.id));
      for (const k of kept)
        errors.push(
          userError(
            ['archiveMissing'],
            UserErrorCode.HAS_ACTIVE_CHILDREN,
            `${toGlobalId(kind.type, k.id)} is no longer listed but has active ${kind.children!.label}: archive or move them first`,
          ),
        );
    }
    return { results, archived, errors };
  });
}

/** A created row's fields as the audit log shows them. */
function changesAfter(plan: { changes: Record<string, { after: unknown }> }): Record<string, unknown> {
  return Object.fromEntries(Object.entries(plan.changes).map(([k, v]) => [k, v.after]));
}
