import { isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { applyMiddleware, type IMiddlewareFunction } from 'graphql-middleware';
import { deny, shield } from 'graphql-shield';
import type { RequestContext } from '../../context';
import { archivingMutationRules, archivingRules } from '../../modules/archiving/archiving.rules';
import { auditRules } from '../../modules/audit/audit.rules';
import { financeMutationRules, financeRules } from '../../modules/finance/finance.rules';
import { governanceMutationRules, governanceRules } from '../../modules/governance/governance.rules';
import { servicesMutationRules, servicesRules } from '../../modules/services/services.rules';
import { feesMutationRules, feesRules } from '../../modules/fees/fees.rules';
import { hierarchyMutationRules, hierarchyRules } from '../../modules/hierarchy/hierarchy.rules';
import { identityMutationRules, identityRules } from '../../modules/identity/identity.rules';
import { peopleMutationRules, peopleRules } from '../../modules/people/people.rules';
import { placesMutationRules, placesRules } from '../../modules/places/places.rules';
import { commonRules, queryRules } from './query.rules';
import { allow, refusal, type ShieldRule as IRule } from './rules';

/**
 * The one permission tree: every Query, Mutation and object field has an explicit rule; anything
 * missing is denied (fallbackRule). A test walks the schema against it, and docs/permissions.md
 * carries a snapshot of it, so a change to it is reviewed as a permission change.
 */
export const permissionTree: Record<string, Record<string, IRule>> = merged(
  {
    Query: queryRules,
    Mutation: { ...hierarchyMutationRules, ...placesMutationRules, ...peopleMutationRules, ...archivingMutationRules, ...identityMutationRules, ...financeMutationRules, ...governanceMutationRules, ...servicesMutationRules, ...feesMutationRules },
  },
  commonRules,
  hierarchyRules,
  placesRules,
  peopleRules,
  archivingRules,
  identityRules,
  auditRules,
  financeRules,
  governanceRules,
  servicesRules,
  feesRules,
);

/**
 * Modules add fields to each other's types (money on Compound): their rules merge per type. A
 * field ruled twice is a mistake, refused at start-up rather than silently overridden.
 */
function merged(...parts: Array<Record<string, Record<string, IRule>>>): Record<string, Record<string, IRule>> {
  const tree: Record<string, Record<string, IRule>> = {};
  for (const part of parts) {
    for (const [type, rules] of Object.entries(part)) {
      const into = (tree[type] ??= {});
      for (const [fieldName, rule] of Object.entries(rules)) {
        if (fieldName in into) throw new Error(`permission tree: ${type}.${fieldName} has two rules`);
        into[fieldName] = rule;
      }
    }
  }
  return tree;
}

/** Names the running mutation on the context, for the audit log. */
const recordAction: IMiddlewareFunction = (resolve, root, args, ctx: RequestContext, info) => {
  ctx.action = info.fieldName;
  return resolve(root, args, ctx, info);
};

/**
 * Wraps the schema in the permission tree. graphql-shield runs as field middleware, which makes
 * every field asynchronous; fields whose rule is `allow` (plain fields of objects reached through a
 * checked edge) get their own resolver back, since the rule would only say yes at a price.
 */
export function protect(schema: GraphQLSchema): GraphQLSchema {
  const permissions = shield(permissionTree, {
    fallbackRule: deny,
    allowExternalErrors: true,
    fallbackError: (_err, _parent, _args, ctx) => refusal(ctx as unknown as RequestContext),
  });
  const mutationType = schema.getMutationType();
  const actions: Record<string, Record<string, IMiddlewareFunction>> = {
    Mutation: Object.fromEntries(Object.keys(mutationType?.getFields() ?? {}).map((f) => [f, recordAction])),
  };
  const protectedSchema = applyMiddleware(schema, actions, permissions);

  for (const [typeName, rules] of Object.entries(permissionTree)) {
    const before = schema.getType(typeName);
    const after = protectedSchema.getType(typeName);
    if (!isObjectType(before) || !isObjectType(after)) continue;
    for (const [fieldName, rule] of Object.entries(rules)) {
      if ((rule as unknown) !== allow || typeName === 'Mutation') continue;
      const original: GraphQLFieldResolver<unknown, unknown> | undefined = before.getFields()[fieldName]?.resolve;
      after.getFields()[fieldName].resolve = original;
    }
  }
  return protectedSchema;
}
