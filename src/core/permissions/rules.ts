import { allow, chain, deny, rule } from 'graphql-shield';
import type { IRules } from 'graphql-shield';
import type { GraphQLResolveInfo } from 'graphql';
import type { RequestContext } from '../../context';
import { Capability, roleHas } from '../auth/capabilities';
import { can, canGrant, canWithin, covers, reachesCommunity, type Placed, type Principal } from '../auth/principal';
import type { Role } from '../auth/roles';
import { ApiError, BadUserInputError, ForbiddenError, NotFoundError, UnauthenticatedError } from '../errors/errors';
import { nodeSpecFor } from '../graphql/node';
import { personalField, readsPlainByRight, type PersonalField } from '../auth/personal-data';

/*
 * The building blocks of the permission tree. Rules that read `parent` or `args` never use the
 * contextual cache (it once reused one household's answer for another tenant's); they are cheap
 * prefix comparisons against the bindings loaded at the start of the request.
 */

export { allow };

/*
 * What each rule means in words, for docs/permissions.md (the committed rule map). Rules are
 * described where they are made, so the document cannot say something the code does not do.
 */
const descriptions = new WeakMap<object, string>();

export function described<T extends object>(rule: T, text: string): T {
  descriptions.set(rule, text);
  return rule;
}

/** The rule in words: its description, or how it is composed of described rules. */
export function describeRule(rule: ShieldRule): string {
  const text = descriptions.get(rule);
  if (text) return text;
  if (rule === allow) return 'allow';
  if (rule === deny) return 'deny';
  const name = (rule as { constructor: { name: string } }).constructor.name;
  const parts = (rule as { getRules?: () => ShieldRule[] }).getRules?.();
  if (parts) return parts.map(describeRule).join(name === 'RuleChain' || name === 'RuleAnd' ? '; ' : ' or ');
  return (rule as { name?: string }).name ?? name;
}

/** How a rule caches: a rule reading parent or args must be 'no_cache' (a test checks). */
export function cacheOf(rule: ShieldRule): string | undefined {
  return (rule as unknown as { cache?: string }).cache;
}

/**
 * The check of a rule that decides from the caller's bindings and the parent object alone,
 * synchronously. The permission tree runs these in the field's own resolver instead of through
 * graphql-shield's asynchronous middleware, which cost a chain of promises per guarded field (on a
 * page of 400 households, 400 times): the same check, with the same answers (see protect).
 */
export type SynchronousCheck = (parent: never, args: Record<string, unknown>, ctx: RequestContext) => true | Error;

const synchronousChecks = new WeakMap<object, SynchronousCheck>();

/** A 'no_cache' rule whose check is synchronous, recorded as such. */
function synchronousRule<P>(name: string, check: (parent: P, args: Record<string, unknown>, ctx: RequestContext) => true | Error): IRule {
  const made = rule(name, { cache: 'no_cache' })(
    check as (parent: unknown, args: Record<string, unknown>, ctx: RequestContext) => true | Error,
  );
  synchronousChecks.set(made, check);
  return made;
}

/** The synchronous check of `rule`, when it was made by one of the builders below that have one. */
export function synchronousCheckOf(rule: ShieldRule): SynchronousCheck | undefined {
  return synchronousChecks.get(rule);
}

/** A rule or a logic rule (and, chain, allow…). */
export type ShieldRule = Exclude<IRules, Record<string, unknown>>;

/** A module's part of the permission tree: type name (Query and Mutation included) → field → rule. */
export type PermissionPart = Record<string, Record<string, ShieldRule>>;
type IRule = ShieldRule;

/**
 * Anonymous: sign in. Otherwise FORBIDDEN, naming the capability the rule looked for
 * (`extensions.capability`) when the caller holds it nowhere — the role is what is missing, and a
 * frontend developer sees which. A caller who holds it somewhere lacks the place, and is told
 * nothing more: whether a capability is named then depends on the caller alone, never on the
 * object refused (where it lies, what state it is in).
 */
export function refusal(ctx: RequestContext, capability?: Capability): Error {
  const principal = ctx.principal;
  if (principal.kind === 'anonymous') return new UnauthenticatedError('Sign in to see or do this');
  if (!capability || principal.bindings.some((b) => roleHas(b.role, capability))) return new ForbiddenError();
  return new ForbiddenError(`You may not do this here: it needs ${capability}`, { capability });
}

