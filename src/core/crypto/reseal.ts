import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { FieldKeys } from './field-keys';
import { withTransaction } from '../database/owner-transaction';
import { open, seal, sealedKeyId } from './sealed';

/*
 * Re-sealing after a key rotation (npm run keys:reencrypt, docs/integration.md "Rotation"): every
 * value sealed under a key id other than the current one is opened and sealed again with the
 * current key, in batches of rows, each batch its own transaction, so the old key can be dropped
 * from FIELD_ENCRYPTION_KEYS afterwards. Idempotent: a value already under the current key is left
 * alone, so a second run (or one resumed after an interruption) changes nothing.
 *
 * Only the ciphertext changes: the plain value, its blind index and `updated_at` stay (nothing a
 * sync script or the change feed should see as a change). Each batch writes one audit entry per
 * community, entity `FieldKeyRotation`: which rows and columns, from which key ids to which; never
 * a value. That entity is not in the change feed and sends no webhook.
 */

/** Every sealed column of the schema, by table (a new one must be listed here: tests/integration/keys-reencrypt.test.ts). */
export const SEALED_COLUMNS: ReadonlyArray<{ table: string; columns: readonly string[] }> = [
  { table: 'person', columns: ['phone_sealed', 'id_number_sealed'] },
  { table: 'anonymous_report', columns: ['phone_sealed'] },
  { table: 'webhook_secret', columns: ['sealed'] },
];

export const RESEAL_ACTION = 'keys:reencrypt';

export interface ResealOptions {
  /** Rows per transaction (default 500). */
  batchSize?: number;
  /** Who runs it, for the audit log (default the operator's command). */
  actor?: string;
}

export interface ResealReport {
  /** The key values are now sealed with. */
  currentKey: string;
  /** Per table: rows rewritten and values re-sealed. */
  tables: Record<string, { rows: number; values: number }>;
  batches: number;
}

type Row = { id: number; community_id: number | null } & Record<string, string | null>;

/** Re-seals every value not under `keys.current`; `url` is the owner's connection (the seeds' and tokens' one). */
export async function resealStale(url: string, keys: FieldKeys, options: ResealOptions = {}): Promise<ResealReport> {
  const batchSize = options.batchSize ?? 500;
  const actor = options.actor ?? 'npm run keys:reencrypt';
  const requestId = `keys-reencrypt-${randomUUID()}`;
  const report: ResealReport = { currentKey: keys.current, tables: {}, batches: 0 };
  for (const { table, columns } of SEALED_COLUMNS) {
    const tally = { rows: 0, values: 0 };
    report.tables[table] = tally;
    const stale = columns.map((c) => `(${c} is not null and split_part(${c}, ':', 2) <> $1)`).join(' or ');
    let after = 0;
    for (;;) {
      const done = await withTransaction(url, async (client) => {
        const { rows } = await client.query<Row>(
          `select id, community_id, ${columns.join(', ')} from ${table} where id > $2 and (${stale}) order by id limit $3 for update`,
          [keys.current, after, batchSize],
        );
        if (rows.length === 0) return true;
        after = rows[rows.length - 1].id;
        const fresh = columns.map(() => [] as Array<string | null>);
        const byCommunity = new Map<number | null, { ids: number[]; from: Set<string> }>();
        for (const row of rows) {
          const group = byCommunity.get(row.community_id) ?? { ids: [], from: new Set<string>() };
          byCommunity.set(row.community_id, group);
          group.ids.push(row.id);
          columns.forEach((column, i) => {
            const value = row[column];
            if (value === null || sealedKeyId(value) === keys.current) {
              fresh[i].push(null); // keeps what is stored
              return;
            }
            group.from.add(sealedKeyId(value));
            fresh[i].push(seal(open(value, keys), keys));
            tally.values++;
          });
        }
        await client.query(
          `update ${table} t set ${columns.map((c) => `${c} = coalesce(x.${c}, t.${c})`).join(', ')}
             from unnest($1::int[]${columns.map((_, i) => `, $${i + 2}::text[]`).join('')}) as x(id${columns.map((c) => `, ${c}`).join('')})
            where t.id = x.id`,
          [rows.map((r) => r.id), ...fresh],
        );
        await auditBatch(client, requestId, actor, table, columns, keys.current, byCommunity);
        tally.rows += rows.length;
        report.batches++;
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
  toKey: string,
  byCommunity: Map<number | null, { ids: number[]; from: Set<string> }>,
): Promise<void> {
  const entries = [...byCommunity].map(([community, group]) => ({
    c: community,
    x: { table, columns, rows: group.ids, fromKeys: [...group.from].sort(), toKey },
  }));
  await client.query(
    `insert into audit_entry (community_id, request_id, actor_label, action, entity, entity_id, operation, changes)
     select x.c, $2, $3, $4, 'FieldKeyRotation', null, 'UPDATE', x.x from json_to_recordset($1::json) as x(c int, x jsonb)`,
    [JSON.stringify(entries), requestId, actor.slice(0, 100), RESEAL_ACTION],
  );
}
