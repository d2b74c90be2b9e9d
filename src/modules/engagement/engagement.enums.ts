import { registerEnumType } from 'type-graphql';

/**
 * 交叉任职 (seed 002): the four posts the community and the property company hold in each other.
 * The names are DOMAIN.md's; they are posts of their own rather than DutyRole values, because a
 * 两长四员 duty is always for a compound and has no appointing body or counterpart.
 */
export enum CrossAppointedPost {
  PARTY_BUILDING_INSTRUCTOR = 'PARTY_BUILDING_INSTRUCTOR',
  PARTY_BUILDING_LIAISON = 'PARTY_BUILDING_LIAISON',
  PUBLIC_OPINION_LIAISON = 'PUBLIC_OPINION_LIAISON',
  SOCIAL_CONDITIONS_SUPERVISOR = 'SOCIAL_CONDITIONS_SUPERVISOR',
}

/** What a reporting member may claim (认领): a project with an end, or a standing service. */
export enum ServiceOfferKind {
  PROJECT = 'PROJECT',
  SERVICE = 'SERVICE',
}

/** The fields of a member's public profile the member may show or hide one by one. */
export enum PublicProfileField {
  POST = 'POST',
  DUTIES = 'DUTIES',
  PLEDGE = 'PLEDGE',
  RESPONSIBILITY_ZONE = 'RESPONSIBILITY_ZONE',
  PIONEER_POST = 'PIONEER_POST',
}

registerEnumType(CrossAppointedPost, {
  name: 'CrossAppointedPost',
  description: '交叉任职: a post the community and the property company hold in each other (seed 002).',
  valuesConfig: {
    PARTY_BUILDING_INSTRUCTOR: { description: 'The community secretary as the property company’s party-building instructor (党建指导员).' },
    PARTY_BUILDING_LIAISON: { description: 'A community committee member as liaison to the property company (党建联络员).' },
    PUBLIC_OPINION_LIAISON: { description: 'The grid chief as public-opinion liaison (民意联络员).' },
    SOCIAL_CONDITIONS_SUPERVISOR: { description: 'The property manager as social-conditions supervisor of the community (社情监督员).' },
  },
});

registerEnumType(ServiceOfferKind, {
  name: 'ServiceOfferKind',
  description: 'What a reporting member may claim (认领).',
  valuesConfig: {
    PROJECT: { description: 'A project with an end (a micro-renovation, a survey).' },
    SERVICE: { description: 'A standing service (tutoring, haircuts, legal advice).' },
  },
});

registerEnumType(PublicProfileField, {
  name: 'PublicProfileField',
  description: 'A field of a member’s public profile (亮身份、亮职责、亮承诺) the member shows or hides.',
  valuesConfig: {
    POST: { description: 'The post the member holds (e.g. 楼栋党小组组长).' },
    DUTIES: { description: 'What the member takes care of (亮职责).' },
    PLEDGE: { description: 'The member’s pledge (亮承诺).' },
    RESPONSIBILITY_ZONE: { description: 'The member’s responsibility zone (党员责任区).' },
    PIONEER_POST: { description: 'The member’s pioneer post (党员先锋岗).' },
  },
});
