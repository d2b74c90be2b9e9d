import { registerEnumType } from 'type-graphql';

export enum Gender {
  FEMALE = 'FEMALE',
  MALE = 'MALE',
}

/** LOCAL: registered with a branch of this community. EXTERNAL: registered elsewhere, serving where they live (双报到). */
export enum OrganizationRelation {
  LOCAL = 'LOCAL',
  EXTERNAL = 'EXTERNAL',
}

export enum MembershipStatus {
  PROBATIONARY = 'PROBATIONARY',
  FULL = 'FULL',
}

/** 两长四员: the two heads and four officers of seed 000. */
export enum DutyRole {
  BUILDING_HEAD = 'BUILDING_HEAD',
  UNIT_HEAD = 'UNIT_HEAD',
  POLICY_PUBLICIST = 'POLICY_PUBLICIST',
  SENTIMENT_INFORMANT = 'SENTIMENT_INFORMANT',
  SAFETY_PATROLLER = 'SAFETY_PATROLLER',
  CIVILITY_PERSUADER = 'CIVILITY_PERSUADER',
}

registerEnumType(Gender, { name: 'Gender' });
registerEnumType(OrganizationRelation, {
  name: 'OrganizationRelation',
  description: 'LOCAL: registered with a branch here. EXTERNAL: registered elsewhere, serving where they live (双报到).',
});
registerEnumType(MembershipStatus, { name: 'MembershipStatus', description: 'PROBATIONARY (预备党员) or FULL (正式党员).' });
registerEnumType(DutyRole, {
  name: 'DutyRole',
  description:
    '两长四员: BUILDING_HEAD 楼栋长, UNIT_HEAD 单元长, POLICY_PUBLICIST 政策宣传员, SENTIMENT_INFORMANT 民情信息员, SAFETY_PATROLLER 平安巡防员, CIVILITY_PERSUADER 文明劝导员.',
});
