import { registerEnumType } from 'type-graphql';
import { Capability } from '../../core/auth/capabilities';

/** The kinds of node a city system also knows, and so may carry external IDs. */
export enum ExternalNodeType {
  DISTRICT = 'DISTRICT',
  STREET = 'STREET',
  COMMUNITY = 'COMMUNITY',
  COMPOUND = 'COMPOUND',
  BUILDING = 'BUILDING',
  UNIT = 'UNIT',
  HOUSEHOLD = 'HOUSEHOLD',
  PERSON = 'PERSON',
}

/** Each kind's GraphQL type, table, and the capability that writes its external IDs (the one that writes the node). */
export const EXTERNAL_NODE: Readonly<Record<ExternalNodeType, { type: string; table: string; write: Capability }>> = {
  [ExternalNodeType.DISTRICT]: { type: 'District', table: 'district', write: Capability.WRITE_ORGANIZATION },
  [ExternalNodeType.STREET]: { type: 'Street', table: 'street', write: Capability.WRITE_ORGANIZATION },
  [ExternalNodeType.COMMUNITY]: { type: 'Community', table: 'community', write: Capability.WRITE_ORGANIZATION },
  [ExternalNodeType.COMPOUND]: { type: 'Compound', table: 'compound', write: Capability.WRITE_PLACES },
  [ExternalNodeType.BUILDING]: { type: 'Building', table: 'building', write: Capability.WRITE_PLACES },
  [ExternalNodeType.UNIT]: { type: 'Unit', table: 'unit', write: Capability.WRITE_PLACES },
  [ExternalNodeType.HOUSEHOLD]: { type: 'Household', table: 'household', write: Capability.WRITE_PLACES },
  [ExternalNodeType.PERSON]: { type: 'Person', table: 'person', write: Capability.WRITE_PEOPLE },
};

/** The kind of a GraphQL type name, or undefined for types that carry no external IDs. */
export function externalNodeTypeOf(typeName: string): ExternalNodeType | undefined {
  return (Object.keys(EXTERNAL_NODE) as ExternalNodeType[]).find((k) => EXTERNAL_NODE[k].type === typeName);
}

registerEnumType(ExternalNodeType, {
  name: 'ExternalNodeType',
  description: 'The kinds of object a city system also knows, and which can carry external IDs.',
  valuesConfig: {
    DISTRICT: { description: '区: a District.' },
    STREET: { description: '街道: a Street.' },
    COMMUNITY: { description: '社区: a Community.' },
    COMPOUND: { description: '小区: a Compound.' },
    BUILDING: { description: '楼栋: a Building.' },
    UNIT: { description: '单元: a Unit.' },
    HOUSEHOLD: { description: '户: a Household.' },
    PERSON: { description: '居民: a Person.' },
  },
});
