import { registerEnumType } from 'type-graphql';

/** What a volunteer team does (the articles' teams: patrols, choirs, flower planting, mediation…). */
export enum VolunteerTeamKind {
  PATROL = 'PATROL',
  CULTURE = 'CULTURE',
  ENVIRONMENT = 'ENVIRONMENT',
  MEDIATION = 'MEDIATION',
  ELDER_CARE = 'ELDER_CARE',
  PARTY_MEMBER = 'PARTY_MEMBER',
  OTHER = 'OTHER',
}

registerEnumType(VolunteerTeamKind, {
  name: 'VolunteerTeamKind',
  description: 'What a volunteer team does.',
  valuesConfig: {
    PATROL: { description: '巡逻: safety patrols (Xiamen’s nightly patrol).' },
    CULTURE: { description: '文体: culture and sports (the Thursday choir).' },
    ENVIRONMENT: { description: '环境: greening and cleaning (Changchun’s spring flower planting).' },
    MEDIATION: { description: '调解: mediating disputes between neighbours.' },
    ELDER_CARE: { description: '助老: helping the elderly.' },
    PARTY_MEMBER: { description: '党员志愿服务队: party members’ volunteer service.' },
    OTHER: { description: 'Anything else.' },
  },
});
