import type { RequestContext } from '../../context';
import { blindIndexes } from '../../core/crypto/sealed';
import { BadUserInputError } from '../../core/errors/errors';
import { decodeGlobalId } from '../../core/ids/global-id';
import { Capability } from '../../core/auth/capabilities';
import { personalField, readsPlainByRight } from '../../core/auth/personal-data';
import { can, canSomewhere, type Placed, type Principal } from '../../core/auth/principal';
import { PersonSpec } from '../people/person.loaders';
import type { ExternalNodeType } from './integration.enums';

/** An external ID as clients see it. */
export interface ExternalIdRow {
  system: string;
  id: string;
}

/** A node's external IDs, one statement for every node of a level. */
export function externalIdsOf(ctx: RequestContext, kind: ExternalNodeType, pk: number): Promise<ExternalIdRow[]> {
  return ctx.loaders
    .custom<number, ExternalIdRow[]>(`external-ids:${kind}`, async (db, pks) => {
      const rows = await db.query<ExternalIdRow & { nodeId: number }>(
        'select t.node_id as "nodeId", t.system, t.external_id as id from external_id t where t.node_type = $1 and t.node_id = any($2::int[]) order by t.system',
        [kind, pks],
      );
      return pks.map((pk) => rows.filter((r) => r.nodeId === pk).map(({ system, id }) => ({ system, id })));
    })
    .load(pk);
}

/** What names a node from outside: the system, the kind, the system's ID and, where the ID recurs, the community. */
export interface ExternalKey {
  system: string;
  kind: ExternalNodeType;
  id: string;
  communityId: number | null;
}

/**
 * The primary key of the node an external ID names among the caller's communities (row-level
 * security hides the others); null when none. The same ID in two communities the caller reaches is
 * ambiguous without the community. Shared by the permission rule and the resolver: one statement.
 */
export function nodeByExternalKey(ctx: RequestContext, key: ExternalKey): Promise<number | null> {
  return ctx.loaders
    .custom<string, number | null | Error>('external-id-lookup', async (db, keys) => {
      const parsed = keys.map((k) => JSON.parse(k) as ExternalKey);
      const rows = await db.query<{ i: number; nodeId: number }>(
        `select k.i, t.node_id as "nodeId"
           from unnest($1::text[], $2::text[], $3::text[], $4::int[]) with ordinality as k(system, kind, id, community_id, i)
           join external_id t on t.system = k.system and t.node_type = k.kind and t.external_id = k.id
                             and (k.community_id is null or t.community_id = k.community_id)`,
        [parsed.map((k) => k.system), parsed.map((k) => k.kind), parsed.map((k) => k.id), parsed.map((k) => k.communityId)],
      );
      return parsed.map((_k, index) => {
        const found = rows.filter((r) => Number(r.i) === index + 1);
        if (found.length > 1)
          return new BadUserInputError('That external ID names objects in several of your communities: give communityId', {
            argument: 'communityId',
          });
        return found[0]?.nodeId ?? null;
      });
    })
    .load(JSON.stringify(key))
    .then((v) => {
      if (v instanceof Error) throw v;
      return v;
    });
}

/** The source systems a service account is bound to (live bindings). */
export function systemsOfAccount(ctx: RequestContext, serviceAccountId: number): Promise<string[]> {
  return ctx.loaders
    .custom<number, string[]>('service-account-systems', async (db, ids) => {
      const rows = await db.query<{ accountId: number; system: string }>(
        'select t.service_account_id as "accountId", t.system from service_account_system t where t.service_account_id = any($1::int[]) and t.revoked_at is null order by t.system',
        [ids],
      );
      return ids.map((id) => rows.filter((r) => r.accountId === id).map((r) => r.system));
    })
    .load(serviceAccountId);
}

/**
 * The persons whose identity card number has one of these blind indexes (the number's under each
 * index key in use: rotation), among the caller's communities: the number itself is never
 * compared, read or returned. At most one per community (the index is unique there).
 */
export function personsByIdNumberIndex(ctx: RequestContext, indexes: string[], communityId: number | null): Promise<number[]> {
  return ctx.loaders
    .custom<string, number[]>('person-by-id-number', async (db, keys) => {
      const parsed = keys.map((k) => JSON.parse(k) as [string[], number | null]);
      const flat = parsed.flatMap(([idx, community], i) => idx.map((x) => ({ x, community, i: i + 1 })));
      const rows = await db.query<{ i: number; personId: number }>(
        `select distinct k.i, t.id as "personId"
           from unnest($1::text[], $2::int[], $3::int[]) as k(idx, community_id, i)
           join person t on t.id_number_index = k.idx and (k.community_id is null or t.community_id = k.community_id)
          order by k.i, t.id`,
        [flat.map((k) => k.x), flat.map((k) => k.community), flat.map((k) => k.i)],
      );
      return parsed.map((_k, index) => rows.filter((r) => Number(r.i) === index + 1).map((r) => r.personId));
    })
    .load(JSON.stringify([indexes, communityId]));
}

/**
 * Who may find a person by their identity card number: whoever reads the number plain there by
 * right (READ_PERSONAL_DATA: the duty of care), or writes it there (WRITE_PEOPLE: the register's
 * service account, which supplies the numbers it matches by, and would be told TAKEN for a number
 * on record anyway). A caller who may only read the person gets nothing from a lookup by a secret
 * they may not see: otherwise the answer (found or not) tells them the number.
 */
export function matchesByIdNumber(principal: Principal, person: Placed): boolean {
  return readsPlainByRight(principal, person, personalField('Person', 'idNumber')) || can(principal, Capability.WRITE_PEOPLE, person);
}

/** Whether the caller may match by identity card number anywhere at all (else the lookup is refused, found or not). */
export function matchesByIdNumberSomewhere(principal: Principal): boolean {
  return canSomewhere(principal, Capability.READ_PERSONAL_DATA) || canSomewhere(principal, Capability.WRITE_PEOPLE);
}

/**
 * The person an identity card number names among those the caller may match by it
 * (matchesByIdNumber); persons elsewhere are not found, exactly as a number on record nowhere.
 * BAD_USER_INPUT for a malformed number, or one on record in several communities the caller
 * matches in without communityId. Shared by the permission rule and the resolver: one statement.
 */
export async function findPersonByIdNumber(
  ctx: RequestContext,
  idNumber: string,
  communityId: string | null | undefined,
): Promise<number | null> {
  if (!/^[0-9]{17}[0-9X]$/.test(idNumber.trim().toUpperCase()))
    throw new BadUserInputError('idNumber must be 18 characters: 17 digits and a digit or X', { argument: 'idNumber' });
  const candidates = await personsByIdNumberIndex(ctx, blindIndexes('id-number', idNumber), communityPkOf(communityId));
  const rows = await Promise.all(candidates.map((pk) => ctx.loaders.node(PersonSpec).load(pk)));
  const found = rows.filter((row): row is NonNullable<typeof row> => !!row && matchesByIdNumber(ctx.principal, row));
  if (found.length > 1)
    throw new BadUserInputError('That identity card number is on record in several of your communities: give communityId', {
      argument: 'communityId',
    });
  return found[0]?.pk ?? null;
}

/** The community an optional communityId argument names (a malformed or foreign one matches nothing). */
export function communityPkOf(communityId: string | null | undefined): number | null {
  if (!communityId) return null;
  const decoded = decodeGlobalId(communityId);
  return decoded?.type === 'Community' ? decoded.pk : -1;
}
