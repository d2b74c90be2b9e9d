import { chain } from 'graphql-shield';
import { can, reachesCommunity, type Placed } from '../../core/auth/principal';
import type { NodeRow } from '../../core/data/node-spec';
import { ApiError, BadUserInputError, ForbiddenError, NotFoundError } from '../../core/errors/errors';
import { Capability } from '../../core/auth/capabilities';
import { CommunitySpec } from '../geography/community.loaders';
import { nodeReadCapability, nodeReadCheck, nodeSpecFor } from '../../core/graphql/node';
import { decodeGlobalId } from '../../core/ids/global-id';
import { fields, payload } from '../../core/permissions/fields';
import {
  allow,
  authenticated,
  controlsPrincipal,
  mutation,
  predicate,
  refusal,
  type CapabilityOf,
  type PermissionPart,
  type Target,
  type TargetsOf,
  writesPersonalData,
} from '../../core/permissions/rules';
import { field, inputOf, labelled, rowOf } from '../../core/permissions/targets';
import { serviceAccountTarget } from '../identity/identity.rules';
import { EXTERNAL_NODE, externalNodeTypeOf, type ExternalNodeType } from './integration.enums';
import {
  communityPkOf,
  findPersonByIdNumber,
  matchesByIdNumberSomewhere,
  nodeByExternalKey,
  systemsOfAccount,
} from './integration.loaders';
import { externalNodeOf } from './integration.service';

const EXTERNAL_TYPES = Object.values(EXTERNAL_NODE)
  .map((n) => n.type)
  .join(', ');

/** The node named by input[name], of a kind that carries external IDs. */
function externalNode(name: string): TargetsOf {
  return labelled(async (args, ctx): Promise<Target[]> => {
    const id = inputOf(args)[name];
    if (typeof id !== 'string' || !decodeGlobalId(id)) return [{ malformed: name }];
    const node = externalNodeOf(id, name);
    return [(await ctx.loaders.node(nodeSpecFor(node.type)!).load(node.pk)) as Placed | null];
  }, `input.${name} (${EXTERNAL_TYPES})`);
}

/** Writing an object's external IDs takes what writing the object takes. */
const writesTheObject: CapabilityOf = {
  of: (target) => EXTERNAL_NODE[externalNodeTypeOf((target as unknown as NodeRow).__typename)!].write,
  label:
    'what writes the object (WRITE_ORGANIZATION: districts, streets, communities; WRITE_PLACES: compounds to households; WRITE_PEOPLE: persons)',
};

/** A service account speaks only for the systems it is bound to; people may correct any system's IDs. */
export const boundToSystem = predicate(
  'integration:system',
  'a service account: bound to input.system (bindServiceAccountSystem); users: any system',
  async (args, ctx) => {
    if (ctx.principal.kind !== 'service') return true;
    const system = inputOf(args).system;
    if (typeof system !== 'string') return true; // the input's validation refuses it
    const systems = await systemsOfAccount(ctx, ctx.principal.serviceAccountId);
    return systems.includes(system) ? true : new ForbiddenError(`This service account is not bound to the system ${system}`);
  },
);

/**
 * As node(id:): the read capability of the object's type over the object found; another
 * community's is not found at all. `find` names the object, or throws an ApiError (an ambiguous key).
 */
function readsFound(
  name: string,
  description: string,
  find: (args: Record<string, unknown>, ctx: Parameters<TargetsOf>[1]) => Promise<{ type: string; pk: number } | null>,
) {
  return predicate(name, description, async (args, ctx) => {
    let found: { type: string; pk: number } | null;
    try {
      found = await find(args, ctx);
    } catch (err) {
      // The shield would turn a thrown error into FORBIDDEN: an ambiguous key is the caller's input to fix.
      return err instanceof ApiError ? err : refusal(ctx);
    }
    if (found === null) return true;
    const { type, pk } = found;
    const read = nodeReadCapability(type);
    const row: (NodeRow & Placed) | null = await ctx.loaders.node(nodeSpecFor(type)!).load(pk);
    if (!row || read === 'public') return true;
    if (row.communityId && !reachesCommunity(ctx.principal, row.communityId)) return new NotFoundError(type, { argument: 'id' });
    const check = nodeReadCheck(type);
    if (check) return check(ctx.principal, row) ? true : refusal(ctx);
    return read && can(ctx.principal, read, row) ? true : refusal(ctx, read || undefined);
  });
}

const readsFoundNode = readsFound(
  'query:nodeByExternalId',
  "the read capability of the object's type over the object found (as node(id:)); none found: null",
  async (args, ctx) => {
    const kind = args.type as ExternalNodeType;
    const pk = await nodeByExternalKey(ctx, {
      system: String(args.system),
      kind,
      id: String(args.id),
      communityId: communityPkOf(args.communityId as string | null | undefined),
    });
    return pk === null ? null : { type: EXTERNAL_NODE[kind].type, pk };
  },
);

/**
 * A lookup by identity card number answers, found or not, whether the number is on record: it is
 * for those who may see the number plain or who write it (matchesByIdNumber), and refused to
 * everyone else before anything is looked up. Persons the caller may read but not match by number
 * are not found (findPersonByIdNumber), exactly like a number on record nowhere.
 */
