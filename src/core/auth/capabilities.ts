import { registerEnumType } from 'type-graphql';
import { Role, ScopeType } from './roles';

/**
 * What a role allows within its scope. This table is the permission policy: the shield rules,
 * personal-data masking, grants and `viewer` all read it, and docs/permissions.md is generated from
 * it (a test keeps the two in step).
 */
export enum Capability {
  /** Names and shape of the organization and places: districts down to units, member-household plates. */
  READ_STRUCTURE = 'READ_STRUCTURE',
  /** Households (door numbers masked unless READ_PERSONAL_DATA or WRITE_PLACES). */
  READ_HOUSEHOLDS = 'READ_HOUSEHOLDS',
  /** Persons, their party memberships and duties. */
  READ_PERSONS = 'READ_PERSONS',
  /** Phone, identity number, exact room, vulnerability tags: the duty of care. */
  READ_PERSONAL_DATA = 'READ_PERSONAL_DATA',
  /** Districts, streets, communities, committees, branches, groups, coverage and graduation, building moves, member households, party memberships, duties. */
  WRITE_ORGANIZATION = 'WRITE_ORGANIZATION',
  /** Compounds, buildings, units, households. */
  WRITE_PLACES = 'WRITE_PLACES',
  /** Persons, including their personal data. */
  WRITE_PEOPLE = 'WRITE_PEOPLE',
  /** Users, service accounts, API keys and role bindings, within the granter's own capabilities. */
  MANAGE_ACCESS = 'MANAGE_ACCESS',
  /** The audit log. */
  READ_AUDIT = 'READ_AUDIT',
  /** Aggregates across communities (district read models). */
  READ_AGGREGATES = 'READ_AGGREGATES',
  /** Co-managed accounts: custodians, the ledger, expenditure proposals, draft statements. */
  READ_ACCOUNTS = 'READ_ACCOUNTS',
  /** Published monthly statements, for those bound inside the compound too (a resident's household). */
  READ_DISCLOSURES = 'READ_DISCLOSURES',
  /** Opening accounts, seating custodians, recording income and reversals. */
  MANAGE_ACCOUNTS = 'MANAGE_ACCOUNTS',
  /** 提议: proposing a spend (the compound branch). */
  PROPOSE_SPENDING = 'PROPOSE_SPENDING',
  /** 商议: recording the discussion of branch and committee. */
  DISCUSS_SPENDING = 'DISCUSS_SPENDING',
  /** 审议: recording the party-member assembly's review. */
  REVIEW_SPENDING = 'REVIEW_SPENDING',
  /** 决议: recording the building-heads meeting's resolution. */
  RESOLVE_SPENDING = 'RESOLVE_SPENDING',
  /** Paying a resolved proposal from the account (a custodian's act). */
  PAY_SPENDING = 'PAY_SPENDING',
  /** Preparing and publishing monthly statements (the finance supervision group). */
  PREPARE_STATEMENTS = 'PREPARE_STATEMENTS',
  /** Property committees: elections, nominations, recording votes, confirmation, interim committees, recalls. */
  MANAGE_COMMITTEES = 'MANAGE_COMMITTEES',
  /** The street office's review of committee candidates. */
  REVIEW_CANDIDATES = 'REVIEW_CANDIDATES',
  /** Property companies, monthly service lists. */
  MANAGE_SERVICES = 'MANAGE_SERVICES',
  /** Answering residents' objections (the provider's side). */
  ANSWER_OBJECTIONS = 'ANSWER_OBJECTIONS',
  /** Objecting to a service item, for a household. */
  RAISE_OBJECTIONS = 'RAISE_OBJECTIONS',
  /** The quarterly evaluation, for a household. */
  EVALUATE_SERVICES = 'EVALUATE_SERVICES',
  /** Fee schedules, issuing charges, waivers. */
  MANAGE_FEES = 'MANAGE_FEES',
  /** Recording fee payments. */
  RECORD_FEES = 'RECORD_FEES',
  /** Which households owe (the arrears list). */
  READ_ARREARS = 'READ_ARREARS',
  /** Reporting a resident issue (诉求) for a household. */
  REPORT_ISSUES = 'REPORT_ISSUES',
  /** Taking in, handling, escalating and handing down residents' issues at the holder's level of the ladder. */
  HANDLE_ISSUES = 'HANDLE_ISSUES',
  /** A community's issue categories, SLAs and reopening window. */
  CONFIGURE_ISSUES = 'CONFIGURE_ISSUES',
}

