import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { FieldKeys } from './field-keys';
import { withTransaction } from '../database/owner-transaction';
import { blindIndex, open, type IndexedKind } from './sealed';

/*
 * Re-indexing after the blind-index key is rotated (npm run keys:reencrypt, docs/integration.md
 * "Rotation"): every blind index is computed again from its sealed value under the current index
 * key, and rewritten where it differs, in batches of rows, each batch its own transaction. Until
 * then lookups try the previous keys too (FIELD_INDEX_KEY=<new>,<old>); once a run rewrites nothing,
 * the previous keys can go. An index carries no key id (it is an HMAC, compared for equality, and
 * the unique constraint compares it): which rows are stale is known only by recomputing, so a run
 * reads every indexed row; it rewrites only stale ones, and a second run changes nothing.
 *
 * Like re-sealing, only the index changes: the value, its ciphertext and `updated_at` stay. Each
 * batch that rewrote rows writes one audit entry per community (entity FieldKeyRotation, action
 * keys:reindex: which rows and columns, never a value or an index), not in the change feed. Two
 * rows of a community whose numbers are equal, one indexed under a previous key (a write that
 * raced a rotation), stop the run at that batch with the unique constraint's error.
 */

/** Every blind index of the schema, by table, beside the sealed column it indexes. */
export const INDEXED_COLUMNS: ReadonlyArray<{
  table: string;
  columns: ReadonlyArray<{ sealed: string; index: string; kind: IndexedKind }>;
}> = [
  {
    table: 'person',
    columns: [
      { sealed: 'phone_sealed', index: 'phone_index', kind: 'phone' },
      { sealed: 'id_number_sealed', index: 'id_number_index', kind: 'id-number' },
    ],
  },
  { table: 'anonymous_report', columns: [{ sealed: 'phone_sealed', index: 'phone_index', kind: 'phone' }] },
];

export const REINDEX_ACTION = 'keys:reindex';

export interface ReindexReport {
  /** Per table: rows read and indexes rewritten. */
  tables: Record<string, { rows: number; indexes: number }>;
  batches: number;
}

type Row = { id: number; community_id: number | null } & Record<string, string | null>;

/** Recomputes every blind index under `keys.indexKey`; `url` is the owner's connection. */
export async function reindexStale(
  url: string,
  keys: FieldKeys,
  options: { batchSize?: number; actor?: string } = {},
): Promise<ReindexReport> {
  const batchSize = options.batchSize ?? 500;
  const actor = options.actor ?? 'npm run keys:reencrypt';
  const requestId = `keys-reindex-${randomUUID()}`;
  const report: ReindexReport = { tables: {}, batches: 0 };
  for (const { table, columns } of INDEXED_COLUMNS) {
    const tally = { rows: 0, indexes: 0 };
    report.tables[table] = tally;
    const any = columns.map((c) => `${c.sealed} is not null`).join(' or ');
    const read = columns.flatMap((c) => [c.sealed, c.index]).join(', ');
    let after = 0;
    for (;;) {
      const done = await withTransaction(url, async (client) => {
        const { rows } = await client.query<Row>(
          `select id, community_id, ${read} from ${table} where id > $1 and (${any}) order by id limit $2 for update`,
          [after, batchSize],
        );
        if (rows.length === 0) return true;
        after = rows[rows.length - 1].id;
        tally.rows += rows.length;
        const fresh = columns.map(() => [] as Array<string | null>);
        const byCommunity = new Map<number | null, number[]>();
        for (const row of rows) {
          let stale = false;
          columns.forEach((c, i) => {
            const sealed = row[c.sealed];
            const index = sealed === null ? null : blindIndex(c.kind, open(sealed, keys), keys);
            if (index === row[c.index])
              fresh[i].push(null); // keeps what is stored
            else {
              fresh[i].push(index);
              tally.indexes++;
              stale = true;
            }
          });
          if (stale) byCommunity.set(row.community_id, [...(byCommunity.get(row.community_id) ?? []), row.id]);
        }
        const ids = new Set([...byCommunity.values()].flat());
        if (ids.size > 0) {
          const keep = rows.map((r, n) => ({ r, n })).filter(({ r }) => ids.has(r.id));
          await client.query(
            `update ${table} t set ${columns.map((c) => `${c.index} = coalesce(x.${c.index}, t.${c.index})`).join(', ')}
               from unnest($1::int[]${columns.map((_, i) => `, $${i + 2}::text[]`).join('')}) as x(id${columns.map((c) => `, ${c.index}`).join('')})
              where t.id = x.id`,
            [keep.map(({ r }) => r.id), ...fresh.map((f) => keep.map(({ n }) => f[n]))],
          );
          await auditBatch(
            client,
            requestId,
            actor,
            table,
            columns.map((c) => c.index),
            byCommunity,
          );
          report.batches++;
        }
        return rows.length < batchSize;
      });
      if (done) break;
    }
  }
  return report;
}

async function auditBatch(
  client: pg.Client,
  requestId: string,
  actor: string,
  table: string,
  columns: readonly string[],
  byCommunity: Map<number | null, number[]>,
): Promise<void> {
  const entries = [...byCommunity].map(([community, rows]) => ({ c: community, x: { table, columns, rows } }));
  await client.query(
    `insert into audit_entry (community_id, request_id, actor_label, action, entity, entity_id, operation, changes)
     select x.c, $2, $3, $4, 'FieldKeyRotation', null, 'UPDATE', x.x from json_to_recordset($1::json) as x(c int, x jsonb)`,
    [JSON.stringify(entries), requestId, actor.slice(0, 100), REINDEX_ACTION],
  );
}