/** Depends on the caller alone, so it may be cached per request. */
export const authenticated: IRule = described(
  rule('authenticated', { cache: 'contextual' })((_parent, _args, ctx: RequestContext) =>
    ctx.principal.kind !== 'anonymous' ? true : new UnauthenticatedError('Sign in to see or do this'),
  ),
  'signed in',
);

const somewhereRules = new Map<Capability, IRule>();

/**
 * For top-level lists that show each caller only the rows within their reach (the list filters by
 * the same bindings): the caller needs `capability` somewhere, or is refused rather than shown an
 * empty list they could never fill.
 */
export function somewhere(capability: Capability): IRule {
  let r = somewhereRules.get(capability);
  if (!r) {
    r = described(
      synchronousRule(`somewhere:${capability}`, (_parent, _args, ctx) =>
        ctx.principal.bindings.some((b) => roleHas(b.role, capability)) ? true : refusal(ctx, capability),
      ),
      `${capability} somewhere; the list holds only the rows within its reach`,
    );
    somewhereRules.set(capability, r);
  }
  return r;
}

const belowRules = new Map<Capability, IRule>();

/**
 * For edges that list or detail what lies under the parent (a building's households, a household's
 * persons): the caller needs `capability` over the parent. Upward edges (a household's building)
 * and plain fields need no rule of their own: the parent was reached through a checked edge.
 */
export function below(capability: Capability): IRule {
  let r = belowRules.get(capability);
  if (!r) {
    r = described(
      synchronousRule(`below:${capability}`, (parent: Placed, _args, ctx) =>
        can(ctx.principal, capability, parent) ? true : refusal(ctx, capability),
      ),
      `${capability} over the parent object`,
    );
    belowRules.set(capability, r);
  }
  return r;
}

const inCommunityRules = new Map<Capability, IRule>();

/**
 * For what a community shows everyone in it (its service ranking): the caller needs `capability`
 * over the object or anywhere in its community.
 */
export function inCommunity(capability: Capability): IRule {
  let r = inCommunityRules.get(capability);
  if (!r) {
    r = described(
      synchronousRule(`inCommunity:${capability}`, (parent: Placed, _args, ctx) =>
        can(ctx.principal, capability, parent) ||
        ctx.principal.bindings.some((b) => b.communityId !== null && b.communityId === parent.communityId && roleHas(b.role, capability))
          ? true
          : refusal(ctx, capability),
      ),
      `${capability} over the parent object or anywhere in its community`,
    );
    inCommunityRules.set(capability, r);
  }
  return r;
}

/**
 * For what a community shows its own people (the public face of its office holders): a binding in
 * that community, or on the platform. Officers above communities read the organization and its
 * figures, never names.
 */
export const ofTheCommunity: IRule = described(
  synchronousRule('ofTheCommunity', (parent: Placed, _args, ctx) =>
    ctx.principal.bindings.some((b) => b.scopeType === 'PLATFORM' || (b.communityId !== null && b.communityId === parent.communityId))
      ? true
      : refusal(ctx),
  ),
  'a role in the parent object’s community (or the platform): its own people, not the offices above it',
);

const personRules = new Map<string, IRule>();

/**
 * For a person named on another object (a branch's secretary, a committee member, who granted a
 * role): the caller needs `capability` over the person themselves — their household — or must be
 * that person. Office holders are residents too: the community sees their public face (the
 * *Profile fields), never their record, unless it has a duty of care for them.
 */
export function overPerson(capability: Capability, idField: string): IRule {
  const key = `${capability}:${idField}`;
  let r = personRules.get(key);
  if (!r) {
    r = described(
      rule(`overPerson:${key}`, { cache: 'no_cache' })(async (parent: Record<string, unknown>, _args, ctx: RequestContext) => {
        const pk = parent[idField];
        if (typeof pk !== 'number') return true; // nobody named: the field answers null
        if (ctx.principal.kind === 'user' && ctx.principal.personId === pk) return true;
        const spec = nodeSpecFor('Person');
        const person = spec ? ((await ctx.loaders.node(spec).load(pk)) as Placed | null) : null;
        // Hidden by row-level security (the resident lock of officers above communities): refused too.
        return person && can(ctx.principal, capability, person) ? true : refusal(ctx, capability);
      }),
      `${capability} over the person named (their household), or being that person`,
    );
    personRules.set(key, r);
  }
  return r;
}