const matchesByIdNumberGate = predicate(
  'query:personByIdNumber:matches',
  'READ_PERSONAL_DATA (reads identity card numbers plain) or WRITE_PEOPLE (writes them: the register’s INTEGRATION account) somewhere, checked before the lookup (found or not)',
  (_args, ctx) => (matchesByIdNumberSomewhere(ctx.principal) ? true : refusal(ctx)),
);

const readsFoundPerson = readsFound(
  'query:personByIdNumber',
  'READ_PERSONS over the person found (as node(id:)), among the persons the caller reads identity card numbers of or writes them for; none found: null. The number itself stays personal data.',
  async (args, ctx) => {
    const pk = await findPersonByIdNumber(ctx, String(args.idNumber), args.communityId as string | null | undefined);
    return pk === null ? null : { type: 'Person', pk };
  },
);

/**
 * The feed shows every person's and household's changes in the community: it is for those who read
 * persons over the whole community. Another community's is NOT_FOUND, like one that does not exist.
 */
const readsWholeCommunity = predicate(
  'query:changes',
  "READ_PERSONS over the whole community (a role at the community or above it); another community's: NOT_FOUND",
  async (args, ctx) => {
    if (typeof args.communityId !== 'string' || !decodeGlobalId(args.communityId))
      return new BadUserInputError('communityId is not a valid ID', { argument: 'communityId' });
    const community = await rowOf(ctx, CommunitySpec, args.communityId);
    if (!community || !reachesCommunity(ctx.principal, community.communityId))
      return new NotFoundError('Community', { argument: 'communityId' });
    return can(ctx.principal, Capability.READ_PERSONS, community) ? true : refusal(ctx, Capability.READ_PERSONS);
  },
);

/** Who may find objects by their external IDs and record them. */
export const integrationRules: PermissionPart = {
  Query: {
    nodeByExternalId: chain(authenticated, readsFoundNode),
    personByIdNumber: chain(authenticated, matchesByIdNumberGate, readsFoundPerson),
    changes: chain(authenticated, readsWholeCommunity),
  },
  Mutation: {
    setExternalId: chain(mutation('setExternalId', writesTheObject, externalNode('nodeId')), boundToSystem),
    // A binding widens what the account's keys can do: as minting its keys, it takes control of the account.
    bindServiceAccountSystem: controlsPrincipal('bindServiceAccountSystem', serviceAccountTarget),
    unbindServiceAccountSystem: controlsPrincipal('unbindServiceAccountSystem', serviceAccountTarget),
    // A whole community's list: the capability over the community itself, and the system's binding.
    upsertCompounds: chain(mutation('upsertCompounds', Capability.WRITE_PLACES, field(CommunitySpec, 'communityId')), boundToSystem),
    upsertBuildings: chain(mutation('upsertBuildings', Capability.WRITE_PLACES, field(CommunitySpec, 'communityId')), boundToSystem),
    upsertUnits: chain(mutation('upsertUnits', Capability.WRITE_PLACES, field(CommunitySpec, 'communityId')), boundToSystem),
    // Door numbers are unique per unit: as createHousehold, whoever cannot read them plain may not write them (TAKEN would tell).
    upsertHouseholds: chain(
      mutation('upsertHouseholds', Capability.WRITE_PLACES, field(CommunitySpec, 'communityId')),
      writesPersonalData('upsertHouseholds', 'Household.doorNo', ['items[].doorNo'], field(CommunitySpec, 'communityId')),
      boundToSystem,
    ),
    upsertPersons: chain(mutation('upsertPersons', Capability.WRITE_PEOPLE, field(CommunitySpec, 'communityId')), boundToSystem),
  },
  // The object was reached through a checked field; what other systems call it is no secret beyond it.
  ...Object.fromEntries(Object.values(EXTERNAL_NODE).map((n) => [n.type, { externalIds: allow }])),
  ExternalId: fields(allow, 'system', 'id'),
  // The query was checked; a change carries names, never values.
  ChangeFeed: fields(allow, 'changes', 'endCursor', 'hasMore'),
  Change: fields(allow, 'cursor', 'type', 'nodeId', 'operation', 'at', 'fields', 'externalIds'),
  ServiceAccount: { systems: allow },
  // The mutation was checked; a result names the object and what happened, nothing of its contents.
  UpsertItemResult: fields(allow, 'index', 'externalId', 'status', 'id'),
  ...payload('UpsertCompoundsPayload', 'results', 'archived'),
  ...payload('UpsertBuildingsPayload', 'results', 'archived'),
  ...payload('UpsertUnitsPayload', 'results', 'archived'),
  ...payload('UpsertHouseholdsPayload', 'results', 'archived'),
  ...payload('UpsertPersonsPayload', 'results', 'archived'),
  ...payload('SetExternalIdPayload', 'node'),
  ...payload('BindServiceAccountSystemPayload', 'serviceAccount'),
  ...payload('UnbindServiceAccountSystemPayload', 'serviceAccount'),
};
