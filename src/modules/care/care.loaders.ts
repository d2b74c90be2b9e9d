import { Capability } from '../../core/auth/capabilities';
import { defineNode, unarchivedColumns, type TenantRow } from '../../core/data/node-spec';
import { registerNodeSpec } from '../../core/graphql/node';
import type { RequestContext } from '../../context';
import type { CareOutcome } from './care.enums';

const COMMUNITY_PATH = '(select c.path::text from community c where c.id = t.community_id)';

export interface CareHelpItemRow extends TenantRow {
  name: string;
  position: number;
  retiredOn: string | null;
  path: string | null;
}

export const CareHelpItemSpec = registerNodeSpec(
  defineNode<CareHelpItemRow>({
    type: 'CareHelpItem',
    table: 'care_help_item',
    archivable: false,
    columns: {
      ...unarchivedColumns,
      communityId: 't.community_id',
      name: 't.name',
      position: 't.position',
      retiredOn: 't.retired_on',
      path: COMMUNITY_PATH,
    },
  }),
);

/** A link is about one household: placed at the household (its tag is sensitive, its list needs READ_PERSONAL_DATA). */
export interface CareLinkRow extends TenantRow {
  householdId: number;
  memberId: number;
  tag: string;
  consentBy: string;
  consentedOn: string;
  consentScope: string;
  linkedOn: string;
  endedOn: string | null;
  endedReason: string | null;
  path: string;
  orgPath: string | null;
}

export const CareLinkSpec = registerNodeSpec(
  defineNode<CareLinkRow>({
    type: 'CareLink',
    table: 'care_link',
    archivable: false,
    columns: {
      ...unarchivedColumns,
      communityId: 't.community_id',
      householdId: 't.household_id',
      memberId: 't.member_id',
      tag: 't.tag',
      consentBy: 't.consent_by',
      consentedOn: 't.consented_on',
      consentScope: 't.consent_scope',
      linkedOn: 't.linked_on',
      endedOn: 't.ended_on',
      endedReason: 't.ended_reason',
      path: 't.path::text',
      orgPath: 't.org_path::text',
    },
  }),
  Capability.READ_PERSONAL_DATA,
);

export interface CareVisitRow extends TenantRow {
  linkId: number;
  helpItemId: number;
  visitedOn: string;
  done: string;
  outcome: CareOutcome;
  minutesSpent: number;
  recordedBy: string;
  path: string | null;
  orgPath: string | null;
}

export const CareVisitSpec = registerNodeSpec(
  defineNode<CareVisitRow>({
    type: 'CareVisit',
    table: 'care_visit',
    archivable: false,
    columns: {
      ...unarchivedColumns,
      communityId: 't.community_id',
      linkId: 't.link_id',
      helpItemId: 't.help_item_id',
      visitedOn: 't.visited_on',
      done: 't.done',
      outcome: 't.outcome',
      minutesSpent: 't.minutes_spent',
      recordedBy: 't.recorded_by',
      path: '(select l.path::text from care_link l where l.id = t.link_id)',
      orgPath: '(select l.org_path::text from care_link l where l.id = t.link_id)',
    },
  }),
  Capability.READ_PERSONAL_DATA,
);

export interface CareStaffRow extends TenantRow {
  personId: number;
  appointedOn: string;
  endedOn: string | null;
  appointedBy: string;
  path: string | null;
}

export const CareStaffSpec = registerNodeSpec(
  defineNode<CareStaffRow>({
    type: 'CareStaff',
    table: 'care_staff',
    archivable: false,
    columns: {
      ...unarchivedColumns,
      communityId: 't.community_id',
      personId: 't.person_id',
      appointedOn: 't.appointed_on',
      endedOn: 't.ended_on',
      appointedBy: 't.appointed_by',
      path: COMMUNITY_PATH,
    },
  }),
  Capability.WRITE_ORGANIZATION,
);

/** The caller's own duties of care, read once per request: the households linked to them, the communities they are care staff of. */
export interface OwnDuties {
  households: ReadonlySet<number>;
  communities: ReadonlySet<number>;
}

