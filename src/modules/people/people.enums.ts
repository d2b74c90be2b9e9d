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

registerEnumType(Gender, {
  name: 'Gender',
  description: "A person's gender.",
  valuesConfig: {
    FEMALE: { description: 'Female.' },
    MALE: { description: 'Male.' },
  },
});
registerEnumType(DutyRole, {
  name: 'DutyRole',
  description:
    '两长四员: BUILDING_HEAD 楼栋长, UNIT_HEAD 单元长, POLICY_PUBLICIST 政策宣传员, SENTIMENT_INFORMANT 民情信息员, SAFETY_PATROLLER 平安巡防员, CIVILITY_PERSUADER 文明劝导员.',
  valuesConfig: {
    BUILDING_HEAD: { description: 'Building head (楼栋长).' },
    UNIT_HEAD: { description: 'Unit head (单元长).' },
    POLICY_PUBLICIST: { description: 'Policy publicist (政策宣传员).' },
    SENTIMENT_INFORMANT: { description: "Residents' sentiment informant (民情信息员)." },
    SAFETY_PATROLLER: { description: 'Safety patroller (安全巡查员).' },
    CIVILITY_PERSUADER: { description: 'Civility persuader (文明劝导员).' },
  },
});
