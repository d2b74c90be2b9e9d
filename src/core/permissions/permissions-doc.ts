import { Capability, ROLE_CAPABILITIES, ROLE_RANK, ROLE_SCOPES } from '../auth/capabilities';
import { dutiesOfCare, personalDataFields } from '../auth/personal-data';
import { Role } from '../auth/roles';
import { nodeReadCapabilities } from '../graphql/node';
import { describeRule } from './rules';
import type { PermissionPart } from './rules';

/*
 * docs/permissions.md, rendered from the capability table and the permission tree themselves
 * (`npm run permissions:docs`). A test fails when the committed file differs, so a change of policy
 * shows up in review as a change of this document.
 */

const CAPABILITY_NOTES: Readonly<Record<Capability, string>> = {
  [Capability.READ_STRUCTURE]: 'names and shape of the organization and the places, districts down to units; member-household plates',
  [Capability.READ_HOUSEHOLDS]: 'households (door numbers masked without READ_PERSONAL_DATA or WRITE_PLACES)',
  [Capability.READ_PERSONS]: 'persons, their party memberships and duties',
  [Capability.READ_PERSONAL_DATA]: 'phone, identity number, exact room, vulnerability tags: the duty of care',
  [Capability.WRITE_ORGANIZATION]:
    'the four-level organization, coverage and graduation, building moves, member households, party memberships, duties',
  [Capability.WRITE_PLACES]: 'compounds, buildings, units, households',
  [Capability.WRITE_PEOPLE]: 'persons, including their personal data',
  [Capability.MANAGE_ACCESS]: 'users, service accounts, API keys, role bindings (never above the granter)',
  [Capability.READ_AUDIT]: 'the audit log',
  [Capability.READ_AGGREGATES]: 'figures across communities (district read models), no personal data',
  [Capability.READ_ACCOUNTS]: 'co-managed accounts, custodians, the ledger, expenditure proposals and their steps, draft statements',
  [Capability.READ_DISCLOSURES]: 'published monthly statements; also from a binding inside the compound (a resident household)',
  [Capability.MANAGE_ACCOUNTS]: 'opening accounts, seating custodians, recording income, reversing entries',
  [Capability.PROPOSE_SPENDING]: '提议: proposing a spend; withdrawing it',
  [Capability.DISCUSS_SPENDING]: '商议: recording the discussion of branch and committee',
  [Capability.REVIEW_SPENDING]: "审议: recording the party-member assembly's review",
  [Capability.RESOLVE_SPENDING]:
    "决议: recording the building-heads meeting's resolution; the service also asks for a personal mandate: a person on record with a seat on the sitting property committee or the account's committee-member or owners' representative custodian seat, not the proposer's person, appointed independently of the proposer",
  [Capability.PAY_SPENDING]:
    "paying a resolved proposal from the account; the service also asks for a personal mandate: a sitting custodian of the account, not the proposer's person, appointed independently of the proposer",
  [Capability.PREPARE_STATEMENTS]: 'preparing and publishing monthly statements (the finance supervision group)',
  [Capability.MANAGE_COMMITTEES]: 'property committees: elections, nominations, votes, confirmation, interim committees, recalls',
  [Capability.REVIEW_CANDIDATES]: "the street office's review of committee candidates",
  [Capability.MANAGE_SERVICES]: 'property companies and monthly service lists',
  [Capability.ANSWER_OBJECTIONS]: "answering residents' objections to service items",
  [Capability.RAISE_OBJECTIONS]: 'objecting to a service item, for a household',
  [Capability.EVALUATE_SERVICES]: "the household's quarterly evaluation of the service (1–5)",
  [Capability.MANAGE_FEES]: 'fee schedules, issuing charges, waivers',
  [Capability.RECORD_FEES]: 'recording fee payments',
  [Capability.READ_ARREARS]: 'the arrears list: which households owe',
  [Capability.REPORT_ISSUES]: 'reporting a resident issue for a household',
  [Capability.HANDLE_ISSUES]: "taking in, handling, escalating and handing down residents' issues at the holder's rung of the ladder",
  [Capability.CONFIGURE_ISSUES]: "a community's issue categories, SLAs and reopening window",
};

function rootFirst(a: string, b: string): number {
  const rank = (t: string) => (t === 'Query' ? 0 : t === 'Mutation' ? 1 : 2);
  return rank(a) - rank(b) || a.localeCompare(b);
}

