import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import type { RequestContext } from '../../context';
import { personalDataFields } from '../../core/auth/personal-data';
import { BadUserInputError } from '../../core/errors/errors';
import { DateTimeScalar } from '../../core/graphql/scalars';
import { toGlobalId } from '../../core/ids/global-id';
import { EXTERNAL_NODE, externalNodeTypeOf, type ExternalNodeType } from './integration.enums';
import { externalIdsOf } from './integration.loaders';
import { ExternalIdType } from './integration.types';

/*
 * The change feed, read from the audit log (written in the same transaction as every change): what
 * changed in a community since a cursor, for the kinds a city system also knows. Field names only,
 * never values. The cursor is the entry's feed position (audit_entry.feed_seq), handed out in
 * commit order without gaps per community (migrations ..._commit_ordered_feed and
 * ..._set_based_feed_positions: reserved per statement by the audit write, else by a trigger): a
 * reader that sees a position has already seen every position below it. How far back the feed
 * reads is configured (CHANGE_FEED_RETENTION_DAYS); a script that fell further behind resyncs.
 */

export enum ChangeOperation {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  DELETED = 'DELETED',
}

registerEnumType(ChangeOperation, {
  name: 'ChangeOperation',
  description: 'What happened to the object.',
  valuesConfig: {
    CREATED: { description: 'It was created.' },
    UPDATED: { description: 'Fields changed (archiving and restoring too: archivedAt among the fields).' },
    DELETED: { description: 'It was removed (rows are archived, so rarely seen).' },
  },
});

/*
 * Sensitive personal fields (PIPL art. 28: a household's vulnerability tags) are not named: a feed
 * or a webhook saying "vulnerabilityTags changed" on a household with none tells its reader that
 * the household now belongs to a protected group, which the reader may not see. An update that
 * changed nothing else is not carried at all (as a kind outside FEED_TYPES is not).
 */

/** The sensitive fields as `Entity.field` (audit entries name entities and fields as the declarations name types and fields). */
export function sensitiveChangeKeys(): string[] {
  return personalDataFields()
    .filter((f) => f.sensitive)
    .map((f) => `${f.type}.${f.field}`);
}

/** The fields of audit entry `t` a reader is told of, given `keys` (a text[] parameter of sensitiveChangeKeys()). */
export const shownFieldsSql = (keys: string) =>
  `(select array_agg(k order by k) from jsonb_object_keys(t.changes::jsonb) k where not (t.entity || '.' || k) = any(${keys}::text[]))`;

/** Whether audit entry `t` is carried at all: a creation or deletion, or an update of a field it may name. */
export const shownEntrySql = (keys: string) =>
  `(t.operation <> 'UPDATE' or exists (select 1 from jsonb_object_keys(t.changes::jsonb) k where not (t.entity || '.' || k) = any(${keys}::text[])))`;

/** The kinds the feed carries: those of a community that a city system also knows. */
export const FEED_TYPES = Object.values(EXTERNAL_NODE)
  .map((n) => n.type)
  .filter((t) => t !== 'District' && t !== 'Street');

export const MAX_CHANGES = 1000;

interface ChangeRow {
  seq: string;
  occurredAt: Date;
  entity: string;
  entityId: number;
  operation: string;
  fields: string[] | null;
}

@ObjectType('Change', { simpleResolvers: true, description: 'One change of one object, as the audit log recorded it.' })
export class ChangeType {
  @Field({ description: 'Read the feed after this change with changes(after:).' })
  cursor!: string;

  @Field({ description: 'The GraphQL type of the object, e.g. Household.' })
  type!: string;

  @Field(() => ID, { description: 'The object (fetch it with node(id:)).' })
  nodeId!: string;

  @Field(() => ChangeOperation, { description: 'Created, updated or deleted.' })
  operation!: ChangeOperation;

  @Field(() => DateTimeScalar, { description: 'When the change was recorded.' })
  at!: Date;

  @Field(() => [String], { description: 'The fields that changed (names only: values stay behind their own rules).' })
  fields!: string[];

  @Field(() => [ExternalIdType], { description: "The object's IDs in source systems, as they are now." })
  externalIds!: Array<{ system: string; id: string }>;
}

@ObjectType('ChangeFeed', { simpleResolvers: true, description: 'A page of the change feed.' })
export class ChangeFeedType {
  @Field(() => [ChangeType], { description: 'Oldest first.' })
  changes!: ChangeType[];

  @Field(() => String, { nullable: true, description: 'Give it as `after` next time; null when the page is empty (keep your cursor).' })
  endCursor!: string | null;

  @Field({ description: 'More changes follow right away.' })
  hasMore!: boolean;
}

export function encodeChangeCursor(seq: string): string {
  return Buffer.from(`s:${seq}`, 'utf8').toString('base64url');
}

