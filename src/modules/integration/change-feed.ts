import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import type { RequestContext } from '../../context';
import { BadUserInputError } from '../../core/errors/errors';
import { DateTimeScalar } from '../../core/graphql/scalars';
import { toGlobalId } from '../../core/ids/global-id';
import { EXTERNAL_NODE, externalNodeTypeOf, type ExternalNodeType } from './integration.enums';
import { externalIdsOf } from './integration.loaders';
import { ExternalIdType } from './integration.types';

/*
 * The change feed, read from the audit log (written in the same transaction as every change): what
 * changed in a community since a cursor, for the kinds a city system also knows. Field names only,
 * never values. The cursor is the audit entry's id: id order is not commit order, so a writer that
 * commits after a later id was read can be skipped (the commit-ordered outbox is not built yet:
 * docs/integration.md).
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

/** The kinds the feed carries: those of a community that a city system also knows. */
const FEED_TYPES = Object.values(EXTERNAL_NODE)
  .map((n) => n.type)
  .filter((t) => t !== 'District' && t !== 'Street');

export const MAX_CHANGES = 1000;

interface ChangeRow {
  auditId: string;
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

export function encodeChangeCursor(auditId: string): string {
  return Buffer.from(`a:${auditId}`, 'utf8').toString('base64url');
}

export function decodeChangeCursor(cursor: string | null | undefined): string {
  if (!cursor) return '0';
  const text = /^[A-Za-z0-9_-]{1,40}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const m = /^a:([1-9]\d{0,18})$/.exec(text);
  if (!m) throw new BadUserInputError('after is not a cursor of the change feed', { argument: 'after' });
  return m[1];
}

const OPERATIONS: Record<string, ChangeOperation> = {
  CREATE: ChangeOperation.CREATED,
  UPDATE: ChangeOperation.UPDATED,
  DELETE: ChangeOperation.DELETED,
};

/** One page of a community's changes after the cursor. */
export async function readChanges(
  ctx: RequestContext,
  communityPk: number,
  after: string | null | undefined,
  first: number,
): Promise<ChangeFeedType> {
  if (!Number.isInteger(first) || first < 1 || first > MAX_CHANGES)
    throw new BadUserInputError(`first must be from 1 to ${MAX_CHANGES}`, { argument: 'first' });
  const rows = await ctx.db.query<ChangeRow>(
    `select t.id::text as "auditId", t.occurred_at as "occurredAt", t.entity, t.entity_id as "entityId", t.operation,
            (select array_agg(k order by k) from jsonb_object_keys(t.changes::jsonb) k) as fields
       from audit_entry t
      where t.community_id = $1 and t.id > $2::bigint and t.entity = any($3::text[]) and t.entity_id is not null
      order by t.id limit $4`,
    [communityPk, decodeChangeCursor(after), FEED_TYPES, first + 1],
  );
  const hasMore = rows.length > first;
  if (hasMore) rows.length = first;
  const changes = await Promise.all(
    rows.map(async (r) => ({
      cursor: encodeChangeCursor(r.auditId),
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
