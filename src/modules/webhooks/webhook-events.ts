import { FEED_TYPES } from '../integration/change-feed';

/*
 * What a webhook receives: one change of the community's feed, named `<type>.<kind>`
 * (`household.updated`, `person.archived`), with the node's ID and the names of the changed
 * fields. Never values: the receiver reads the object through the API, under its own rules.
 */

export const EVENT_KINDS = ['created', 'updated', 'archived', 'restored', 'deleted'] as const;
export const EVENT_OBJECTS = FEED_TYPES.map((t) => t.toLowerCase());

/** A subscription's event type: `household.updated`, `household.*` or `*`. */
export function isEventPattern(pattern: string): boolean {
  if (pattern === '*') return true;
  const [object, kind, extra] = pattern.split('.');
  return extra === undefined && EVENT_OBJECTS.includes(object) && (kind === '*' || (EVENT_KINDS as readonly string[]).includes(kind));
}

export function matches(patterns: readonly string[], eventType: string): boolean {
  const [object] = eventType.split('.');
  return patterns.some((p) => p === '*' || p === eventType || p === `${object}.*`);
}

/** The kind of change an audit entry records (archiving is an update of archivedAt to a time; restoring, back to null). */
export const KIND_SQL = `case t.operation when 'CREATE' then 'created' when 'DELETE' then 'deleted'
  else case when t.changes ? 'archivedAt' then case when t.changes->'archivedAt'->>'after' is null then 'restored' else 'archived' end
            else 'updated' end end`;

export interface WebhookEvent {
  /** The same for every delivery of this change: `<community id>.<feed position>`. */
  id: string;
  type: string;
  createdAt: string;
  communityId: string;
  change: { nodeId: string; type: string; kind: string; fields: string[] };
}
