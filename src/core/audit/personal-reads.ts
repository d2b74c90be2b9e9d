import type { RequestContext } from '../../context';
import { actorLabel, type Principal } from '../auth/principal';

/*
 * The personal-data read log (PIPL art. 51 and 55: a record of who accessed whose personal
 * information). The masking layer notes every declared personal value it hands a user or a service
 * account plain — not masked values, not nulls, not a person's own data — and the request writes
 * the notes in one statement just before it commits, in the same transaction: a request whose log
 * cannot be written rolls back and answers an error. A value read twice in one request is one
 * entry. An integration reading a door number plain is handling the person's data as much as a
 * user is: its entry names the service account and the API key it used.
 */

export interface PersonalRead {
  communityId: number;
  subjectType: string;
  subjectId: number;
  field: string;
  dataOf: 'person' | 'household';
}

// Apollo hands each operation a shallow copy of the context (the principal is set on the copy once
// the transaction opens): the loaders object is the request's own, so the notes hang on it.
const notes = new WeakMap<object, { principal: Principal; reads: Map<string, PersonalRead> }>();

/** Notes a value shown plain (idempotent within the request). */
export function notePersonalRead(ctx: RequestContext, read: PersonalRead): void {
  let forRequest = notes.get(ctx.loaders);
  if (!forRequest) notes.set(ctx.loaders, (forRequest = { principal: ctx.principal, reads: new Map() }));
  forRequest.reads.set(`${read.subjectType}:${read.subjectId}:${read.field}`, read);
}

// An entry's key is its batch's id × 2^20 + its position (the view personal_data_read).
const MAX_BATCH = 1048575;

/**
 * Writes the request's notes in one statement (none when there are none): one row per community,
 * kind of object, field and whose data, naming the objects in an array, so that the cost does not
 * grow with the number of persons shown. Returns the number of entries (objects × fields).
 */
export async function writePersonalReads(ctx: RequestContext): Promise<number> {
  const noted = notes.get(ctx.loaders);
  notes.delete(ctx.loaders);
  if (!noted || noted.reads.size === 0 || noted.principal.kind === 'anonymous') return 0;
  const principal = noted.principal;
  const open = new Map<string, { read: PersonalRead; ids: number[] }>();
  const batches: Array<{ read: PersonalRead; ids: number[] }> = [];
  for (const read of noted.reads.values()) {
    const key = `${read.communityId}:${read.subjectType}:${read.field}:${read.dataOf}`;
    let batch = open.get(key);
    if (!batch || batch.ids.length === MAX_BATCH) {
      batches.push((batch = { read, ids: [] }));
      open.set(key, batch);
    }
    batch.ids.push(read.subjectId);
  }
  const user = principal.kind === 'user' ? principal : null;
  const service = principal.kind === 'service' ? principal : null;
  await ctx.db.query(
    `insert into personal_data_read_batch (community_id, request_id, reader_kind, reader_user_id, reader_person_id, reader_service_account_id, reader_api_key_id, reader_label, subject_type, subject_ids, field, data_of)
     select x.community_id, $6, $7, $8, $9, $10, $11, $12, x.subject_type, x.subject_ids::int[], x.field, x.data_of
       from unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[]) as x(community_id, subject_type, field, data_of, subject_ids)`,
    [
      batches.map((b) => b.read.communityId),
      batches.map((b) => b.read.subjectType),
      batches.map((b) => b.read.field),
      batches.map((b) => b.read.dataOf),
      batches.map((b) => `{${b.ids.join(',')}}`),
      ctx.requestId,
      principal.kind,
      user?.userId ?? null,
      user?.personId ?? null,
      service?.serviceAccountId ?? null,
      service?.apiKeyId ?? null,
      actorLabel(principal),
    ],
  );
  return noted.reads.size;
}