const withinRules = new Map<Capability, IRule>();

/**
 * For what a compound shows its residents (published statements): `capability` over the parent,
 * or a binding with it inside the parent (a household of the compound).
 */
export function within(capability: Capability): IRule {
  let r = withinRules.get(capability);
  if (!r) {
    r = described(
      synchronousRule(`within:${capability}`, (parent: Placed, _args, ctx) =>
        canWithin(ctx.principal, capability, parent) ? true : refusal(ctx, capability),
      ),
      `${capability} over the parent object, or from a binding inside it`,
    );
    withinRules.set(capability, r);
  }
  return r;
}

/** An input field holding something that is not an ID at all. */
export interface Malformed {
  malformed: string;
}

/**
 * Where a mutation acts: the objects its input names. An entry per ID given: the object; null when
 * it names nothing the caller can see (missing, another type, another community); Malformed when it
 * is not an ID. An ID left out contributes no entry.
 */
export type Target = Placed | null | Malformed;

function isMalformed(target: Target): target is Malformed {
  return !!target && 'malformed' in target;
}
export type TargetsOf = ((args: Record<string, unknown>, ctx: RequestContext) => Promise<Target[]>) & { label?: string };

/** A capability that depends on the object acted on (rejecting a proposal: the step it waits for). */
export interface CapabilityOf {
  of(target: Placed): Capability;
  label: string;
}

/**
 * A mutation needs `capability` over every object it acts on, and fails closed: an ID that names
 * nothing visible is NOT_FOUND (another community's object behaves exactly like a missing one), a
 * mutation whose input names nothing to check is refused, and a selector that fails denies.
 */
export function mutation(name: string, capability: Capability | CapabilityOf, targets: TargetsOf): IRule {
  const check = rule(`mutation:${name}`, { cache: 'no_cache' })((_parent, args: Record<string, unknown>, ctx: RequestContext) =>
    checkTargets(
      ctx,
      args,
      targets,
      (principal, target) => mayAct(principal, typeof capability === 'string' ? capability : capability.of(target), target),
      typeof capability === 'string' ? capability : undefined,
    ),
  );
  const label = typeof capability === 'string' ? capability : capability.label;
  return described(chain(authenticated, check), `signed in; ${label} over ${targets.label ?? 'its target'}`);
}

/** The targets named by the input, each one permitted (after the input's IDs and the caller's reach were checked). */
async function checkTargets(
  ctx: RequestContext,
  args: Record<string, unknown>,
  targets: TargetsOf,
  permits: (principal: Principal, target: Placed) => boolean,
  capability?: Capability,
): Promise<true | Error> {
  let found: Target[];
  try {
    found = await targets(args, ctx);
  } catch (err) {
    return err instanceof ApiError ? err : refusal(ctx);
  }
  const malformed = found.find(isMalformed);
  if (malformed) return new BadUserInputError(`input.${malformed.malformed} is not a valid ID`, { field: ['input', malformed.malformed] });
  const placed = found as Array<Placed | null>;
  if (placed.length === 0) return new BadUserInputError(`The input names nothing to act on: give ${targets.label ?? 'its target'}`);
  for (const target of placed) {
    if (!target || (target.communityId && !reachesCommunity(ctx.principal, target.communityId)))
      return new NotFoundError('object', { reason: 'reference' });
  }
  for (const target of placed) if (!permits(ctx.principal, target!)) return refusal(ctx, capability);
  return true;
}

/**
 * The check a mutation's rule makes of each target, for answers that tell a caller in advance
 * what it may do with an object (`permissions { canX }`): the capability over the target, in a
 * community the caller reaches.
 */
export function mayAct(principal: Principal, capability: Capability, target: Placed): boolean {
  if (target.communityId && !reachesCommunity(principal, target.communityId)) return false;
  return can(principal, capability, target);
}

/**
 * Writing a personal value needs the right to read it plain there too: a unique value (a door
 * number) refused as TAKEN would otherwise tell a caller what it may only see masked. Who reads it
 * plain is the field's declaration (core/auth/personal-data.ts): READ_PERSONAL_DATA, or the
 * capability that writes it where the declaration says so. Applies when the input carries one of
 * `inputFields` — `doorNo` (input.doorNo) or `items[].doorNo` (the door number of any item).
 */
