import { chain, rule } from 'graphql-shield';
import type { RequestContext } from '../../context';
import { Capability } from '../../core/auth/capabilities';
import { reachesCommunity, type Placed } from '../../core/auth/principal';
import type { NodeRow, NodeSpec } from '../../core/data/node-spec';
import { BadUserInputError, NotFoundError } from '../../core/errors/errors';
import { decodeGlobalId } from '../../core/ids/global-id';
import { fields, NODE_FIELDS, payload } from '../../core/permissions/fields';
import {
  allow,
  authenticated,
  below,
  described,
  inCommunity,
  mayAct,
  mutation,
  ofTheCommunity,
  overPerson,
  refusal,
  within,
  type PermissionPart,
  type ShieldRule,
} from '../../core/permissions/rules';
import { all, field, inputOf, rowOf } from '../../core/permissions/targets';
import { CommunitySpec } from '../geography/community.loaders';
import { PartyMembershipSpec } from '../organization/party-membership.loaders';
import { PersonSpec } from '../people/person.loaders';
import { CompoundSpec } from '../places/compound.loaders';
import { CrossAppointmentSpec, ReportingRelationSpec, ServiceClaimSpec, ServiceOfferSpec } from './engagement.loaders';

const { READ_STRUCTURE, READ_PERSONS, WRITE_ORGANIZATION } = Capability;

/** The objects a mutation names, each found where the caller reaches, or null (NOT_FOUND), or an input error. */
async function targetsOf(
  ctx: RequestContext,
  args: Record<string, unknown>,
  named: Array<[string, NodeSpec<NodeRow & Placed>]>,
): Promise<Array<NodeRow & Placed & { personId?: number }> | Error> {
  const input = inputOf(args);
  const rows: Array<NodeRow & Placed> = [];
  for (const [idField, spec] of named) {
    const id = input[idField];
    if (typeof id !== 'string' || !decodeGlobalId(id))
      return new BadUserInputError(`input.${idField} is not a valid ID`, { field: ['input', idField] });
    const row = await rowOf(ctx, spec, id);
    if (!row || !reachesCommunity(ctx.principal, row.communityId)) return new NotFoundError('object', { reason: 'reference' });
    rows.push(row);
  }
  return rows;
}

/**
 * A claim is recorded by the reporting member in person (the membership is theirs), or for them by
 * whoever organizes the place (WRITE_ORGANIZATION over every object named).
 */
function memberOrOrganizer(name: string, named: Array<[string, NodeSpec<NodeRow & Placed>]>, personOf: number): ShieldRule {
  const check = rule(`mutation:${name}`, { cache: 'no_cache' })(async (_parent, args: Record<string, unknown>, ctx: RequestContext) => {
    const rows = await targetsOf(ctx, args, named);
    if (rows instanceof Error) return rows;
    const principal = ctx.principal;
    const person = rows[personOf].personId;
    if (principal.kind === 'user' && person !== undefined && principal.personId === person) return true;
    return rows.every((row) => mayAct(principal, WRITE_ORGANIZATION, row)) ? true : refusal(ctx, WRITE_ORGANIZATION);
  });
  return described(
    chain(authenticated, check),
    `signed in; the reporting member in person, or ${WRITE_ORGANIZATION} over ${named.map(([f]) => `input.${f}`).join(' and ')}`,
  );
}

const spec = <R extends NodeRow & Placed>(s: NodeSpec<R>) => s as unknown as NodeSpec<NodeRow & Placed>;
const place = all(field(CommunitySpec, 'communityId'), field(CompoundSpec, 'compoundId'));
/** What a community shows its own people, not the offices above it (district officers read no names). */
const ownPeople = (capability: Capability) => chain(below(capability), ofTheCommunity);

