import type { RequestContext } from '../../context';
import { dbOf } from '../../core/data/db';
import { NotFoundError } from '../../core/errors/errors';
import { mutate, type MutationOutcome } from '../../core/graphql/mutation';
import { decodeGlobalId, type DecodedId } from '../../core/ids/global-id';
import { UserErrorCode, refuse } from '../../core/validation/user-error';
import { archivableType, type ArchivableType } from '../../core/archiving/registry';
import type { ArchiveNodeInput, RestoreNodeInput } from './archiving.inputs';

function typeOf(id: string): { decoded: DecodedId; type: ArchivableType } {
  const decoded = decodeGlobalId(id);
  const type = decoded ? archivableType(decoded.type) : undefined;
  if (!decoded || !type) throw new NotFoundError('archivable object', { field: 'id' });
  return { decoded, type };
}

/** Soft deletion: archived nodes leave default lists and stay readable by ID and with a filter. */
export const archivingService = {
  /** Archives a node that has no active children. */
  archive(ctx: RequestContext, input: ArchiveNodeInput): Promise<MutationOutcome<DecodedId>> {
    return mutate(ctx, input, async (em) => {
      const { decoded, type } = typeOf(input.id);
      const entity = await em.findOne(type.entity, { id: decoded.pk });
      if (!entity) throw new NotFoundError(decoded.type, { field: 'id' });
      if (entity.archivedAt) refuse('id', UserErrorCode.ARCHIVED, 'It is already archived');
      for (const child of type.children) {
        const conditions = [child.notArchivable ? null : 'archived_at is null', child.active].filter(Boolean).join(' and ');
        const [row] = await dbOf(em).query<{ n: number }>(
          `select count(*)::int as n from ${child.table} where ${child.column} = $1 and ${conditions}`,
          [decoded.pk],
        );
        if (row.n > 0)
          refuse('id', UserErrorCode.HAS_ACTIVE_CHILDREN, `It still has ${row.n} active ${child.label}; archive, end or move them first`);
      }
      entity.archivedAt = ctx.clock.now();
      await em.flush();
      return decoded;
    });
  },

  /** Restores an archived node whose parents are active. */
  restore(ctx: RequestContext, input: RestoreNodeInput): Promise<MutationOutcome<DecodedId>> {
    return mutate(ctx, input, async (em) => {
      const { decoded, type } = typeOf(input.id);
      const entity = await em.findOne(type.entity, { id: decoded.pk });
      if (!entity) throw new NotFoundError(decoded.type, { field: 'id' });
      if (!entity.archivedAt) refuse('id', UserErrorCode.NOT_ARCHIVED, 'It is not archived');
      for (const parent of type.parents) {
        const [row] = await dbOf(em).query<{ archived: boolean }>(
          `select p.archived_at is not null as archived from ${type.table} t join ${parent.table} p on p.id = t.${parent.column} where t.id = $1`,
          [decoded.pk],
        );
        if (row?.archived) refuse('id', UserErrorCode.PARENT_ARCHIVED, `Its ${parent.label} is archived; restore that first`);
      }
      entity.archivedAt = null;
      await em.flush();
      return decoded;
    });
  },
};
