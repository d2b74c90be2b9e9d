import type { ChangeSet, EventArgs, EventSubscriber } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../context';
import { storedPersonalField } from '../auth/personal-data';
import { actorLabel } from '../auth/principal';
import { dbOf } from '../data/db';

/*
 * The audit log. Every entity change a mutation flushes through MikroORM becomes one audit entry —
 * who, what (mutation, entity, operation), when, the changed fields before and after — written in
 * the mutation's own savepoint, so it commits or rolls back with the change itself. Derived data
 * (ancestry paths kept by triggers) is not repeated; hashes are recorded as changed, never shown.
 */

type Changes = Record<string, { before: unknown; after: unknown }>;

interface PendingEntry {
  community_id: number | null;
  entity: string;
  entity_id: number | null;
  operation: string;
  changes: Changes;
}

const pending = new WeakMap<EntityManager, { ctx: RequestContext; entries: PendingEntry[] }>();
const HIDDEN = new Set(['passwordHash', 'secretHash']);

/**
 * Sealed personal values (an identity card number, a phone, a webhook's secret: `…Sealed`) and
 * their blind indexes (`…Index`, 64 hex digits) are not copied into the log: the entry says the
 * field changed, not its ciphertext (readable wherever the key leaks) nor its index (which tells
 * two persons' numbers apart or alike across communities, for whoever reads the log). Nor are
 * sensitive personal values (a household's vulnerability tags): those who read the log (community
 * administrators, the platform) hold no duty of care, and read the field itself as null. Other
 * personal values (a door number) are kept as those without a duty of care see them (`1**`), or as
 * `[personal]` where they see nothing: read plain they would be a read of personal data that the
 * personal-data read log never hears of. The entry still says who changed which field and when.
 */
function logged(entity: string, key: string, value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null;
  const personal = storedPersonalField(entity, key);
  if (personal?.sensitive) return '[sensitive]';
  if (personal) return personal.otherwise.needsValue ? personal.otherwise.value(value) : '[personal]';
  if (/(^s|S)ealed$/.test(key)) return '[sealed]';
  if (/Index$/.test(key) && typeof value === 'string' && /^[0-9a-f]{64}$/.test(value)) return '[hidden]';
  return value;
}

function withoutSecrets(entity: string, changes: Changes): Changes {
  const out: Changes = {};
  for (const [key, change] of Object.entries(changes))
    out[key] = { before: logged(entity, key, change.before), after: logged(entity, key, change.after) };
  return out;
}
const DERIVED = new Set(['path', 'orgPath', 'updatedAt', 'createdAt']);

function plain(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    const v = value as { id?: unknown; unwrap?: () => { id?: unknown } };
    if (typeof v.unwrap === 'function') return v.unwrap().id ?? null;
    if ('id' in v) return v.id ?? null;
    if (Array.isArray(value)) return value.map(plain);
  }
  return value;
}

function communityOf(name: string, entity: Record<string, unknown>): number | null {
  if (name === 'Community') return (entity.id as number) ?? null;
  const community = entity.community as { id?: number } | null | undefined;
  return community?.id ?? null;
}

function entryOf(changeSet: ChangeSet<object>, operation: string): PendingEntry | null {
  const name = changeSet.name;
  if (name === 'AuditEntry') return null;
  const after = (changeSet.payload ?? {}) as Record<string, unknown>;
  const before = (changeSet.originalEntity ?? {}) as Record<string, unknown>;
  const changes: PendingEntry['changes'] = {};
  for (const key of Object.keys(after)) {
    if (DERIVED.has(key)) continue;
    changes[key] = HIDDEN.has(key)
      ? { before: operation === 'CREATE' ? null : '[hidden]', after: '[hidden]' }
      : { before: operation === 'CREATE' ? null : logged(name, key, plain(before[key])), after: logged(name, key, plain(after[key])) };
  }
  if (operation === 'UPDATE' && Object.keys(changes).length === 0) return null;
  const entity = changeSet.entity as Record<string, unknown>;
  const pk = changeSet.getPrimaryKey();
  return { community_id: communityOf(name, entity), entity: name, entity_id: typeof pk === 'number' ? pk : null, operation, changes };
}

