import { Capability } from '../../core/auth/capabilities';
import { defineNode, unarchivedColumns, type TenantRow } from '../../core/data/node-spec';
import { registerNodeSpec } from '../../core/graphql/node';
import type { RequestContext } from '../../context';
import type { CrossAppointedPost, ServiceOfferKind } from './engagement.enums';

/** A row sits where its compound is, or at its community when it has none. */
const PLACE_PATH = (row: string) =>
  `coalesce((select c.path::text from compound c where c.id = ${row}.compound_id), (select m.path::text from community m where m.id = ${row}.community_id))`;
const PLACE_ORG_PATH = (row: string) => `(select c.org_path::text from compound c where c.id = ${row}.compound_id)`;

export interface CrossAppointmentRow extends TenantRow {
  personId: number;
  compoundId: number | null;
  post: CrossAppointedPost;
  counterpart: string;
  startedOn: string;
  endedOn: string | null;
  appointedBy: string;
  path: string | null;
  orgPath: string | null;
}

export const CrossAppointmentSpec = registerNodeSpec(
  defineNode<CrossAppointmentRow>({
    type: 'CrossAppointment',
    table: 'cross_appointment',
    archivable: false,
    columns: {
      ...unarchivedColumns,
      communityId: 't.community_id',
      personId: 't.person_id',
      compoundId: 't.compound_id',
      post: 't.post',
      counterpart: 't.counterpart',
      startedOn: 't.started_on',
      endedOn: 't.ended_on',
      appointedBy: 't.appointed_by',
      path: PLACE_PATH('t'),
      orgPath: PLACE_ORG_PATH('t'),
    },
  }),
);

export interface ServiceOfferRow extends TenantRow {
  compoundId: number | null;
  kind: ServiceOfferKind;
  title: string;
  description: string;
  publishedOn: string;
  closedOn: string | null;
  path: string | null;
  orgPath: string | null;
}

export const ServiceOfferSpec = registerNodeSpec(
  defineNode<ServiceOfferRow>({
    type: 'ServiceOffer',
    table: 'service_offer',
    archivable: false,
    columns: {
      ...unarchivedColumns,
      communityId: 't.community_id',
      compoundId: 't.compound_id',
      kind: 't.kind',
      title: 't.title',
      description: 't.description',
      publishedOn: 't.published_on',
      closedOn: 't.closed_on',
      path: PLACE_PATH('t'),
      orgPath: PLACE_ORG_PATH('t'),
    },
  }),
);

/** A claim names a member: read with READ_PERSONS, placed where its offer is. */
export interface ServiceClaimRow extends TenantRow {
  offerId: number;
  membershipId: number;
  personId: number;
  claimedOn: string;
  minutes: number | null;
  outcome: string | null;
  completedOn: string | null;
  path: string | null;
  orgPath: string | null;
}

export const ServiceClaimSpec = registerNodeSpec(
  defineNode<ServiceClaimRow>({
    type: 'ServiceClaim',
    table: 'service_claim',
    archivable: false,
    columns: {
      ...unarchivedColumns,
      communityId: 't.community_id',
      offerId: 't.offer_id',
      membershipId: 't.membership_id',
      personId: '(select m.person_id from party_membership m where m.id = t.membership_id)',
      claimedOn: 't.claimed_on',
      minutes: 't.minutes',
      outcome: 't.outcome',
      completedOn: 't.completed_on',
      path: `(select ${PLACE_PATH('o')} from service_offer o where o.id = t.offer_id)`,
      orgPath: `(select ${PLACE_ORG_PATH('o')} from service_offer o where o.id = t.offer_id)`,
    },
  }),
  Capability.READ_PERSONS,
);

/** Placed at the member (their household), like their membership. */
export interface ReportingRelationRow extends TenantRow {
  membershipId: number;
  homeBranchId: number;
  recordedOn: string;
  endedOn: string | null;
  path: string | null;
  orgPath: string | null;
}