registerEnumType(Capability, {
  name: 'Capability',
  description: 'What a role allows within its scope (docs/permissions.md).',
  valuesConfig: {
    READ_STRUCTURE: { description: 'Names and shape of the organization and places: districts down to units, member-household plates.' },
    READ_HOUSEHOLDS: { description: 'Households (door numbers masked unless READ_PERSONAL_DATA or WRITE_PLACES).' },
    READ_PERSONS: { description: 'Persons, their party memberships and duties.' },
    READ_PERSONAL_DATA: { description: 'Phone, identity number, exact room, vulnerability tags: the duty of care.' },
    WRITE_ORGANIZATION: {
      description:
        'Districts, streets, communities, committees, branches, groups, coverage and graduation, building moves, member households, party memberships, duties.',
    },
    WRITE_PLACES: { description: 'Compounds, buildings, units, households.' },
    WRITE_PEOPLE: { description: 'Persons, including their personal data.' },
    MANAGE_ACCESS: { description: "Users, service accounts, API keys and role bindings, within the granter's own capabilities." },
    READ_AUDIT: { description: 'The audit log.' },
    READ_AGGREGATES: { description: 'Aggregates across communities (district read models).' },
    READ_ACCOUNTS: { description: 'Co-managed accounts: custodians, the ledger, expenditure proposals, draft statements.' },
    READ_DISCLOSURES: { description: "Published monthly statements, for those bound inside the compound too (a resident's household)." },
    MANAGE_ACCOUNTS: { description: 'Opening accounts, seating custodians, recording income and reversals.' },
    PROPOSE_SPENDING: { description: '提议: proposing a spend (the compound branch).' },
    DISCUSS_SPENDING: { description: '商议: recording the discussion of branch and committee.' },
    REVIEW_SPENDING: { description: "审议: recording the party-member assembly's review." },
    RESOLVE_SPENDING: { description: "决议: recording the building-heads meeting's resolution." },
    PAY_SPENDING: { description: "Paying a resolved proposal from the account (a custodian's act)." },
    PREPARE_STATEMENTS: { description: 'Preparing and publishing monthly statements (the finance supervision group).' },
    MANAGE_COMMITTEES: {
      description: 'Property committees: elections, nominations, recording votes, confirmation, interim committees, recalls.',
    },
    REVIEW_CANDIDATES: { description: "The street office's review of committee candidates." },
    MANAGE_SERVICES: { description: 'Property companies, monthly service lists.' },
    ANSWER_OBJECTIONS: { description: "Answering residents' objections (the provider's side)." },
    RAISE_OBJECTIONS: { description: 'Objecting to a service item, for a household.' },
    EVALUATE_SERVICES: { description: 'The quarterly evaluation, for a household.' },
    MANAGE_FEES: { description: 'Fee schedules, issuing charges, waivers.' },
    RECORD_FEES: { description: 'Recording fee payments.' },
    READ_ARREARS: { description: 'Which households owe (the arrears list).' },
    REPORT_ISSUES: { description: 'Reporting a resident issue (诉求) for a household.' },
    HANDLE_ISSUES: {
      description: "Taking in, handling, escalating and handing down residents' issues at the holder's level of the ladder.",
    },
    CONFIGURE_ISSUES: { description: "A community's issue categories, SLAs and reopening window." },
  },
});