/** Listens to every flush; records only inside a mutation (seeds and scripts are not requests). */
export class AuditRecorder implements EventSubscriber {
  private record(args: EventArgs<object>, operation: string): void {
    const buffer = pending.get(args.em as EntityManager);
    if (!buffer || !args.changeSet) return;
    const entry = entryOf(args.changeSet, operation);
    if (entry) buffer.entries.push(entry);
  }

  afterCreate(args: EventArgs<object>): void {
    this.record(args, 'CREATE');
  }

  afterUpdate(args: EventArgs<object>): void {
    this.record(args, 'UPDATE');
  }

  afterDelete(args: EventArgs<object>): void {
    this.record(args, 'DELETE');
  }
}

/** A row a set-based write returns: its key and tenant first, then what the audit entry records. */
export interface WrittenRow {
  id: number;
  community_id: number | null;
}

/**
 * Set-based SQL that changes rows (charging a compound's households in one statement), with the
 * audit the flush would have written: the statement ends with `returning id, community_id, …`, and
 * each returned row becomes one entry of `operation` on `entity` with the fields `changes` names.
 * Every write the application makes outside the ORM goes through here (a test compares every row
 * change of the suite's mutations with the audit log), and only inside a mutation.
 */
export async function auditedWrite<R extends WrittenRow>(
  em: EntityManager,
  write: { entity: string; operation: 'CREATE' | 'UPDATE' | 'DELETE'; sql: string; params: unknown[]; changes: (row: R) => Changes },
): Promise<R[]> {
  const buffer = pending.get(em);
  if (!buffer) throw new Error(`auditedWrite of ${write.entity} outside a mutation`);
  const rows = await dbOf(em).query<R>(write.sql, write.params);
  for (const row of rows) {
    buffer.entries.push({
      community_id: row.community_id,
      entity: write.entity,
      entity_id: row.id,
      operation: write.operation,
      changes: withoutSecrets(write.entity, write.changes(row)),
    });
  }
  return rows;
}

/** The changes of a created row: every field from nothing to its value. */
export function created(fields: Record<string, unknown>): Changes {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, { before: null, after: v }]));
}

/** Starts recording the flushes of `em` for the request's current mutation. */
export function beginAudit(ctx: RequestContext, em: EntityManager): void {
  pending.set(em, { ctx, entries: [] });
}

/** Writes what `em` flushed as audit entries, in one statement on the same transaction. */
export async function writeAudit(em: EntityManager): Promise<void> {
  const buffer = pending.get(em);
  pending.delete(em);
  if (!buffer || buffer.entries.length === 0) return;
  const { ctx } = buffer;
  const principal = ctx.principal;
  // What every entry of the request shares goes once, as parameters; the JSON carries only what differs
  // (a bulk upsert writes 2,000 entries in one statement: a third of the text to parse).
  // Feed positions are reserved once per community for the whole statement (lianxin_feed_reserve, in
  // community order so two writers lock alike) and numbered in the entries' order, instead of a
  // trigger call per row; a trigger checks them against the reservation at the end of the statement.
  const rows = buffer.entries.map((e) => ({ c: e.community_id, e: e.entity, i: e.entity_id, o: e.operation, x: e.changes }));
  await ctx.db.query(
    `with x as materialized (
       select * from rows from (json_to_recordset($1::json) as (c int, e text, i int, o text, x jsonb)) with ordinality as x(c, e, i, o, x, n)),
     r as materialized (
       select g.c, lianxin_feed_reserve(g.c, g.k) as base
         from (select x.c, count(*)::int as k from x where x.c is not null group by x.c order by x.c) g)
     insert into audit_entry (community_id, request_id, client_request_id, actor_user_id, actor_service_account_id, actor_label, action, entity, entity_id, operation, changes, feed_seq)
     select x.c, $2::text, $3::text, $4::int, $5::int, $6::text, $7::text, x.e, x.i, x.o, x.x,
            r.base + row_number() over (partition by x.c order by x.n)
       from x left join r on r.c = x.c
      order by x.n`,
    [
      JSON.stringify(rows),
      ctx.requestId,
      ctx.clientRequestId ?? null,
      principal.kind === 'user' ? principal.userId : null,
      principal.kind === 'service' ? principal.serviceAccountId : null,
      actorLabel(principal),
      ctx.action ?? 'unknown',
    ],
  );
}