export function ownDuties(ctx: RequestContext) {
  return ctx.loaders.custom<number, OwnDuties>('care:own-duties', async (db, personIds) => {
    const rows = await db.query<{ person: number; kind: string; id: number }>(
      `select l.member_id as person, 'link' as kind, l.household_id as id from care_link l
        where l.member_id = any($1::int[]) and l.ended_on is null
       union all
       select s.person_id, 'staff', s.community_id from care_staff s where s.person_id = any($1::int[]) and s.ended_on is null`,
      [personIds],
    );
    return personIds.map((p) => ({
      households: new Set(rows.filter((r) => r.person === p && r.kind === 'link').map((r) => r.id)),
      communities: new Set(rows.filter((r) => r.person === p && r.kind === 'staff').map((r) => r.id)),
    }));
  });
}

/**
 * The organization paths of the branches a person is a current party member of (a LOCAL member's
 * branch, a reporting member's branch here): whose households are "of their own branch".
 */
export function memberBranchPaths(ctx: RequestContext) {
  return ctx.loaders.custom<number, string[]>('care:member-branches', async (db, personIds) => {
    const rows = await db.query<{ person: number; path: string }>(
      `select m.person_id as person, b.path::text as path from party_membership m join compound_branch b on b.id = m.branch_id
        where m.person_id = any($1::int[]) and m.ended_on is null`,
      [personIds],
    );
    return personIds.map((p) => rows.filter((r) => r.person === p).map((r) => r.path));
  });
}

export interface CoverageRow {
  householdId: number;
  compoundId: number;
  linked: boolean;
}

/**
 * Every active household carrying a special-group tag under each scope path (a community's place
 * path, or a branch's organization path), and whether it has an active link: one statement for all
 * the scopes of a request level.
 */
export function coverage(ctx: RequestContext) {
  return ctx.loaders.custom<string, CoverageRow[]>('care:coverage', async (db, paths) => {
    const rows = await db.query<{ scope: string; household: number; compound: number; linked: boolean }>(
      `select k.scope, h.id as household, h.compound_id as compound,
              exists (select 1 from care_link l where l.household_id = h.id and l.ended_on is null) as linked
         from unnest($1::text[]) as k(scope)
         join household h on (h.path <@ k.scope::ltree or h.org_path <@ k.scope::ltree)
        where h.archived_at is null and cardinality(h.vulnerability_tags) > 0
        order by k.scope, h.id`,
      [paths],
    );
    return paths.map((p) =>
      rows.filter((r) => r.scope === p).map((r) => ({ householdId: r.household, compoundId: r.compound, linked: r.linked })),
    );
  });
}

export interface CareFiguresRow {
  month: string;
  visits: number;
  solved: number;
  passedOn: number;
  minutes: number;
}

/** Visits, problems solved and passed on, and minutes per month, for communities (one statement for all of them). */
export function careFigures(ctx: RequestContext, from: string, to: string) {
  return ctx.loaders.custom<number, CareFiguresRow[]>(`care:figures:${from}:${to}`, async (db, communities) => {
    const rows = await db.query<{ community: number; month: string; visits: number; solved: number; passed: number; minutes: number }>(
      `select v.community_id as community, date_trunc('month', v.visited_on)::date::text as month, count(*)::int as visits,
              count(*) filter (where v.outcome = 'SOLVED')::int as solved, count(*) filter (where v.outcome = 'PASSED_ON')::int as passed,
              sum(v.minutes_spent)::int as minutes
         from care_visit v where v.community_id = any($1::int[]) and v.visited_on >= $2::date and v.visited_on <= $3::date
        group by 1, 2 order by 1, 2`,
      [communities, from, to],
    );
    return communities.map((c) =>
      rows
        .filter((r) => r.community === c)
        .map((r) => ({ month: r.month, visits: r.visits, solved: r.solved, passedOn: r.passed, minutes: r.minutes })),
    );
  });
}