export function writesPersonalData(name: string, personal: `${string}.${string}`, inputFields: string[], targets: TargetsOf): IRule {
  const [type, fieldName] = personal.split('.');
  const carried = (input: Record<string, unknown>) =>
    inputFields.some((path) => {
      const listed = /^(\w+)\[\]\.(\w+)$/.exec(path);
      const present = (value: unknown) => value !== undefined && value !== null;
      if (!listed) return present(input[path]);
      const items = input[listed[1]];
      return Array.isArray(items) && items.some((item) => present((item as Record<string, unknown> | null)?.[listed[2]]));
    });
  return described(
    rule(`personal:${name}`, { cache: 'no_cache' })((_parent, args: Record<string, unknown>, ctx: RequestContext) => {
      if (!carried((args.input as Record<string, unknown> | undefined) ?? {})) return true;
      const declared = personalField(type, fieldName);
      // Fails closed: a field nobody declared is read plain by READ_PERSONAL_DATA only.
      return checkTargets(ctx, args, targets, (principal, target) => mayReadPlain(principal, target, declared));
    }),
    `with ${inputFields.join(' or ')}: reads ${personal} plain (see Personal data) over ${targets.label ?? 'its target'}`,
  );
}

/** Plain by right, not as one's own (the target is where the value is written: a unit, a community). */
function mayReadPlain(principal: Principal, target: Placed, declared: PersonalField | undefined): boolean {
  if (target.communityId && !reachesCommunity(principal, target.communityId)) return false;
  return readsPlainByRight(principal, target, declared);
}

/** Granting or revoking `role` at a scope: no privilege escalation (see canGrant). */
export function grantRule(
  name: string,
  subject: (args: Record<string, unknown>, ctx: RequestContext) => Promise<{ role: Role; scope: Placed | null } | null>,
  also?: string,
): IRule {
  const check = rule(`grant:${name}`, { cache: 'no_cache' })(async (_parent, args: Record<string, unknown>, ctx: RequestContext) => {
    let found: { role: Role; scope: Placed | null } | null;
    try {
      found = await subject(args, ctx);
    } catch (err) {
      return err instanceof ApiError ? err : refusal(ctx);
    }
    // Fails closed: a binding or scope that cannot be found is NOT_FOUND, never waved through.
    if (!found || !found.scope) return new NotFoundError('object', { reason: 'reference' });
    if (found.scope.communityId && !reachesCommunity(ctx.principal, found.scope.communityId))
      return new NotFoundError('object', { reason: 'reference' });
    return canGrant(ctx.principal, found.role, found.scope) ? true : refusal(ctx);
  });
  return described(
    chain(authenticated, check),
    `signed in; MANAGE_ACCESS over the scope, from a role at least as senior holding every capability of the role granted (no escalation)${also ? `; ${also}` : ''}`,
  );
}

/** A user or service account acted on, and where it belongs (a person's place, a community, or the platform). */
export interface PrincipalTarget {
  userId?: number;
  serviceAccountId?: number;
  placed: Placed;
}

interface LiveBinding {
  key: string;
  role: Role;
  scope_type: string;
  path: string | null;
  org_path: string | null;
  community_id: number | null;
}

/** Every live binding of the principals named by `keys` ('u:<id>' / 's:<id>'), whatever the caller may see. */
function liveBindings(ctx: RequestContext) {
  return ctx.loaders.custom<string, LiveBinding[]>('live-bindings', async (db, keys) => {
    const rows = await db.query<LiveBinding>(
      `select k.key, b.* from unnest($1::text[]) as k(key)
         cross join lateral lianxin_live_bindings(case when k.key like 'u:%' then substr(k.key, 3)::int end,
                                                  case when k.key like 's:%' then substr(k.key, 3)::int end) b`,
      [keys],
    );
    return keys.map((k) => rows.filter((r) => r.key === k));
  });
}

/**
 * Acting on a principal's credentials (minting its keys, disabling it, ending its tokens) needs
 * MANAGE_ACCESS where it belongs and, for every role it holds, the right to grant that role there:
 * nobody can hand out, or take over, more than they hold over every scope the credential reaches.
 * `allowSelf`: callers may do it to themselves (ending their own tokens).
 */