const C = Capability;
const READ_ALL = [C.READ_STRUCTURE, C.READ_HOUSEHOLDS, C.READ_PERSONS, C.READ_PERSONAL_DATA];
const COMPOUND_BODY = [C.READ_STRUCTURE, C.READ_HOUSEHOLDS, C.READ_PERSONS];
const FINANCE_READERS = [C.READ_ACCOUNTS, C.READ_DISCLOSURES];
const SPENDING = [C.PROPOSE_SPENDING, C.DISCUSS_SPENDING, C.REVIEW_SPENDING, C.RESOLVE_SPENDING, C.PAY_SPENDING];

export const ROLE_CAPABILITIES: Readonly<Record<Role, readonly Capability[]>> = {
  [Role.PLATFORM_ADMIN]: Object.values(Capability),
  // The street office reviews committee candidates before the vote (DOMAIN.md); the district above
  // it may too (and must hold what it grants street officers).
  // Street officers handle the issues escalated to the street (the issues module's ladder), the
  // district holding what it grants them.
  [Role.DISTRICT_OFFICER]: [C.READ_STRUCTURE, C.READ_AGGREGATES, C.MANAGE_ACCESS, C.REVIEW_CANDIDATES, C.HANDLE_ISSUES],
  [Role.STREET_OFFICER]: [C.READ_STRUCTURE, C.READ_AGGREGATES, C.MANAGE_ACCESS, C.REVIEW_CANDIDATES, C.HANDLE_ISSUES],
  // The community admin holds every compound role's capabilities (it grants those roles; no
  // escalation means it must hold what it grants), including each spending step: resolving and
  // paying also need a personal mandate (a seat) that the service checks, which the role alone
  // does not give (the finance module's mandate.ts).
  [Role.COMMUNITY_ADMIN]: [
    ...READ_ALL,
    C.WRITE_ORGANIZATION,
    C.WRITE_PLACES,
    C.WRITE_PEOPLE,
    C.MANAGE_ACCESS,
    C.READ_AUDIT,
    C.READ_AGGREGATES,
    ...FINANCE_READERS,
    C.MANAGE_ACCOUNTS,
    ...SPENDING,
    C.PREPARE_STATEMENTS,
    C.MANAGE_COMMITTEES,
    C.MANAGE_SERVICES,
    C.ANSWER_OBJECTIONS,
    C.RAISE_OBJECTIONS,
    C.EVALUATE_SERVICES,
    C.MANAGE_FEES,
    C.RECORD_FEES,
    C.READ_ARREARS,
    C.REPORT_ISSUES,
    C.HANDLE_ISSUES,
    C.CONFIGURE_ISSUES,
  ],
  // The branch proposes, takes part in the discussion, convenes the party-member assembly and
  // holds one of the three custodian seats; the resolution belongs to the owners' side.
  [Role.BRANCH_SECRETARY]: [
    ...READ_ALL,
    C.WRITE_ORGANIZATION,
    C.MANAGE_ACCESS,
    ...FINANCE_READERS,
    C.MANAGE_ACCOUNTS,
    C.PROPOSE_SPENDING,
    C.DISCUSS_SPENDING,
    C.REVIEW_SPENDING,
    C.PAY_SPENDING,
    C.MANAGE_COMMITTEES,
    // Held so the branch can grant RESIDENT (no escalation); records paper evaluation forms too.
    C.RAISE_OBJECTIONS,
    C.EVALUATE_SERVICES,
    C.READ_ARREARS,
    C.REPORT_ISSUES,
    C.HANDLE_ISSUES,
  ],
  [Role.GROUP_LEADER]: [...READ_ALL, C.WRITE_ORGANIZATION, C.READ_DISCLOSURES, C.HANDLE_ISSUES],
  [Role.GRID_WORKER]: [...READ_ALL, C.WRITE_PLACES, C.WRITE_PEOPLE, C.READ_DISCLOSURES, C.HANDLE_ISSUES],
  [Role.FINANCE_SUPERVISOR]: [...COMPOUND_BODY, ...FINANCE_READERS, C.PREPARE_STATEMENTS, C.RECORD_FEES],
  [Role.COMMITTEE_MEMBER]: [
    ...COMPOUND_BODY,
    ...FINANCE_READERS,
    C.DISCUSS_SPENDING,
    C.RESOLVE_SPENDING,
    C.PAY_SPENDING,
    C.MANAGE_SERVICES,
    C.ANSWER_OBJECTIONS,
    C.MANAGE_FEES,
    C.RECORD_FEES,
    C.READ_ARREARS,
  ],
  [Role.OWNER_REPRESENTATIVE]: [...COMPOUND_BODY, ...FINANCE_READERS, C.RESOLVE_SPENDING, C.PAY_SPENDING],
  [Role.MEMBER]: [C.READ_STRUCTURE, C.READ_DISCLOSURES],
  // A resident's own phone and identity number, and their home's door and tags, come from being
  // that person or living there (personal-data.ts), not from a capability over the household.
  // Published statements reach residents from inside the compound (canWithin).
  [Role.RESIDENT]: [...COMPOUND_BODY, C.READ_DISCLOSURES, C.RAISE_OBJECTIONS, C.EVALUATE_SERVICES, C.REPORT_ISSUES],
  [Role.INTEGRATION]: [C.READ_STRUCTURE, C.READ_HOUSEHOLDS, C.READ_PERSONS, C.WRITE_PLACES, C.WRITE_PEOPLE],
};

