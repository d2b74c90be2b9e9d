import type { RequestContext } from '../../context';
import type { PageRequest } from '../../core/pagination/page-args';

export interface PersonalDataReadRow {
  /** The entry's key: its batch's id × 2^20 + its position in the batch (the view personal_data_read). */
  pk: number;
  readAt: string;
  communityId: number;
  requestId: string;
  readerKind: 'user' | 'service';
  readerUserId: number | null;
  readerServiceAccountId: number | null;
  readerPersonId: number | null;
  readerLabel: string;
  subjectType: string;
  subjectId: number;
  field: string;
  dataOf: string;
  path: string | null;
}

/** Keys are bigint: batch id × 2^20 + position, exact in a double up to 2^53. */
export const MAX_ENTRY_KEY = Number.MAX_SAFE_INTEGER;
const POSITIONS = 1048576;

const SELECT = `t.id * ${POSITIONS} + s.n as "pk", t.read_at as "readAt", t.community_id as "communityId", t.request_id as "requestId",
  t.reader_kind as "readerKind", t.reader_user_id as "readerUserId", t.reader_service_account_id as "readerServiceAccountId",
  t.reader_person_id as "readerPersonId", t.reader_label as "readerLabel", t.subject_type as "subjectType", s.subject_id as "subjectId",
  t.field as "field", t.data_of as "dataOf", (select c.path::text from community c where c.id = t.community_id) as "path"`;

export interface PersonalReadsFilter {
  communityId: number;
  subject?: { type: string; id: number };
}

/** The batch conditions (the community's batches, those naming the object) over alias `t`. */
function batchWhere(filter: PersonalReadsFilter, params: unknown[]): string {
  params.push(filter.communityId);
  let sql = `t.community_id = $${params.length}`;
  if (filter.subject) {
    params.push(filter.subject.type, filter.subject.id);
    sql += ` and t.subject_type = $${params.length - 1} and t.subject_ids @> array[$${params.length}::int]`;
  }
  return sql;
}

/*
 * A page of the community's entries, in key order: the batches are walked in id order (the
 * community's index) and unnested, so a page reads its batches only, never the whole log. The key
 * bounds are put on the batch id too, for the index.
 */
export async function personalReadsPage(
  ctx: RequestContext,
  page: PageRequest,
  filter: PersonalReadsFilter,
): Promise<PersonalDataReadRow[]> {
  const params: unknown[] = [];
  let where = batchWhere(filter, params);
  if (filter.subject) where += ` and s.subject_id = $${params.length}`;
  if (page.afterPk !== undefined) {
    params.push(String(page.afterPk));
    where += ` and t.id >= $${params.length}::bigint / ${POSITIONS} and t.id * ${POSITIONS} + s.n > $${params.length}::bigint`;
  }
  if (page.beforePk !== undefined) {
    params.push(String(page.beforePk));
    where += ` and t.id <= $${params.length}::bigint / ${POSITIONS} and t.id * ${POSITIONS} + s.n < $${params.length}::bigint`;
  }
  const direction = page.backward ? 'desc' : 'asc';
  const rows = await ctx.db.query<PersonalDataReadRow>(
    `select ${SELECT} from personal_data_read_batch t cross join lateral unnest(t.subject_ids) with ordinality as s(subject_id, n)
      where ${where} order by t.id ${direction}, s.n ${direction} limit ${page.limit + 1}`,
    params,
  );
  for (const row of rows) row.pk = Number(row.pk);
  return rows;
}

/** How many entries: the ids the batches name (an object is named once per batch). */
export async function personalReadsCount(ctx: RequestContext, filter: PersonalReadsFilter): Promise<number> {
  const params: unknown[] = [];
  const where = batchWhere(filter, params);
  const counted = filter.subject ? 'count(*)' : 'coalesce(sum(cardinality(t.subject_ids)), 0)';
  const row = await ctx.db.one<{ n: number }>(`select ${counted}::int as "n" from personal_data_read_batch t where ${where}`, params);
  return row?.n ?? 0;
}
