import { registerEnumType } from 'type-graphql';

export enum Gender {
  FEMALE = 'FEMALE',
  MALE = 'MALE',
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
registerEnumType(DutyRole, {
  name: 'DutyRole',
  description:
    '两长四员: BUILDING_HEAD 楼栋长, UNIT_HEAD 单元长, POLICY_PUBLICIST 政策宣传员, SENTIMENT_INFORMANT 民情信息员, SAFETY_PATROLLER 平安巡防员, CIVILITY_PERSUADER 文明劝导员.',
});
