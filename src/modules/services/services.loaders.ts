import { Capability } from '../../core/auth/capabilities';
import { compoundPathColumns, defineNode, unarchivedColumns, type TenantRow } from '../../core/data/node-spec';
import { registerNodeSpec } from '../../core/graphql/node';
import type { ServiceProvider } from './services.enums';

/* How property companies, service lists, items, objections and evaluations are read. */

interface Placed extends TenantRow {
  path: string | null;
  orgPath: string | null;
}

export interface PropertyCompanyRow extends Placed {
  name: string;
}

export const PropertyCompanySpec = registerNodeSpec(
  defineNode<PropertyCompanyRow>({
    type: 'PropertyCompany',
    table: 'property_company',
    archivable: false,
    columns: {
      ...unarchivedColumns,
      communityId: 't.community_id',
      name: 't.name',
      path: '(select c.path::text from community c where c.id = t.community_id)',
      orgPath: 'null::text',
    },
  }),
  Capability.READ_STRUCTURE,
);

export interface ServiceListRow extends Placed {
  compoundId: number;
  month: string;
  provider: ServiceProvider;
  propertyCompanyId: number | null;
  publishedBy: string;
}

export const ServiceListSpec = registerNodeSpec(
  defineNode<ServiceListRow>({
    type: 'ServiceList',
    table: 'service_list',
    archivable: false,
    columns: {
      ...unarchivedColumns,
      communityId: 't.community_id',
      compoundId: 't.compound_id',
      month: 't.month',
      provider: 't.provider',
      propertyCompanyId: 't.property_company_id',
      publishedBy: 't.published_by',
      ...compoundPathColumns,
    },
  }),
  Capability.READ_STRUCTURE,
);

const viaList = (column: string, list = 't.list_id') =>
  `(select c.${column} from compound c join service_list l on l.compound_id = c.id where l.id = ${list})`;

export interface ServiceItemRow extends Placed {
  listId: number;
  title: string;
  description: string | null;
  schedule: string | null;
}

export const ServiceItemSpec = registerNodeSpec(
  defineNode<ServiceItemRow>({
    type: 'ServiceItem',
    table: 'service_item',
    archivable: false,
    columns: {
      ...unarchivedColumns,
      communityId: 't.community_id',
      listId: 't.list_id',
      title: 't.title',
      description: 't.description',
      schedule: 't.schedule',
      path: viaList('path::text'),
      orgPath: viaList('org_path::text'),
    },
  }),
  Capability.READ_STRUCTURE,
);

export interface ServiceObjectionRow extends Placed {
  itemId: number;
  householdId: number;
  text: string;
  raisedBy: string;
  answer: string | null;
  answeredBy: string | null;
  answeredAt: string | null;
}

const itemList = '(select i.list_id from service_item i where i.id = t.item_id)';

export const ServiceObjectionSpec = registerNodeSpec(
  defineNode<ServiceObjectionRow>({
    type: 'ServiceObjection',
    table: 'service_objection',
    archivable: false,
    columns: {
      ...unarchivedColumns,
      communityId: 't.community_id',
      itemId: 't.item_id',
      householdId: 't.household_id',
      text: 't.text',
      raisedBy: 't.raised_by',
      answer: 't.answer',
      answeredBy: 't.answered_by',
      answeredAt: 't.answered_at',
      path: viaList('path::text', itemList),
      orgPath: viaList('org_path::text', itemList),
    },
  }),
  Capability.READ_STRUCTURE,
);

export interface ServiceEvaluationRow extends Placed {
  compoundId: number;
  householdId: number;
  quarter: string;
  itemId: number | null;
  score: number;
  comment: string | null;
}

/** A household's evaluations are its own: read with READ_HOUSEHOLDS over the household. */
export const ServiceEvaluationSpec = registerNodeSpec(
  defineNode<ServiceEvaluationRow>({
    type: 'ServiceEvaluation',
    table: 'service_evaluation',
    archivable: false,
    columns: {
      ...unarchivedColumns,
      communityId: 't.community_id',
      compoundId: 't.compound_id',
      householdId: 't.household_id',
      quarter: 't.quarter',
      itemId: 't.item_id',
      score: 't.score',
      comment: 't.comment',
      path: '(select h.path::text from household h where h.id = t.household_id)',
      orgPath: '(select h.org_path::text from household h where h.id = t.household_id)',
    },
  }),
  Capability.READ_HOUSEHOLDS,
);
