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

registerEnumType(Role, {
  name: 'Role',
  description: 'A role held at a scope node; docs/permissions.md lists what each may do.',
  valuesConfig: {
    PLATFORM_ADMIN: { description: 'Runs the platform: every capability everywhere.' },
    DISTRICT_OFFICER: { description: 'A district office: structure, figures across its communities, access and candidate review.' },
    STREET_OFFICER: { description: 'A street office: like the district, for its streets.' },
    COMMUNITY_ADMIN: { description: "A community committee's staff: manages its community." },
    BRANCH_SECRETARY: { description: 'Secretary of a compound (or joint) party branch.' },
    GROUP_LEADER: { description: 'Leader of a building group.' },
    GRID_WORKER: { description: 'A grid worker of the community.' },
    FINANCE_SUPERVISOR: { description: "Supervises a community's accounts and statements." },
    COMMITTEE_MEMBER: { description: 'A member of a property committee.' },
    OWNER_REPRESENTATIVE: { description: "An owners' representative." },
    MEMBER: { description: 'A party member linked to households (member households).' },
    RESIDENT: { description: 'A resident: their own household and what is disclosed to residents.' },
    INTEGRATION: { description: 'A service account of another system (API keys).' },
  },
});
registerEnumType(ScopeType, {
  name: 'ScopeType',
  description: 'The kind of hierarchy node a role is bound at; it covers that node and everything beneath it.',
  valuesConfig: {
    PLATFORM: { description: 'The whole platform.' },
    DISTRICT: { description: 'A district (区).' },
    STREET: { description: 'A street office (街道).' },
    COMMUNITY: { description: 'A community (社区).' },
    BRANCH: { description: 'A compound or joint party branch.' },
    GROUP: { description: 'A building group.' },
    COMPOUND: { description: 'A compound (小区).' },
    HOUSEHOLD: { description: 'A household.' },
  },
});
registerEnumType(PrincipalKind, {
  name: 'PrincipalKind',
  description: 'Who is calling: nobody, a user, or a service account.',
  valuesConfig: {
    ANONYMOUS: { description: 'No credentials.' },
    USER: { description: 'A signed-in user.' },
    SERVICE_ACCOUNT: { description: 'A service account, with an API key.' },
  },
});
