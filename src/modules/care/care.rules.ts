import { rule } from 'graphql-shield';
import type { RequestContext } from '../../context';
import { Capability } from '../../core/auth/capabilities';
import { can, reachesCommunity, type Placed } from '../../core/auth/principal';
import { BadUserInputError, NotFoundError } from '../../core/errors/errors';
import { connection, fields, NODE_FIELDS, payload } from '../../core/permissions/fields';
import {
  allow,
  authenticated,
  below,
  described,
  inCommunity,
  mutation,
  overPerson,
  refusal,
  type PermissionPart,
  type ShieldRule,
} from '../../core/permissions/rules';
import { all, field, inputOf, rowOf } from '../../core/permissions/targets';
import { decodeGlobalId } from '../../core/ids/global-id';
import type { NodeRow, NodeSpec } from '../../core/data/node-spec';
import { chain } from 'graphql-shield';
import { CommunitySpec } from '../geography/community.loaders';
import { PersonSpec } from '../people/person.loaders';
import { HouseholdSpec } from '../places/household.loaders';
import { isBranchSecretaryOver, isCareStaffOf } from './care-duty';
import { CareHelpItemSpec, CareLinkSpec, CareStaffSpec, memberBranchPaths } from './care.loaders';

const { READ_STRUCTURE, READ_PERSONAL_DATA, READ_AGGREGATES, WRITE_ORGANIZATION, MANAGE_ACCESS } = Capability;

/** A duty of care over a whole place (a community or a branch): its branch secretary or the community's care staff. */
async function dutyOver(ctx: RequestContext, target: Placed): Promise<boolean> {
  return isBranchSecretaryOver(ctx, target) || (await isCareStaffOf(ctx, target.communityId));
}

const careDuty: ShieldRule = described(
  rule('care:duty', { cache: 'no_cache' })(async (parent: Placed, _args, ctx: RequestContext) =>
    (await dutyOver(ctx, parent)) ? true : refusal(ctx),
  ),
  'a duty of care over the parent object: the secretary of its branch, or the community’s care staff',
);

function selfPerson(ctx: RequestContext, personPk: number | undefined): boolean {
  return ctx.principal.kind === 'user' && personPk !== undefined && ctx.principal.personId === personPk;
}

/**
 * A care mutation on one object named in the input: NOT_FOUND for what the caller cannot see (as
 * for any mutation), then `may` decides. Fails closed on a missing or malformed ID.
 */
function careMutation(
  name: string,
  idField: string,
  load: (ctx: RequestContext, id: string) => Promise<(Placed & { pk: number }) | null>,
  may: (ctx: RequestContext, target: Placed & { pk: number }, input: Record<string, unknown>) => Promise<boolean> | boolean,
  description: string,
): ShieldRule {
  const check = rule(`mutation:${name}`, { cache: 'no_cache' })(async (_parent, args: Record<string, unknown>, ctx: RequestContext) => {
    const input = inputOf(args);
    const id = input[idField];
    if (typeof id !== 'string' || !decodeGlobalId(id))
      return new BadUserInputError(`input.${idField} is not a valid ID`, { field: ['input', idField] });
    const target = await load(ctx, id);
    if (!target || !reachesCommunity(ctx.principal, target.communityId)) return new NotFoundError('object', { reason: 'reference' });
    return (await may(ctx, target, input)) ? true : refusal(ctx);
  });
  return described(chain(authenticated, check), `signed in; ${description}`);
}

/** Another object the input names must exist in a community the caller reaches (a help item, the member). */
function reachable<R extends NodeRow & Placed>(name: string, spec: NodeSpec<R>, idField: string): ShieldRule {
  return described(
    rule(`mutation:${name}:${idField}`, { cache: 'no_cache' })(async (_parent, args: Record<string, unknown>, ctx: RequestContext) => {
      const id = inputOf(args)[idField];
      if (typeof id !== 'string' || !decodeGlobalId(id))
        return new BadUserInputError(`input.${idField} is not a valid ID`, { field: ['input', idField] });
      const row = await rowOf(ctx, spec, id);
      return row && reachesCommunity(ctx.principal, row.communityId) ? true : new NotFoundError('object', { reason: 'reference' });
    }),
    `input.${idField} (${spec.type}) in a community the caller reaches`,
  );
}

/** Whether `path` is the branch path `branch` or beneath it. */
function underBranch(branch: string, path: string | null | undefined): boolean {
  return !!path && (path === branch || path.startsWith(`${branch}.`));
}

