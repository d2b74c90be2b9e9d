import type { RequestContext } from '../../src/context';
import type { Binding, Principal } from '../../src/core/auth/principal';
import { Role, ScopeType } from '../../src/core/auth/roles';
import type { GridUnitRow } from '../../src/modules/stations/stations.loaders';
import { gridUnitPermissions } from '../../src/modules/stations/stations.permissions';

/*
 * GridUnit.permissions.canPost is postToGrid's rule: WRITE_ORGANIZATION over the grid *and* the right
 * to grant GRID_WORKER there. Today every role that writes the organization at a community's level
 * may also grant there, so the second half is shown here with a binding that has the first and not
 * the second (a group leader's capabilities placed at the community).
 */
const grid = { pk: 7, id: 'x', __typename: 'GridUnit', communityId: 1, path: 'd1.s1.c1', orgPath: null } as unknown as GridUnitRow;

function principal(role: Role): Principal {
  const binding: Binding = {
    id: 1,
    role,
    scopeType: ScopeType.COMMUNITY,
    scopeId: 1,
    communityId: 1,
    path: 'd1.s1.c1',
    orgPath: null,
    scopeName: null,
    grantedAt: '2026-12-01T00:00:00Z',
  };
  return {
    kind: 'user',
    userId: 1,
    login: 'x',
    displayName: 'x',
    personId: null,
    bindings: [binding],
    communityIds: new Set([1]),
    allCommunities: false,
  };
}

const ctxOf = (p: Principal) => ({ principal: p }) as unknown as RequestContext;

describe("a grid's permissions", () => {
  it('lets post to it who writes the organization there and may grant GRID_WORKER there', () => {
    expect(gridUnitPermissions(ctxOf(principal(Role.COMMUNITY_ADMIN)), grid)).toEqual({ canPost: true });
  });

  it('refuses who writes the organization there but may not grant', () => {
    expect(gridUnitPermissions(ctxOf(principal(Role.GROUP_LEADER)), grid)).toEqual({ canPost: false });
  });

  it('refuses who may grant nothing and write nothing there', () => {
    expect(gridUnitPermissions(ctxOf(principal(Role.GRID_WORKER)), grid)).toEqual({ canPost: false });
  });
});
