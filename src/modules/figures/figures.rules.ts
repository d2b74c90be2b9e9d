import { rule } from 'graphql-shield';
import type { RequestContext } from '../../context';
import { Capability } from '../../core/auth/capabilities';
import { can, reachesCommunity, type Placed } from '../../core/auth/principal';
import { NotFoundError, UnauthenticatedError } from '../../core/errors/errors';
import { fields } from '../../core/permissions/fields';
import { allow, described, refusal, type PermissionPart, type ShieldRule } from '../../core/permissions/rules';

/*
 * Figures are for those holding READ_AGGREGATES over the district, street or community: its
 * officers and the community's administrators (and the platform). Anyone else learns nothing, not
 * even that the figures exist: NOT_FOUND, or FORBIDDEN to a role inside the community that lacks the
 * capability. Everything under a Figures answer was reached through that check; the rows of persons,
 * households, charges and evaluations stay behind their own rules.
 */
const aggregates: ShieldRule = described(
  rule('figures:aggregates', { cache: 'no_cache' })((parent: Placed & { pk?: number }, _args, ctx: RequestContext) => {
    if (ctx.principal.kind === 'anonymous') return new UnauthenticatedError('Sign in to see or do this');
    if (can(ctx.principal, Capability.READ_AGGREGATES, parent)) return true;
    return parent.communityId && reachesCommunity(ctx.principal, parent.communityId)
      ? refusal(ctx, Capability.READ_AGGREGATES)
      : new NotFoundError('figures');
  }),
  'READ_AGGREGATES over the parent object (else NOT_FOUND; FORBIDDEN inside its community)',
);

const GROUPS = ['coverage', 'property', 'committees', 'money', 'fees', 'services', 'people'];
const CELL = ['value', 'suppressed'];
const ISSUE_FIGURES = [
  'reported',
  'acceptedWithinSla',
  'resolved',
  'resolvedWithinSla',
  'solvedInCompound',
  'medianHoursToResolution',
  'ratings',
  'averageRating',
];

export const figuresRules: PermissionPart = {
  District: { figures: aggregates },
  Street: { figures: aggregates },
  Community: { figures: aggregates },
  Figures: fields(
    allow,
    ...GROUPS,
    'period',
    'asOf',
    'suppressionApplied',
    'minCell',
    'breakdown',
    'streets',
    'rankings',
    'series',
    'issues',
    'issueSeries',
  ),
  FiguresRow: fields(allow, ...GROUPS, 'id', 'kind', 'name', 'issues'),
  FiguresStreetRow: fields(allow, ...GROUPS, 'id', 'name'),
  FigureCount: fields(allow, ...CELL),
  IssueFigures: fields(allow, ...ISSUE_FIGURES),
  IssueFiguresPoint: fields(allow, ...ISSUE_FIGURES, 'month'),
  FigureRatio: fields(allow, ...CELL),
  FigureFen: fields(allow, ...CELL),
  CoverageFigures: fields(
    allow,
    'compounds',
    'standaloneCompounds',
    'jointCompounds',
    'uncoveredCompounds',
    'graduatedCompounds',
    'standaloneBranches',
    'jointBranches',
    'groupedHouseholds',
    'memberHouseholds',
    'plates',
  ),
  PropertyModeCount: fields(allow, 'mode', 'compounds'),
  PropertyFigures: fields(allow, 'byMode', 'redPropertyCompounds', 'withoutPropertyManagement'),
  CommitteeFigures: fields(allow, 'sitting', 'compliant', 'termsEndingSoon', 'electionsUnderWay', 'withoutCommittee'),
  MoneyFigures: fields(allow, 'accounts', 'statementsOnTime', 'statementsLate', 'statementsMissing', 'statementsPending'),
  FeeClassFigures: fields(allow, 'mode', 'compounds', 'chargedHouseholds', 'collectionRate'),
  ArrearsBandCount: fields(allow, 'band', 'compounds'),
  FeeFigures: fields(
    allow,
    'chargedHouseholds',
    'settledHouseholds',
    'arrearsHouseholds',
    'dueFen',
    'collectedFen',
    'collectionRate',
    'byClass',
    'arrearsBands',
  ),
  ServiceFigures: fields(
    allow,
    'evaluatedHouseholds',
    'averageRating',
    'ratedCompounds',
    'redFlags',
    'yellowFlags',
    'objections',
    'objectionsAnswered',
  ),
  PeopleFigures: fields(allow, 'households', 'residents', 'partyMembers', 'externalPartyMembers'),
  RankedUnit: fields(allow, 'id', 'name', 'value', 'rank'),
  FiguresRankings: fields(allow, 'collectionRate', 'serviceRating', 'coverage'),
  FiguresPoint: fields(
    allow,
    'month',
    'chargedHouseholds',
    'settledHouseholds',
    'arrearsHouseholds',
    'dueFen',
    'collectedFen',
    'collectionRate',
    'statementsOnTime',
    'statementsLate',
    'statementsMissing',
    'objections',
    'objectionsAnswered',
  ),
};