export function controlsPrincipal(
  name: string,
  select: (args: Record<string, unknown>, ctx: RequestContext) => Promise<PrincipalTarget | null>,
  options: { allowSelf?: boolean } = {},
): IRule {
  const check = rule(`controls:${name}`, { cache: 'no_cache' })(async (_parent, args: Record<string, unknown>, ctx: RequestContext) => {
    let target: PrincipalTarget | null;
    try {
      target = await select(args, ctx);
    } catch (err) {
      return err instanceof ApiError ? err : refusal(ctx);
    }
    const p = ctx.principal;
    // Another community's principal, or one of the platform's (an officer's login) asked about by a
    // caller bound inside a community only: not found, as an ID that names nobody.
    const self = p.kind === 'user' && target?.userId === p.userId;
    if (!target || (target.placed.communityId ? !reachesCommunity(p, target.placed.communityId) : !self && !reachesPlatformAccounts(p))) {
      return new NotFoundError('object', { reason: 'reference' });
    }
    if (options.allowSelf && p.kind === 'user' && target.userId === p.userId) return true;
    if (!can(p, Capability.MANAGE_ACCESS, target.placed)) return refusal(ctx, Capability.MANAGE_ACCESS);
    const key = target.userId ? `u:${target.userId}` : `s:${target.serviceAccountId}`;
    for (const b of await liveBindings(ctx).load(key)) {
      const scope: Placed = b.scope_type === 'PLATFORM' ? PLATFORM : { path: b.path, orgPath: b.org_path, communityId: b.community_id };
      if (!canGrant(p, b.role, scope)) return refusal(ctx);
    }
    return true;
  });
  return described(
    chain(authenticated, check),
    `signed in; MANAGE_ACCESS where the principal belongs (another community's, or the platform's to a caller bound inside communities only: NOT_FOUND), and the right to grant every role it holds${options.allowSelf ? ' (or the principal itself)' : ''}`,
  );
}

/**
 * Accounts that belong to no community (an officer's login, a platform service account) are within
 * reach of callers holding a role above communities (district, street, platform), not of those
 * bound inside one.
 */
function reachesPlatformAccounts(p: Principal): boolean {
  return p.bindings.some((b) => b.communityId === null);
}

/**
 * Whether a principal lies within the caller's reach, for granting it a role: where it belongs (a
 * user: their person's community; a service account: its community) is a community the caller
 * reaches — or, for an account that belongs to the platform (an officer's login without a person, a
 * platform service account), the caller holds a binding above communities — and every live binding
 * it holds sits in a community the caller reaches or under a binding of the caller. A principal
 * outside it is another tenant's: its ID must behave exactly like one that does not exist. Platform
 * administrators reach everyone.
 */
export async function principalWithinReach(ctx: RequestContext, target: PrincipalTarget): Promise<boolean> {
  const p = ctx.principal;
  if (p.bindings.some((b) => b.scopeType === 'PLATFORM')) return true;
  const home = target.placed.communityId;
  if (home ? !reachesCommunity(p, home) : !reachesPlatformAccounts(p)) return false;
  const key = target.userId ? `u:${target.userId}` : `s:${target.serviceAccountId}`;
  for (const b of await liveBindings(ctx).load(key)) {
    if (b.community_id !== null) {
      if (!reachesCommunity(p, b.community_id)) return false;
      continue;
    }
    const scope: Placed = b.scope_type === 'PLATFORM' ? PLATFORM : { path: b.path, orgPath: b.org_path, communityId: null };
    if (!p.bindings.some((own) => covers(own, scope))) return false;
  }
  return true;
}

/** A rule from a plain predicate over the caller and the arguments. */
export function predicate(
  name: string,
  description: string,
  test: (args: Record<string, unknown>, ctx: RequestContext, info: GraphQLResolveInfo) => Promise<true | Error> | true | Error,
): IRule {
  return described(
    rule(name, { cache: 'no_cache' })((_parent, args: Record<string, unknown>, ctx: RequestContext, info: GraphQLResolveInfo) =>
      test(args, ctx, info),
    ),
    description,
  );
}

/** The platform as a target: covered only by platform bindings. */
export const PLATFORM: Placed = { path: null, orgPath: null, communityId: null };
