import { defaultFieldResolver, isObjectType, type GraphQLFieldResolver, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { applyMiddleware, type IMiddlewareFunction } from 'graphql-middleware';
import { deny, shield } from 'graphql-shield';
import './shield-compat';
import type { RequestContext } from '../../context';
import { personalAccess, personalDataFields } from '../auth/personal-data';
import { notePersonalRead, type PersonalReadKind } from '../audit/personal-reads';
import type { Placed } from '../auth/principal';
import { commonRules, coreQueryRules } from './query.rules';
import { allow, refusal, synchronousCheckOf, type PermissionPart, type ShieldRule as IRule, type SynchronousCheck } from './rules';
import { routeSubscribeThroughResolve, subscribeThroughRules } from './subscriptions';

/**
 * The one permission tree, from the core's part and every module's: every Query, Mutation and
 * object field has an explicit rule; anything missing is denied (fallbackRule). A test walks the
 * schema against it, and docs/permissions.md carries a snapshot of it, so a change to it is
 * reviewed as a permission change.
 */
export function buildPermissionTree(parts: readonly PermissionPart[]): PermissionPart {
  return merged({ Query: coreQueryRules }, commonRules, ...parts);
}

/**
 * Modules add fields to each other's types (money on Compound): their rules merge per type. A
 * field ruled twice is a mistake, refused at start-up rather than silently overridden.
 */
function merged(...parts: PermissionPart[]): PermissionPart {
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
export function protect(schema: GraphQLSchema, permissionTree: PermissionPart): GraphQLSchema {
  const permissions = shield(permissionTree, {
    fallbackRule: deny,
    allowExternalErrors: true,
    fallbackError: (_err, _parent, _args, ctx) => refusal(ctx as unknown as RequestContext),
  });
  const mutationType = schema.getMutationType();
  const actions: Record<string, Record<string, IMiddlewareFunction>> = {
    Mutation: Object.fromEntries(Object.keys(mutationType?.getFields() ?? {}).map((f) => [f, recordAction])),
  };
  routeSubscribeThroughResolve(schema);
  const protectedSchema = applyMiddleware(schema, actions, permissions);
  subscribeThroughRules(protectedSchema);

  for (const [typeName, rules] of Object.entries(permissionTree)) {
    const before = schema.getType(typeName);
    const after = protectedSchema.getType(typeName);
    if (!isObjectType(before) || !isObjectType(after) || typeName === 'Mutation') continue;
    for (const [fieldName, rule] of Object.entries(rules)) {
      const original: GraphQLFieldResolver<unknown, unknown> | undefined = before.getFields()[fieldName]?.resolve;
      if ((rule as unknown) === allow) after.getFields()[fieldName].resolve = original;
      else if (typeName !== 'Subscription') {
        const check = synchronousCheckOf(rule);
        if (check) after.getFields()[fieldName].resolve = checkedSynchronously(check, original ?? defaultFieldResolver);
      }
    }
  }
  applyPersonalData(protectedSchema);
  return protectedSchema;
}

/**
 * A field whose rule decides synchronously from the caller and the parent (below, within…), with
 * graphql-shield's outcomes and none of its promises: the resolver runs only when the check says
 * true; an Error (or a string) the check gives is the field's error; any other answer, or a check
 * that throws, is the refusal shield's fallbackError gives. As under shield (allowExternalErrors),
 * an error of the resolver itself becomes the field's value rather than a throw.
 */
function checkedSynchronously(
  check: SynchronousCheck,
  resolve: GraphQLFieldResolver<unknown, unknown>,
): GraphQLFieldResolver<unknown, RequestContext> {
  return (root, args, ctx, info) => {
    let verdict: unknown;
    try {
      verdict = check(root as never, args, ctx);
    } catch {
      verdict = false;
    }
    if (verdict !== true) {
      if (verdict instanceof Error) return verdict;
      return typeof verdict === 'string' ? new Error(verdict) : refusal(ctx);
    }
    try {
      const value = resolve(root, args, ctx, info);
      return value instanceof Promise ? value.catch((err: unknown) => err) : value;
    } catch (err) {
      return err;
    }
  };
}

/**
 * Personal data, as the modules declare it: plain for its owner and a duty of care, `otherwise` for
 * everyone else who may see the object (never an error: a committee member collecting fees still
 * sees the household list). Decided per value on the object it belongs to, after the field's own
 * rule. A value shown plain to a user other than its owner or to a service account is noted for the
 * read log (written once, at the end of the request); masked values and empty ones are not.
 */
function applyPersonalData(schema: GraphQLSchema): void {
  for (const declared of personalDataFields()) {
    const type = schema.getType(declared.type);
    const field = isObjectType(type) ? type.getFields()[declared.field] : undefined;
    if (!field) throw new Error(`personal data: ${declared.type}.${declared.field} is not in the schema`);
    const inner: GraphQLFieldResolver<unknown, RequestContext> = field.resolve ?? defaultFieldResolver;
    const { value: otherwise, needsValue } = declared.otherwise;
    const kind: PersonalReadKind = { subjectType: declared.type, field: declared.field, dataOf: declared.of };
    const decide = (
      access: 'own' | 'duty' | 'none',
      root: unknown,
      args: Record<string, unknown>,
      ctx: RequestContext,
      info: GraphQLResolveInfo,
    ) => {
      if (access === 'own') return inner(root, args, ctx, info);
      if (access === 'duty') {
        const value = inner(root, args, ctx, info);
        return value instanceof Promise ? value.then((v) => noted(ctx, root, v)) : noted(ctx, root, value);
      }
      if (!needsValue) return otherwise(null);
      const value = inner(root, args, ctx, info);
      return value instanceof Promise ? value.then(otherwise) : otherwise(value);
    };
    const noted = (ctx: RequestContext, root: unknown, value: unknown) => {
      const row = root as Placed & { pk?: number };
      const shown = value !== null && value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0);
      if (shown && ctx.principal.kind !== 'anonymous') {
        // A value the log cannot place is not shown: every type with personal data carries its community.
        if (typeof row.pk !== 'number' || typeof row.communityId !== 'number')
          throw new Error(`personal data: ${declared.type} rows must carry pk and communityId for the read log`);
        notePersonalRead(ctx, kind, row.communityId, row.pk);
      }
      return value;
    };
    field.resolve = (root, args, ctx, info) => {
      if (declared.onlyIf && !declared.onlyIf.holds(ctx.principal, root)) return decide('none', root, args, ctx, info);
      const access = personalAccess(ctx, declared, root as Placed & { pk?: number });
      return access instanceof Promise ? access.then((a) => decide(a, root, args, ctx, info)) : decide(access, root, args, ctx, info);
    };
  }
}
