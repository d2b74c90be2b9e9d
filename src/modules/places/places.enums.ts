import { registerEnumType } from 'type-graphql';

/** How a compound is managed (DOMAIN.md: 无物业 NONE, 红色物业 RED_PROPERTY). */
export enum PropertyMode {
  NONE = 'NONE',
  COMPANY = 'COMPANY',
  SELF_MANAGED = 'SELF_MANAGED',
  RED_PROPERTY = 'RED_PROPERTY',
}

/**
 * The four kinds of household every member's linkage card covers (147 method, seed 002: 高龄、低保、
 * 残疾、其他特殊群体), with living alone beside advanced age (a different need). Sensitive personal data.
 */
export enum VulnerabilityTag {
  ADVANCED_AGE = 'ADVANCED_AGE',
  ELDERLY_ALONE = 'ELDERLY_ALONE',
  LOW_INCOME = 'LOW_INCOME',
  DISABLED = 'DISABLED',
  SPECIAL_NEEDS = 'SPECIAL_NEEDS',
}

registerEnumType(VulnerabilityTag, {
  name: 'VulnerabilityTag',
  description:
    'A special-group tag of a household (147 linkage). Sensitive personal data: only the household and those with a duty of care read it.',
  valuesConfig: {
    ADVANCED_AGE: { description: '高龄老人: a resident of advanced age (80 and over).' },
    ELDERLY_ALONE: { description: '独居老人: an elderly resident living alone.' },
    LOW_INCOME: { description: '低保户: a household on minimum-living support.' },
    DISABLED: { description: '残疾人: a resident with a disability.' },
    SPECIAL_NEEDS: { description: '其他特殊群体: other special groups.' },
  },
});

registerEnumType(PropertyMode, {
  name: 'PropertyMode',
  description:
    'NONE: no property-management company (无物业). COMPANY: a property company. SELF_MANAGED: managed by the owners. RED_PROPERTY: a company run under party-building guidance (红色物业).',
  valuesConfig: {
    NONE: { description: 'No property-management company (无物业).' },
    COMPANY: { description: 'Managed by a property company.' },
    SELF_MANAGED: { description: 'Managed by the owners themselves.' },
    RED_PROPERTY: { description: 'A property company run under party-building guidance (红色物业).' },
  },
});
