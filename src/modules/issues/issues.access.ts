import { Capability, roleHas } from '../../core/auth/capabilities';
import { covers, reachesCommunity, type Principal } from '../../core/auth/principal';
import type { Role } from '../../core/auth/roles';
import type { ListFilter } from '../../core/data/loaders';
import type { IssueLevel } from './issues.enums';
import { handlerActs, handlerSees, LEVELS, levelOfRole } from './ladder';

/*
 * Who sees and who acts on an issue: its reporter, and handlers whose binding covers the issue's
 * household and whose rung of the ladder fits the issue's level (ladder.ts). The permission rules,
 * node(id:) and the list filter all answer from here, so they cannot disagree.
 */

interface IssuePlace {
  path: string | null;
  orgPath: string | null;
  communityId: number;
  level: IssueLevel;
  reporterUserId: number;
}

export function isReporter(principal: Principal, issue: Pick<IssuePlace, 'reporterUserId'>): boolean {
  return principal.kind === 'user' && principal.userId === issue.reporterUserId;
}

function handlerBindings(principal: Principal) {
  return principal.bindings.filter((b) => roleHas(b.role, Capability.HANDLE_ISSUES) && levelOfRole(b.role) !== null);
}

/** The role in which the caller may act on the issue, if any. */
export function actingRole(principal: Principal, issue: IssuePlace): Role | null {
  if (!reachesCommunity(principal, issue.communityId)) return null;
  for (const b of handlerBindings(principal)) {
    if (covers(b, issue) && handlerActs(levelOfRole(b.role)!, issue.level, b.scopeType === 'PLATFORM')) return b.role;
  }
  return null;
}

export function maySeeIssue(principal: Principal, issue: IssuePlace): boolean {
  if (isReporter(principal, issue)) return true;
  if (!reachesCommunity(principal, issue.communityId)) return false;
  return handlerBindings(principal).some(
    (b) => covers(b, issue) && handlerSees(levelOfRole(b.role)!, issue.level, b.scopeType === 'PLATFORM'),
  );
}

/**
 * The same as maySeeIssue, in SQL over `t` (resident_issue): a list shows only the rows its caller
 * may see, one statement whatever the bindings.
 */
export function visibleIssuesFilter(principal: Principal): ListFilter {
  const userId = principal.kind === 'user' ? principal.userId : -1;
  const params: unknown[] = [userId];
  const parts = ['t.reporter_user_id = $1'];
  for (const b of handlerBindings(principal)) {
    const levels = LEVELS.filter((l) => handlerSees(levelOfRole(b.role)!, l, b.scopeType === 'PLATFORM'));
    if (b.scopeType === 'PLATFORM') {
      parts.push('true');
      continue;
    }
    params.push(b.path, levels);
    const p = params.length - 1;
    parts.push(`((t.path <@ $${p}::ltree or t.org_path <@ $${p}::ltree) and t.level = any($${p + 1}::text[]))`);
  }
  const key = `issues:visible:${userId}:${principal.bindings.map((b) => b.id).join(',')}`;
  return { key, sql: `(${parts.join(' or ')})`, params };
}

/** Only the caller's own reports. */
export function ownIssuesFilter(principal: Principal): ListFilter {
  const userId = principal.kind === 'user' ? principal.userId : -1;
  return { key: `issues:own:${userId}`, sql: 't.reporter_user_id = $1', params: [userId] };
}