/** The kinds of node each role may be bound at. */
export const ROLE_SCOPES: Readonly<Record<Role, readonly ScopeType[]>> = {
  [Role.PLATFORM_ADMIN]: [ScopeType.PLATFORM],
  [Role.DISTRICT_OFFICER]: [ScopeType.DISTRICT],
  [Role.STREET_OFFICER]: [ScopeType.STREET],
  [Role.COMMUNITY_ADMIN]: [ScopeType.COMMUNITY],
  [Role.BRANCH_SECRETARY]: [ScopeType.BRANCH],
  [Role.GROUP_LEADER]: [ScopeType.GROUP],
  [Role.GRID_WORKER]: [ScopeType.COMPOUND],
  // At a joint branch too: the small compounds of a joint branch may pool one account and govern it together.
  [Role.FINANCE_SUPERVISOR]: [ScopeType.COMPOUND, ScopeType.BRANCH],
  [Role.COMMITTEE_MEMBER]: [ScopeType.COMPOUND, ScopeType.BRANCH],
  [Role.OWNER_REPRESENTATIVE]: [ScopeType.COMPOUND, ScopeType.BRANCH],
  [Role.MEMBER]: [ScopeType.BRANCH, ScopeType.GROUP],
  [Role.RESIDENT]: [ScopeType.HOUSEHOLD],
  [Role.INTEGRATION]: [ScopeType.COMMUNITY, ScopeType.STREET, ScopeType.DISTRICT, ScopeType.PLATFORM],
};

/** Seniority: a role may be granted only by someone holding a role at least this senior (and all its capabilities). */
export const ROLE_RANK: Readonly<Record<Role, number>> = {
  [Role.PLATFORM_ADMIN]: 100,
  [Role.DISTRICT_OFFICER]: 90,
  [Role.STREET_OFFICER]: 80,
  [Role.COMMUNITY_ADMIN]: 70,
  [Role.INTEGRATION]: 65,
  [Role.BRANCH_SECRETARY]: 60,
  [Role.GROUP_LEADER]: 50,
  [Role.GRID_WORKER]: 50,
  [Role.FINANCE_SUPERVISOR]: 40,
  [Role.COMMITTEE_MEMBER]: 40,
  [Role.OWNER_REPRESENTATIVE]: 30,
  [Role.MEMBER]: 20,
  [Role.RESIDENT]: 10,
};

export function roleHas(role: Role, capability: Capability): boolean {
  return ROLE_CAPABILITIES[role].includes(capability);
}

/** Roles that read residents' rows (households, persons): row-level security keys its resident lock on them. */
export const RESIDENT_READING_ROLES: readonly Role[] = (Object.keys(ROLE_CAPABILITIES) as Role[]).filter(
  (r) => roleHas(r, Capability.READ_HOUSEHOLDS) || roleHas(r, Capability.READ_PERSONS),
);