function ruleMap(permissionTree: PermissionPart): string[] {
  const lines: string[] = [];
  for (const type of Object.keys(permissionTree).sort(rootFirst)) {
    const entries = Object.entries(permissionTree[type]).sort(([a], [b]) => a.localeCompare(b));
    lines.push(`### ${type}`, '', '| Fields | Rule |', '|---|---|');
    if (type === 'Query' || type === 'Mutation') {
      for (const [name, rule] of entries) lines.push(`| \`${name}\` | ${describeRule(rule)} |`);
    } else {
      // Fields of an object type that share a rule share a row.
      const byRule = new Map<string, string[]>();
      for (const [name, rule] of entries) byRule.set(describeRule(rule), [...(byRule.get(describeRule(rule)) ?? []), name]);
      for (const [text, names] of byRule) lines.push(`| ${names.map((n) => `\`${n}\``).join(', ')} | ${text} |`);
    }
    lines.push('');
  }
  return lines;
}

/** The document, from the capability table, the personal-data declarations and the assembled permission tree. */
export function renderPermissionsDoc(permissionTree: PermissionPart): string {
  const roles = Object.values(Role);
  const capabilities = Object.values(Capability);
  const out: string[] = [
    '# Permissions',
    '',
    "<!-- Generated by `npm run permissions:docs` from src/core/auth/capabilities.ts and the modules' permission",
    '     parts and personal-data declarations (*.rules.ts). Do not edit by hand: a test compares this file with the code. -->',
    '',
    'A **role binding** gives a principal (a user or a service account) a role at a scope node. It covers',
    'that node and everything beneath it, in the organization tree (community → branch → group) and in',
    'the places tree (community → compound → building → unit → household). What a role allows within',
    'its scope is a set of capabilities; every rule below asks for one of them over a concrete object.',
    '',
    '## Capabilities',
    '',
    '| Capability | Covers |',
    '|---|---|',
    ...capabilities.map((c) => `| \`${c}\` | ${CAPABILITY_NOTES[c]} |`),
    '',
    '## Roles × capabilities',
    '',
    `| Role | Bound at | Rank | ${capabilities.map((c) => `\`${c}\``).join(' | ')} |`,
    `|---|---|---|${capabilities.map(() => ':-:').join('|')}|`,
    ...roles.map(
      (r) =>
        `| \`${r}\` | ${ROLE_SCOPES[r].join(', ')} | ${ROLE_RANK[r]} | ${capabilities.map((c) => (ROLE_CAPABILITIES[r].includes(c) ? '✓' : '')).join(' | ')} |`,
    ),
    '',
    'Granting a role needs a binding that covers the scope, has `MANAGE_ACCESS`, is at least as senior',
    '(rank) and holds every capability of the role granted. Revoking takes the same.',
    '',
    '## Personal data',
    '',
    'Readable by the person themselves (phone, identity number), the residents of the household (its',
    'door number and tags), and `READ_PERSONAL_DATA` over the object. A field whose writer supplies',
    'it is also plain to the capability that writes it, over the object: whoever may write a value',
    'may read it, and writing it asks the same right (a value refused as `TAKEN` would tell it), so',
    'nobody else learns it. Everyone else who may see the object gets:',
    '',
    '| Field | Also plain to | Otherwise |',
    '|---|---|---|',
    ...[...personalDataFields()]
      .sort((a, b) => `${a.type}.${a.field}`.localeCompare(`${b.type}.${b.field}`))
      .map(
        (f) =>
          `| \`${f.type}.${f.field}\`${f.sensitive ? ' (sensitive)' : ''} | ${f.plainToWriters ? `\`${f.plainToWriters}\` (writes it)` : ''} | ${f.otherwise.describe}${f.onlyIf ? `; the same for everyone unless ${f.onlyIf.describe}` : ''} |`,
      ),
    '',
    'Sensitive fields are plain to their owner and to a duty of care only, never from a capability alone',
    '(no role above the community, the platform administrator included, reads them). Duties of care:',
    '',
    ...dutiesOfCare().map((d) => `- ${d.describe}`),
    '',
    'Every value shown plain to a person other than its owner is written to the community’s',
    'personal-data read log (`personalDataReads`, `READ_AUDIT`), once per request, in its transaction.',
    '',
    '## Node types',
    '',
    'What `node(id:)` and `nodes(ids:)` need over the object itself:',
    '',
    '| Type | Needs |',
    '|---|---|',
    ...nodeReadCapabilities().map(([type, read]) => `| \`${type}\` | ${read === 'public' ? 'nothing (public)' : `\`${read}\``} |`),
    '',
    '## Rule map',
    '',
    'Every field of every object type has exactly one rule; anything missing is denied. "allow" on an',
    'object field means the object was reached through a checked field. Refusals are `FORBIDDEN`',
    '(`UNAUTHENTICATED` when anonymous); objects of a community the caller does not reach are `NOT_FOUND`.',
    '',
    ...ruleMap(permissionTree),
  ];
  return out.join('\n');
}
