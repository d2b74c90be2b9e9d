import { Capability, ROLE_CAPABILITIES, ROLE_RANK, roleHas } from './capabilities';
import { type Role, ScopeType } from './roles';

/** A live role binding of the caller, with its scope's current ancestry (loaded once per request). */
export interface Binding {
  id: number;
  role: Role;
  scopeType: ScopeType;
  scopeId: number | null;
  communityId: number | null;
  /** The scope node's path ('' for the platform). */
  path: string;
  /** For compound and household scopes: the branch or group they sit under (organization tree). */
  orgPath?: string | null;
  scopeName: string | null;
  grantedAt: string;
}

interface Scoped {
  bindings: Binding[];
  /** Communities the caller reaches (row-level security uses the same set). */
  communityIds: ReadonlySet<number>;
  allCommunities: boolean;
}

export type Principal =
  | ({ kind: 'anonymous' } & Scoped)
  | ({
      kind: 'user';
      userId: number;
      login: string;
      displayName: string;
      personId: number | null;
      /** The sign-in session's secret (platform tokens), for signing out. */ session?: string;
    } & Scoped)
  | ({ kind: 'service'; serviceAccountId: number; name: string; apiKeyId: number } & Scoped);

export const ANONYMOUS: Principal = { kind: 'anonymous', bindings: [], communityIds: new Set(), allCommunities: false };

/** What a permission check needs to know about an object: where it sits. */
export interface Placed {
  path?: string | null;
  orgPath?: string | null;
  communityId?: number | null;
}

/** `path` is `scope` or below it ('1.4' is under '1', '14' is not); no string is built, as this runs per checked field. */
function under(scope: string, path: string | null | undefined): boolean {
  if (!path) return false;
  if (path.length === scope.length) return path === scope;
  return path.length > scope.length && path.charCodeAt(scope.length) === 46 /* . */ && path.startsWith(scope);
}

/** A binding covers its scope node and everything beneath it, in the places tree or the organization tree. */
export function covers(binding: Binding, target: Placed): boolean {
  if (binding.scopeType === ScopeType.PLATFORM) return true;
  return under(binding.path, target.path) || under(binding.path, target.orgPath);
}

/** Whether any of the caller's bindings grants `capability` over `target`. */
export function can(principal: Principal, capability: Capability, target: Placed): boolean {
  for (const binding of principal.bindings) {
    if (roleHas(binding.role, capability) && covers(binding, target)) return true;
  }
  return false;
}

/**
 * `can`, or a binding with `capability` that sits inside the target (a resident's household inside
 * the compound whose notice board they read).
 */
export function canWithin(principal: Principal, capability: Capability, target: Placed): boolean {
  if (can(principal, capability, target)) return true;
  const path = target.path;
  if (path) return principal.bindings.some((b) => roleHas(b.role, capability) && under(path, b.path));
  // A target of the organization tree only (an account pooled per joint branch): a binding whose
  // compound or household sits under it, e.g. a resident of one of the branch's compounds.
  const orgPath = target.orgPath;
  return !!orgPath && principal.bindings.some((b) => roleHas(b.role, capability) && under(orgPath, b.orgPath));
}

/** The role of the first binding that grants `capability` over `target` (recorded on acts). */
export function roleFor(principal: Principal, capability: Capability, target: Placed): Role | null {
  for (const binding of principal.bindings) {
    if (roleHas(binding.role, capability) && covers(binding, target)) return binding.role;
  }
  return null;
}

/** Whether the caller holds `capability` anywhere (for lists filtered by scope). */
export function canSomewhere(principal: Principal, capability: Capability): boolean {
  return principal.bindings.some((b) => roleHas(b.role, capability));
}

/** Whether a community is within the caller's tenant scope (the same set row-level security uses). */
export function reachesCommunity(principal: Principal, communityId: number | null | undefined): boolean {
  return principal.allCommunities || (communityId !== null && communityId !== undefined && principal.communityIds.has(communityId));
}

/**
 * No privilege escalation: granting `role` at `scope` needs a binding of the granter that covers the
 * scope, may MANAGE_ACCESS, is at least as senior, and holds every capability of the granted role.
 */
export function canGrant(principal: Principal, role: Role, scope: Placed): boolean {
  return principal.bindings.some(
    (b) =>
      roleHas(b.role, Capability.MANAGE_ACCESS) &&
      covers(b, scope) &&
      ROLE_RANK[b.role] >= ROLE_RANK[role] &&
      ROLE_CAPABILITIES[role].every((c) => roleHas(b.role, c)),
  );
}

export function actorLabel(principal: Principal): string {
  if (principal.kind === 'user') return principal.login;
  if (principal.kind === 'service') return `service:${principal.name}`;
  return 'anonymous';
}
