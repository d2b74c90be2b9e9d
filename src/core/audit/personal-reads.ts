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

/** What kind of personal value was shown: one per declared field, made once. */
export interface PersonalReadKind {
  subjectType: string;
  field: string;
  dataOf: 'person' | 'household';
}

// Apollo hands each operation a shallow copy of the context (the principal is set on the copy once
// the transaction opens): the loaders object is the request's own, so the notes hang on it. Kept as
// kind → community → objects: a note is three lookups and no allocation (a compound's 400 door
// numbers were 400 keys and objects, ≈ 3 % of Q2's Node CPU).
const notes = new WeakMap<object, { principal: Principal; reads: Map<PersonalReadKind, Map<number, Set<number>>> }>();

/** Notes a value shown plain (idempotent within the request). */
export function notePersonalRead(ctx: RequestContext, kind: PersonalReadKind, communityId: number, subjectId: number): void {
  let forRequest = notes.get(ctx.loaders);
  if (!forRequest) notes.set(ctx.loaders, (forRequest = { principal: ctx.principal, reads: new Map() }));
  let byCommunity = forRequest.reads.get(kind);
  if (!byCommunity) forRequest.reads.set(kind, (byCommunity = new Map()));
  let subjects = byCommunity.get(communityId);
  if (!subjects) byCommunity.set(communityId, (subjects = new Set()));
  subjects.add(subjectId);
}

// An entry's key is its batch's id × 2^20 + its position (the view personal_data_read).
const MAX_BATCH = 1048575;

/**
 * Writes the request's notes in one statement (none when there are none): one row per community,
 * kind of object, field and whose data, naming the objects in an array, so that the cost does not
 * grow with the number of persons shown. Returns the number of entries (objects × fields).
 * `commit`: the statement is the transaction's last and goes with its COMMIT in one round trip
 * (Db.commitWith); the caller commits next with nothing in between.
 */
export async function writePersonalReads(ctx: RequestContext, options: { commit?: boolean } = {}): Promise<number> {
  const noted = notes.get(ctx.loaders);
  notes.delete(ctx.loaders);
  if (!noted || noted.reads.size === 0 || noted.principal.kind === 'anonymous') return 0;
  const principal = noted.principal;
  const batches: Array<{ kind: PersonalReadKind; communityId: number; ids: number[] }> = [];
  let entries = 0;
  for (const [kind, byCommunity] of noted.reads)
    for (const [communityId, subjects] of byCommunity) {
      const ids = [...subjects];
      entries += ids.length;
      for (let from = 0; from < ids.length; from += MAX_BATCH) batches.push({ kind, communityId, ids: ids.slice(from, from + MAX_BATCH) });
    }
  const user = principal.kind === 'user' ? principal : null;
  const service = principal.kind === 'service' ? principal : null;
  await (options.commit ? ctx.db.commitWith.bind(ctx.db) : ctx.db.query.bind(ctx.db))(
    `insert into personal_data_read_batch (community_id, request_id, reader_kind, reader_user_id, reader_person_id, reader_service_account_id, reader_api_key_id, reader_label, subject_type, subject_ids, field, data_of)
     select x.community_id, $6, $7, $8, $9, $10, $11, $12, x.subject_type, x.subject_ids::int[], x.field, x.data_of
       from unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[]) as x(community_id, subject_type, field, data_of, subject_ids)`,
    [
      batches.map((b) => b.communityId),
      batches.map((b) => b.kind.subjectType),
      batches.map((b) => b.kind.field),
      batches.map((b) => b.kind.dataOf),
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
  return entries;
}