/** A cursor of the feed: its position, or (cursors handed out before the feed was commit-ordered) an audit entry's id. */
export type ChangeCursor = { seq: string } | { auditId: string };

export function decodeChangeCursor(cursor: string | null | undefined): ChangeCursor {
  if (!cursor) return { seq: '0' };
  const text = /^[A-Za-z0-9_-]{1,40}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const m = /^([sa]):([1-9]\d{0,18})$/.exec(text);
  if (!m) throw new BadUserInputError('after is not a cursor of the change feed', { argument: 'after' });
  return m[1] === 's' ? { seq: m[2] } : { auditId: m[2] };
}

/** What `extensions.reason` says when a cursor or `since` lies beyond the feed's retention. */
export const CURSOR_EXPIRED = 'CURSOR_EXPIRED';

function expired(ctx: RequestContext, argument: string): BadUserInputError {
  const days = ctx.integration.feedRetentionDays;
  return new BadUserInputError(
    `The change feed keeps ${days} days and the changes after this ${argument === 'after' ? 'cursor' : 'time'} are older: resync (read the objects in full, e.g. by nodeByExternalId), then read the feed from the start`,
    { argument, reason: CURSOR_EXPIRED, retentionDays: days },
  );
}

const OPERATIONS: Record<string, ChangeOperation> = {
  CREATE: ChangeOperation.CREATED,
  UPDATE: ChangeOperation.UPDATED,
  DELETE: ChangeOperation.DELETED,
};

/**
 * One page of a community's changes after the cursor (or from `since`, or from the oldest change
 * retained), in one statement: where the page starts, the change right after the cursor (positions
 * have no gaps, so that is exactly the one the script needs next: beyond retention, the script
 * resyncs), and the page.
 */
export async function readChanges(
  ctx: RequestContext,
  communityPk: number,
  after: string | null | undefined,
  first: number,
  since?: Date | null,
): Promise<ChangeFeedType> {
  if (!Number.isInteger(first) || first < 1 || first > MAX_CHANGES)
    throw new BadUserInputError(`first must be from 1 to ${MAX_CHANGES}`, { argument: 'first' });
  const cutoff = new Date(ctx.clock.now().getTime() - ctx.integration.feedRetentionDays * 86_400_000);
  const cursor = after ? decodeChangeCursor(after) : null;
  if (!cursor && since && since < cutoff) throw expired(ctx, 'since');
  const rows = await ctx.db.query<ChangeRow & { start: string | null; nextAt: Date | string | null }>(
    `with c as (
       select case when $2::bigint is not null then $2::bigint
                   when $3::bigint is not null then (select a.feed_seq from audit_entry a where a.id = $3::bigint and a.community_id = $1)
                   else coalesce((select min(a.feed_seq) from audit_entry a where a.community_id = $1 and a.occurred_at >= $4::timestamptz),
                                 1 + coalesce((select max(a.feed_seq) from audit_entry a where a.community_id = $1), 0)) - 1
              end as seq)
     select c.seq::text as start,
            (select n.occurred_at from audit_entry n where n.community_id = $1 and n.feed_seq = c.seq + 1) as "nextAt",
            t.feed_seq::text as "seq", t.occurred_at as "occurredAt", t.entity, t.entity_id as "entityId", t.operation,
            ${shownFieldsSql('$7')} as fields
       from c left join lateral (
         select * from audit_entry t
          where t.community_id = $1 and t.feed_seq > c.seq and t.entity = any($5::text[]) and t.entity_id is not null
            and ${shownEntrySql('$7')}
          order by t.feed_seq limit $6) t on true
      order by t.feed_seq`,
    [
      communityPk,
      cursor && 'seq' in cursor ? cursor.seq : null,
      cursor && 'auditId' in cursor ? cursor.auditId : null,
      since ?? cutoff,
      FEED_TYPES,
      first + 1,
      sensitiveChangeKeys(),
    ],
  );
  const head = rows[0];
  // The driver may hand timestamps over as text: compare them as times.
  if (cursor && (!head?.start || (head.nextAt !== null && new Date(head.nextAt) < cutoff))) throw expired(ctx, 'after');
  const found = rows.filter((r) => r.seq !== null);
  const hasMore = found.length > first;
  if (hasMore) found.length = first;
  const changes = await Promise.all(
    found.map(async (r) => ({
      cursor: encodeChangeCursor(r.seq),
      type: r.entity,
      nodeId: toGlobalId(r.entity, r.entityId),
      operation: OPERATIONS[r.operation] ?? ChangeOperation.UPDATED,
      at: r.occurredAt,
      fields: r.fields ?? [],
      externalIds: await externalIdsOf(ctx, externalNodeTypeOf(r.entity) as ExternalNodeType, r.entityId),
    })),
  );
  return { changes, endCursor: changes.length ? changes[changes.length - 1].cursor : null, hasMore };
}
