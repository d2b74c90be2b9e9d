import { registerEnumType } from 'type-graphql';

/** How a compound is managed (DOMAIN.md: 无物业 NONE, 红色物业 RED_PROPERTY). */
export enum PropertyMode {
  NONE = 'NONE',
  COMPANY = 'COMPANY',
  SELF_MANAGED = 'SELF_MANAGED',
  RED_PROPERTY = 'RED_PROPERTY',
}

registerEnumType(PropertyMode, {
  name: 'PropertyMode',
  description: 'NONE: no property-management company (无物业). COMPANY: a property company. SELF_MANAGED: managed by the owners. RED_PROPERTY: a company run under party-building guidance (红色物业).',
});
