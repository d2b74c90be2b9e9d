import { registerEnumType } from 'type-graphql';

/** How a compound is managed (DOMAIN.md: 无物业 NONE, 红色物业 RED_PROPERTY). */
export enum PropertyMode {
  NONE = 'NONE',
  COMPANY = 'COMPANY',
  SELF_MANAGED = 'SELF_MANAGED',
  RED_PROPERTY = 'RED_PROPERTY',
}

/** The four kinds of household every member's linkage card covers (147 method, seed 002). Personal data. */
export enum VulnerabilityTag {
  ELDERLY_ALONE = 'ELDERLY_ALONE',
  LOW_INCOME = 'LOW_INCOME',
  DISABLED = 'DISABLED',
  SPECIAL_NEEDS = 'SPECIAL_NEEDS',
}

registerEnumType(VulnerabilityTag, {
  name: 'VulnerabilityTag',
  description: 'ELDERLY_ALONE 独居老人, LOW_INCOME 低保, DISABLED 残疾, SPECIAL_NEEDS other special needs. Personal data.',
  valuesConfig: {
    ELDERLY_ALONE: { description: 'An elderly person living alone (独居老人).' },
    LOW_INCOME: { description: 'A low-income household (低保).' },
    DISABLED: { description: 'A person with a disability (残疾).' },
    SPECIAL_NEEDS: { description: 'Other special needs.' },
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
