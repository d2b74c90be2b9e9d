import type { RequestContext } from '../../context';
import { fieldKeys } from '../../core/crypto/field-keys';
import { blindIndexes } from '../../core/crypto/sealed';
import { UserErrorCode, refuse } from '../../core/validation/user-error';

/*
 * While the blind-index key is rotated (a previous key still in FIELD_INDEX_KEY), a number stored
 * before the rotation keeps its index under the previous key until keys:reencrypt recomputes it,
 * so the unique constraint on the current index cannot see it: look under the previous keys too.
 * No statement at all outside a rotation.
 */
export async function refuseIdNumberUnderPreviousIndexKey(
  ctx: RequestContext,
  communityId: number,
  idNumber: string | null | undefined,
  selfId: number | null,
): Promise<void> {
  const keys = fieldKeys();
  if (!idNumber || !keys.previousIndexKeys?.length) return;
  const previous = blindIndexes('id-number', idNumber, keys).slice(1);
  const [taken] = await ctx.db.query<{ id: number }>(
    'select id from person where community_id = $1 and id_number_index = any($2::text[]) and id is distinct from $3::int limit 1',
    [communityId, previous, selfId],
  );
  if (taken) refuse('idNumber', UserErrorCode.TAKEN, 'Another person in this community has this identity card number');
}