const linkRule = careMutation(
  'linkCareHousehold',
  'householdId',
  (ctx, id) => rowOf(ctx, HouseholdSpec, id),
  async (ctx, household, input) => {
    if (await dutyOver(ctx, household)) return true;
    // A party member puts a household of their own branch on their own card: a current membership
    // of the branch the household sits under, not merely a role that reads the household (a
    // committee member or a resident would give themselves a duty of care over its tags).
    const member = typeof input.memberId === 'string' ? decodeGlobalId(input.memberId) : undefined;
    if (member?.type !== 'Person' || !selfPerson(ctx, member.pk) || !can(ctx.principal, READ_STRUCTURE, household)) return false;
    const branches = await memberBranchPaths(ctx).load(member.pk);
    return branches.some((b) => underBranch(b, household.orgPath));
  },
  "the household's branch secretary or the community's care staff; or the member named, a current party member of the household's branch",
);

const onLinkRule = (name: string) =>
  careMutation(
    name,
    'linkId',
    (ctx, id) => rowOf(ctx, CareLinkSpec, id),
    async (ctx, link) => selfPerson(ctx, (link as Placed & { memberId?: number }).memberId) || (await dutyOver(ctx, link)),
    "the member holding the link, the household's branch secretary or the community's care staff",
  );

export const careRules: PermissionPart = {
  Query: { myCareLinks: authenticated },
  Community: {
    careHelpItems: inCommunity(READ_STRUCTURE),
    careCoverage: careDuty,
    careStaff: below(MANAGE_ACCESS),
    careMonths: below(READ_AGGREGATES),
  },
  CompoundBranch: { careCoverage: careDuty },
  Person: { careLinks: overPerson(READ_PERSONAL_DATA, 'pk') },
  Household: { careLinks: below(READ_PERSONAL_DATA) },
  CareHelpItem: { ...NODE_FIELDS, ...fields(allow, 'name', 'position', 'retiredOn') },
  CareLink: {
    ...NODE_FIELDS,
    ...fields(
      allow,
      'tag',
      'consentBy',
      'consentedOn',
      'consentScope',
      'linkedOn',
      'endedOn',
      'endedReason',
      'household',
      'member',
      'visits',
    ),
  },
  CareVisit: { ...NODE_FIELDS, ...fields(allow, 'visitedOn', 'done', 'outcome', 'minutesSpent', 'recordedBy', 'link', 'helpItem') },
  CareStaff: { ...NODE_FIELDS, ...fields(allow, 'appointedOn', 'endedOn', 'appointedBy', 'person') },
  CareCoverage: fields(allow, 'tagged', 'linked', 'share', 'uncoveredHouseholds', 'compounds'),
  CareCompoundCount: fields(allow, 'compound', 'tagged', 'linked', 'uncovered'),
  CareMonth: fields(allow, 'month', 'visits', 'solved', 'passedOn', 'minutes'),
  ...connection('CareVisit'),
  ...payload('EndCareLinkPayload', 'link'),
  ...payload('LinkCareHouseholdPayload', 'link'),
  ...payload('RecordCareVisitPayload', 'visit'),
  ...payload('AddCareHelpItemPayload', 'helpItem'),
  ...payload('RetireCareHelpItemPayload', 'helpItem'),
  ...payload('AppointCareStaffPayload', 'careStaff'),
  ...payload('EndCareStaffPayload', 'careStaff'),
};

export const careMutationRules: Record<string, ShieldRule> = {
  linkCareHousehold: chain(linkRule, reachable('linkCareHousehold', PersonSpec, 'memberId')),
  endCareLink: onLinkRule('endCareLink'),
  recordCareVisit: chain(onLinkRule('recordCareVisit'), reachable('recordCareVisit', CareHelpItemSpec, 'helpItemId')),
  addCareHelpItem: mutation('addCareHelpItem', WRITE_ORGANIZATION, field(CommunitySpec, 'communityId')),
  retireCareHelpItem: mutation('retireCareHelpItem', WRITE_ORGANIZATION, field(CareHelpItemSpec, 'helpItemId')),
  appointCareStaff: mutation('appointCareStaff', MANAGE_ACCESS, all(field(CommunitySpec, 'communityId'), field(PersonSpec, 'personId'))),
  endCareStaff: mutation('endCareStaff', MANAGE_ACCESS, field(CareStaffSpec, 'careStaffId')),
};