export const ReportingRelationSpec = registerNodeSpec(
  defineNode<ReportingRelationRow>({
    type: 'ReportingRelation',
    table: 'reporting_relation',
    archivable: false,
    columns: {
      ...unarchivedColumns,
      communityId: 't.community_id',
      membershipId: 't.membership_id',
      homeBranchId: 't.home_branch_id',
      recordedOn: 't.recorded_on',
      endedOn: 't.ended_on',
      path: '(select p.path::text from party_membership m join person p on p.id = m.person_id where m.id = t.membership_id)',
      orgPath: '(select p.org_path::text from party_membership m join person p on p.id = m.person_id where m.id = t.membership_id)',
    },
  }),
  Capability.READ_PERSONS,
);

export interface MemberProfileRow extends TenantRow {
  personId: number;
  compoundId: number;
  post: string | null;
  duties: string | null;
  pledge: string | null;
  responsibilityZone: string | null;
  pioneerPost: string | null;
  shown: string[];
  path: string | null;
  orgPath: string | null;
}

export const MemberProfileSpec = registerNodeSpec(
  defineNode<MemberProfileRow>({
    type: 'MemberProfile',
    table: 'member_profile',
    archivable: false,
    columns: {
      ...unarchivedColumns,
      communityId: 't.community_id',
      personId: 't.person_id',
      compoundId: 't.compound_id',
      post: 't.post',
      duties: 't.duties',
      pledge: 't.pledge',
      responsibilityZone: 't.responsibility_zone',
      pioneerPost: 't.pioneer_post',
      shown: 't.shown',
      path: '(select p.path::text from person p where p.id = t.person_id)',
      orgPath: '(select p.org_path::text from person p where p.id = t.person_id)',
    },
  }),
  Capability.READ_PERSONS,
);

/** What a home branch reads of its members' claims elsewhere (lianxin_reported_claims). */
export interface ReportedClaimRow {
  homeBranchId: number;
  claimId: number;
  memberName: string;
  communityName: string;
  compoundName: string | null;
  kind: ServiceOfferKind;
  title: string;
  claimedOn: string;
  minutes: number | null;
  outcome: string | null;
  completedOn: string | null;
}

/** Claims by the members of branches, made while reporting in other communities: one statement for all branches of a level. */
export function reportedClaims(ctx: RequestContext) {
  return ctx.loaders.custom<number, ReportedClaimRow[]>('engagement:reported-claims', async (db, branches) => {
    const rows = await db.query<ReportedClaimRow>(
      `select home_branch_id as "homeBranchId", claim_id as "claimId", member_name as "memberName", community_name as "communityName",
              compound_name as "compoundName", kind, title, claimed_on::text as "claimedOn", minutes, outcome, completed_on::text as "completedOn"
         from lianxin_reported_claims($1::int[])`,
      [branches],
    );
    return branches.map((b) => rows.filter((r) => r.homeBranchId === b));
  });
}

/** What residents read of a compound's party members (lianxin_public_profiles). */
export interface PublicProfileRow {
  compoundId: number;
  profileId: number;
  name: string;
  post: string | null;
  duties: string | null;
  pledge: string | null;
  responsibilityZone: string | null;
  pioneerPost: string | null;
}

/** The public profiles of compounds: one statement for all compounds of a level. */
export function publicProfiles(ctx: RequestContext) {
  return ctx.loaders.custom<number, PublicProfileRow[]>('engagement:public-profiles', async (db, compounds) => {
    const rows = await db.query<PublicProfileRow>(
      `select compound_id as "compoundId", profile_id as "profileId", person_name as name, post, duties, pledge,
              responsibility_zone as "responsibilityZone", pioneer_post as "pioneerPost"
         from lianxin_public_profiles($1::int[])`,
      [compounds],
    );
    return compounds.map((c) => rows.filter((r) => r.compoundId === c));
  });
}

/** The names of cross-appointments' holders (a public office: the name, nothing else): one statement per level. */
export function holderNames(ctx: RequestContext) {
  return ctx.loaders.custom<number, string | null>('engagement:holder-names', async (db, ids) => {
    const rows = await db.query<{ id: number; name: string }>(
      'select appointment_id as id, name from lianxin_cross_appointment_holders($1::int[])',
      [ids],
    );
    const byId = new Map(rows.map((r) => [r.id, r.name]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}