export const engagementRules: PermissionPart = {
  Query: { myMemberProfile: authenticated },
  Community: { crossAppointments: inCommunity(READ_STRUCTURE), serviceOffers: inCommunity(READ_STRUCTURE) },
  Compound: { crossAppointments: inCommunity(READ_STRUCTURE), memberProfiles: chain(within(READ_STRUCTURE), ofTheCommunity) },
  CompoundBranch: { reportedServiceClaims: ownPeople(READ_PERSONS) },
  PartyMembership: { serviceClaims: below(READ_PERSONS), reportingRelations: below(READ_PERSONS) },
  CrossAppointment: {
    ...NODE_FIELDS,
    ...fields(allow, 'post', 'counterpart', 'startedOn', 'endedOn', 'appointedBy', 'compound'),
    person: overPerson(READ_PERSONS, 'personId'),
    holderName: ofTheCommunity,
  },
  ServiceOffer: {
    ...NODE_FIELDS,
    ...fields(allow, 'kind', 'title', 'description', 'publishedOn', 'closedOn', 'compound'),
    claims: below(READ_PERSONS),
  },
  // A claim is read where its offer is; the member behind it (their membership, person, home) only
  // with READ_PERSONS over the member's own household, as node(id:) would read them.
  ServiceClaim: {
    ...NODE_FIELDS,
    ...fields(allow, 'claimedOn', 'minutes', 'outcome', 'completedOn', 'offer'),
    membership: overPerson(READ_PERSONS, 'personId'),
  },
  ReportingRelation: { ...NODE_FIELDS, ...fields(allow, 'homeBranchId', 'recordedOn', 'endedOn', 'membership') },
  MemberProfile: { ...NODE_FIELDS, ...fields(allow, 'post', 'duties', 'pledge', 'responsibilityZone', 'pioneerPost', 'shown') },
  PublicMemberProfile: fields(allow, 'name', 'post', 'duties', 'pledge', 'responsibilityZone', 'pioneerPost'),
  ReportedServiceClaim: fields(
    allow,
    'memberName',
    'communityName',
    'compoundName',
    'kind',
    'title',
    'claimedOn',
    'minutes',
    'outcome',
    'completedOn',
  ),
  ...payload('AppointCrossPostPayload', 'appointment'),
  ...payload('EndCrossAppointmentPayload', 'appointment'),
  ...payload('CloseServiceOfferPayload', 'offer'),
  ...payload('PublishServiceOfferPayload', 'offer'),
  ...payload('ClaimServiceOfferPayload', 'claim'),
  ...payload('CompleteServiceClaimPayload', 'claim'),
  ...payload('EndReportingRelationPayload', 'relation'),
  ...payload('RecordReportingRelationPayload', 'relation'),
  ...payload('UpdateMyMemberProfilePayload', 'profile'),
};

export const engagementMutationRules: Record<string, ShieldRule> = {
  appointCrossPost: mutation('appointCrossPost', WRITE_ORGANIZATION, all(place, field(PersonSpec, 'personId'))),
  endCrossAppointment: mutation('endCrossAppointment', WRITE_ORGANIZATION, field(CrossAppointmentSpec, 'appointmentId')),
  publishServiceOffer: mutation('publishServiceOffer', WRITE_ORGANIZATION, place),
  closeServiceOffer: mutation('closeServiceOffer', WRITE_ORGANIZATION, field(ServiceOfferSpec, 'offerId')),
  claimServiceOffer: memberOrOrganizer(
    'claimServiceOffer',
    [
      ['membershipId', spec(PartyMembershipSpec)],
      ['offerId', spec(ServiceOfferSpec)],
    ],
    0,
  ),
  completeServiceClaim: memberOrOrganizer('completeServiceClaim', [['claimId', spec(ServiceClaimSpec)]], 0),
  // The home branch is another community's and is not a target: only the membership here is.
  recordReportingRelation: mutation('recordReportingRelation', WRITE_ORGANIZATION, field(PartyMembershipSpec, 'membershipId')),
  endReportingRelation: mutation('endReportingRelation', WRITE_ORGANIZATION, field(ReportingRelationSpec, 'relationId')),
  // The caller's own profile; the service refuses who is not a current party member.
  updateMyMemberProfile: authenticated,
};
