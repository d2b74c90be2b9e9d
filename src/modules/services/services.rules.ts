import { Capability } from '../../core/auth/capabilities';
import { fields, NODE_FIELDS, payload } from '../../core/permissions/fields';
import { allow, below, inCommunity, mutation, type ShieldRule as IRule } from '../../core/permissions/rules';
import { field } from '../../core/permissions/targets';
import { CommunitySpec } from '../geography/community.loaders';
import { CompoundSpec } from '../places/compound.loaders';
import { HouseholdSpec } from '../places/household.loaders';
import { ServiceObjectionSpec } from './services.loaders';

const { READ_STRUCTURE, READ_HOUSEHOLDS, MANAGE_SERVICES, ANSWER_OBJECTIONS, RAISE_OBJECTIONS, EVALUATE_SERVICES } = Capability;

/*
 * Service lists, objections and answers are the compound's notice board: whoever sees the compound
 * sees them. Who objected is a household (READ_HOUSEHOLDS); a household's own evaluations are its
 * own. The community ranking (the flags) is for everyone in the community and the offices above.
 */
export const servicesRules: Record<string, Record<string, IRule>> = {
  Community: { serviceRanking: inCommunity(READ_STRUCTURE), propertyCompanies: inCommunity(READ_STRUCTURE) },
  Compound: fields(allow, 'serviceLists', 'serviceRating'),
  Household: { serviceEvaluations: below(READ_HOUSEHOLDS) },
  PropertyCompany: { ...NODE_FIELDS, ...fields(allow, 'name', 'ratings') },
  PropertyCompanyRating: fields(
    allow,
    'quarter',
    'provider',
    'evaluations',
    'households',
    'averageScore',
    'objections',
    'unansweredObjections',
    'score',
    'flag',
    'rank',
    'compound',
    'propertyCompany',
  ),
  ServiceList: { ...NODE_FIELDS, ...fields(allow, 'month', 'provider', 'publishedBy', 'compound', 'propertyCompany', 'items') },
  ServiceItem: { ...NODE_FIELDS, ...fields(allow, 'title', 'description', 'schedule', 'list', 'objections') },
  ServiceObjection: {
    ...NODE_FIELDS,
    ...fields(allow, 'text', 'answer', 'answeredBy', 'answeredAt', 'item'),
    household: below(READ_HOUSEHOLDS),
  },
  ServiceEvaluation: { ...NODE_FIELDS, ...fields(allow, 'quarter', 'score', 'comment', 'item') },
  ...payload('CreatePropertyCompanyPayload', 'propertyCompany'),
  ...payload('PublishServiceListPayload', 'serviceList'),
  ...payload('AnswerServiceObjectionPayload', 'objection'),
  ...payload('RaiseServiceObjectionPayload', 'objection'),
  ...payload('EvaluateServicePayload', 'evaluation'),
};

export const servicesMutationRules: Record<string, IRule> = {
  createPropertyCompany: mutation('createPropertyCompany', MANAGE_SERVICES, field(CommunitySpec, 'communityId')),
  publishServiceList: mutation('publishServiceList', MANAGE_SERVICES, field(CompoundSpec, 'compoundId')),
  // Over the household only: a resident's binding is their home; the service checks the item is of its compound.
  raiseServiceObjection: mutation('raiseServiceObjection', RAISE_OBJECTIONS, field(HouseholdSpec, 'householdId')),
  answerServiceObjection: mutation('answerServiceObjection', ANSWER_OBJECTIONS, field(ServiceObjectionSpec, 'objectionId')),
  evaluateService: mutation('evaluateService', EVALUATE_SERVICES, field(HouseholdSpec, 'householdId')),
};
