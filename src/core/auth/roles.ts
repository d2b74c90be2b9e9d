import { registerEnumType } from 'type-graphql';

/** The roles a principal can hold, each at a node of the hierarchy (see docs/permissions.md). */
export enum Role {
  PLATFORM_ADMIN = 'PLATFORM_ADMIN',
  DISTRICT_OFFICER = 'DISTRICT_OFFICER',
  STREET_OFFICER = 'STREET_OFFICER',
  COMMUNITY_ADMIN = 'COMMUNITY_ADMIN',
  BRANCH_SECRETARY = 'BRANCH_SECRETARY',
  GROUP_LEADER = 'GROUP_LEADER',
  GRID_WORKER = 'GRID_WORKER',
  FINANCE_SUPERVISOR = 'FINANCE_SUPERVISOR',
  COMMITTEE_MEMBER = 'COMMITTEE_MEMBER',
  OWNER_REPRESENTATIVE = 'OWNER_REPRESENTATIVE',
  MEMBER = 'MEMBER',
  RESIDENT = 'RESIDENT',
  INTEGRATION = 'INTEGRATION',
}

/** The kinds of hierarchy node a role can be bound at; a binding covers its node and everything beneath. */
export enum ScopeType {
  PLATFORM = 'PLATFORM',
  DISTRICT = 'DISTRICT',
  STREET = 'STREET',
  COMMUNITY = 'COMMUNITY',
  BRANCH = 'BRANCH',
  GROUP = 'GROUP',
  COMPOUND = 'COMPOUND',
  HOUSEHOLD = 'HOUSEHOLD',
}

export enum PrincipalKind {
  ANONYMOUS = 'ANONYMOUS',
  USER = 'USER',
  SERVICE_ACCOUNT = 'SERVICE_ACCOUNT',
}

registerEnumType(Role, { name: 'Role', description: 'A role held at a scope node; docs/permissions.md lists what each may do.' });
registerEnumType(ScopeType, {
  name: 'ScopeType',
  description: 'The kind of hierarchy node a role is bound at; it covers that node and everything beneath it.',
});
registerEnumType(PrincipalKind, { name: 'PrincipalKind' });
