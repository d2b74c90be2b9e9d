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

/** Writes the request's notes in one statement (none when there are none). */
export async function writePersonalReads(ctx: RequestContext): Promise<number> {
  const noted = notes.get(ctx.loaders);
  notes.delete(ctx.loaders);
  if (!noted || noted.reads.size === 0 || noted.principal.kind === 'anonymous') return 0;
  const principal = noted.principal;
  const reads = [...noted.reads.values()];
  const user = principal.kind === 'user' ? principal : null;
  const service = principal.kind === 'service' ? principal : null;
  await ctx.db.query(
    `insert into personal_data_read (community_id, request_id, reader_kind, reader_user_id, reader_person_id, reader_service_account_id, reader_api_key_id, reader_label, subject_type, subject_id, field, data_of)
     select x.community_id, $2, $3, $4, $5, $6, $7, $8, x.subject_type, x.subject_id, x.field, x.data_of
       from jsonb_to_recordset($1::jsonb) as x(community_id int, subject_type text, subject_id int, field text, data_of text)`,
    [
      JSON.stringify(
        reads.map((r) => ({
          community_id: r.communityId,
          subject_type: r.subjectType,
          subject_id: r.subjectId,
          field: r.field,
          data_of: r.dataOf,
        })),
      ),
      ctx.requestId,
      principal.kind,
      user?.userId ?? null,
      user?.personId ?? null,
      service?.serviceAccountId ?? null,
      service?.apiKeyId ?? null,
      actorLabel(principal),
    ],
  );
  return reads.length;
}
