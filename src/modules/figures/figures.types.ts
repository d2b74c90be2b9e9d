import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar, DateTimeScalar, FenScalar } from '../../core/graphql/scalars';
import { PropertyMode } from '../places/places.enums';
import { ArrearsBand, FiguresUnitKind } from './figures.enums';
import type { Unit } from './figures.compute';
import type { FiguresPeriod } from './figures.period';
import { FiguresPeriodScalar } from './figures.period';

/*
 * Figures for offices (docs/figures.md). A count of households or persons is a FigureCount: its
 * value, or null with `suppressed` when the caller sits above communities and the count is too
 * small to show (or could be recovered from one that is). Counts of compounds, committees,
 * accounts and statements name nobody and are plain integers.
 */

@ObjectType('FigureCount', { simpleResolvers: true, description: 'A count of households or persons, or why it is withheld.' })
export class FigureCountType {
  @Field(() => Int, { nullable: true, description: 'The count; null when suppressed.' })
  value!: number | null;

  @Field({
    description: 'Withheld: fewer households or persons than the deployment shows (FIGURES_MIN_CELL), or recoverable from a total.',
  })
  suppressed!: boolean;
}

@ObjectType('FigureRatio', { simpleResolvers: true, description: 'A rate or an average over households, or why it is withheld.' })
export class FigureRatioType {
  @Field(() => Float, { nullable: true, description: 'The value; null when suppressed or when there is nothing to divide by.' })
  value!: number | null;

  @Field({ description: 'Withheld with the count of households it is over.' })
  suppressed!: boolean;
}

@ObjectType('FigureFen', { simpleResolvers: true, description: 'A sum of money over households (fen), or why it is withheld.' })
export class FigureFenType {
  @Field(() => FenScalar, { nullable: true, description: 'The sum in fen; null when suppressed.' })
  value!: number | null;

  @Field({ description: 'Withheld with the count of households it is over.' })
  suppressed!: boolean;
}

@ObjectType('CoverageFigures', {
  simpleResolvers: true,
  description: 'Organization coverage: compounds by the branch covering them, households reached.',
})
export class CoverageFiguresType {
  @Field(() => Int, { description: 'Compounds (not archived).' })
  compounds!: number;

  @Field(() => Int, { description: 'Compounds with a branch of their own (小区党支部).' })
  standaloneCompounds!: number;

  @Field(() => Int, { description: 'Compounds in a joint branch (联合党支部).' })
  jointCompounds!: number;

  @Field(() => Int, { description: 'Compounds no branch covers.' })
  uncoveredCompounds!: number;

  @Field(() => Int, { description: 'Compounds with a branch of their own that grew out of a joint branch (graduated).' })
  graduatedCompounds!: number;

  @Field(() => Int, { description: 'Standalone branches covering the compounds.' })
  standaloneBranches!: number;

  @Field(() => Int, { description: 'Joint branches covering the compounds.' })
  jointBranches!: number;

  @Field(() => FigureCountType, { description: 'Households in buildings covered by a building group (楼院党小组).' })
  groupedHouseholds!: FigureCountType;

  @Field(() => FigureCountType, { description: 'Member households (党员中心户).' })
  memberHouseholds!: FigureCountType;

  @Field(() => FigureCountType, { description: 'Member households displaying the 共产党员户 plate.' })
  plates!: FigureCountType;
}

@ObjectType('PropertyModeCount', { simpleResolvers: true, description: 'Compounds managed one way.' })
export class PropertyModeCountType {
  @Field(() => PropertyMode, { description: 'How they are managed.' })
  mode!: string;

  @Field(() => Int, { description: 'How many compounds.' })
  compounds!: number;
}

@ObjectType('PropertyFigures', { simpleResolvers: true, description: 'Property management: compounds by how they are managed.' })
export class PropertyFiguresType {
  @Field(() => [PropertyModeCountType], { description: 'Compounds per property mode, every mode listed.' })
  byMode!: PropertyModeCountType[];

  @Field(() => Int, { description: 'Compounds under red property management (红色物业).' })
  redPropertyCompounds!: number;

  @Field(() => Int, { description: 'Compounds without property management (无物业).' })
  withoutPropertyManagement!: number;
}

@ObjectType('CommitteeFigures', { simpleResolvers: true, description: "Compounds' property committees, now." })
export class CommitteeFiguresType {
  @Field(() => Int, { description: 'Compounds with a sitting committee.' })
  sitting!: number;

  @Field(() => Int, { description: "Sitting committees meeting the community's party-member share (≥ 60 % by default)." })
  compliant!: number;

  @Field(() => Int, { description: 'Sitting committees whose term ends within 90 days of today.' })
  termsEndingSoon!: number;

  @Field(() => Int, { description: 'Compounds with an election under way (nominating or voted, not yet confirmed).' })
  electionsUnderWay!: number;

  @Field(() => Int, { description: 'Compounds without a sitting committee.' })
  withoutCommittee!: number;
}

@ObjectType('MoneyFigures', { simpleResolvers: true, description: 'Co-managed accounts and their monthly statements; never balances.' })
export class MoneyFiguresType {
  @Field(() => Int, { description: 'Accounts open in the period.' })
  accounts!: number;

  @Field(() => Int, { description: "Statements of the period's months published by the community's due day." })
  statementsOnTime!: number;

  @Field(() => Int, { description: 'Statements published after the due day.' })
  statementsLate!: number;

  @Field(() => Int, { description: 'Statements not published, their due day passed.' })
  statementsMissing!: number;

  @Field(() => Int, { description: 'Statements not published, their due day still to come.' })
  statementsPending!: number;
}

@ObjectType('FeeClassFigures', { simpleResolvers: true, description: 'Fee collection of one class of compound (by property mode).' })
export class FeeClassFiguresType {
  @Field(() => PropertyMode, { description: 'The class: how the compounds are managed.' })
  mode!: string;

  @Field(() => Int, { description: 'Compounds of the class.' })
  compounds!: number;

  @Field(() => FigureCountType, { description: 'Households charged in the period (per charging month).' })
  chargedHouseholds!: FigureCountType;

  @Field(() => FigureRatioType, { description: 'Collected ÷ due (charged less waived), 0 to 1.' })
  collectionRate!: FigureRatioType;
}

@ObjectType('ArrearsBandCount', {
  simpleResolvers: true,
  description: 'Compounds with charges in the period, by how many of their households are in arrears.',
})
export class ArrearsBandCountType {
  @Field(() => ArrearsBand, { description: 'The band.' })
  band!: string;

  @Field(() => Int, { description: 'Compounds in the band.' })
  compounds!: number;
}

@ObjectType('FeeFigures', { simpleResolvers: true, description: 'Fees of the periods charged in the period (see docs/figures.md).' })
export class FeeFiguresType {
  @Field(() => FigureCountType, { description: 'Households charged (per charging month, summed over a quarter).' })
  chargedHouseholds!: FigureCountType;

  @Field(() => FigureCountType, { description: 'Of them, paid or waived in full.' })
  settledHouseholds!: FigureCountType;

  @Field(() => FigureCountType, { description: 'Of them, still owing.' })
  arrearsHouseholds!: FigureCountType;

  @Field(() => FigureFenType, { description: 'Charged less waived.' })
  dueFen!: FigureFenType;

  @Field(() => FigureFenType, { description: 'Collected so far.' })
  collectedFen!: FigureFenType;

  @Field(() => FigureRatioType, { description: 'Collected ÷ due, 0 to 1.' })
  collectionRate!: FigureRatioType;

  @Field(() => [FeeClassFiguresType], { description: 'Collection per class of compound (property mode), every class listed.' })
  byClass!: FeeClassFiguresType[];

  @Field(() => [ArrearsBandCountType], { description: 'Compounds with charges by how many households are in arrears, every band listed.' })
  arrearsBands!: ArrearsBandCountType[];
}

@ObjectType('ServiceFigures', { simpleResolvers: true, description: "Services of the period's quarter: evaluations, flags, objections." })
export class ServiceFiguresType {
  @Field(() => FigureCountType, { description: 'Households that evaluated the service in the quarter.' })
  evaluatedHouseholds!: FigureCountType;

  @Field(() => FigureRatioType, { description: 'The average rating, 1 to 5.' })
  averageRating!: FigureRatioType;

  @Field(() => Int, { description: 'Compounds rated in the quarter.' })
  ratedCompounds!: number;

  @Field(() => Int, { description: 'Compounds with a red flag (the best, by the community thresholds).' })
  redFlags!: number;

  @Field(() => Int, { description: 'Compounds with a yellow flag (the worst).' })
  yellowFlags!: number;

  @Field(() => Int, { description: "Objections to the quarter's service lists." })
  objections!: number;

  @Field(() => Int, { description: 'Of them, answered by the end of the quarter.' })
  objectionsAnswered!: number;
}

@ObjectType('PeopleFigures', { simpleResolvers: true, description: 'People on record, by where they live (now).' })
export class PeopleFiguresType {
  @Field(() => FigureCountType, { description: 'Households.' })
  households!: FigureCountType;

  @Field(() => FigureCountType, { description: 'Residents living in them.' })
  residents!: FigureCountType;

  @Field(() => FigureCountType, { description: 'Party members living in them.' })
  partyMembers!: FigureCountType;

  @Field(() => FigureCountType, { description: 'Of them, registered elsewhere and reporting here (双报到).' })
  externalPartyMembers!: FigureCountType;
}

/** The figure groups every answer carries; other modules add theirs with a field resolver (docs/figures.md). */
@ObjectType({ simpleResolvers: true })
export abstract class FigureGroupsFields {
  @Field(() => CoverageFiguresType, { description: 'Organization coverage.' })
  coverage!: CoverageFiguresType;

  @Field(() => PropertyFiguresType, { description: 'Property management.' })
  property!: PropertyFiguresType;

  @Field(() => CommitteeFiguresType, { description: 'Property committees.' })
  committees!: CommitteeFiguresType;

  @Field(() => MoneyFiguresType, { description: 'Accounts and statements.' })
  money!: MoneyFiguresType;

  @Field(() => FeeFiguresType, { description: 'Fees.' })
  fees!: FeeFiguresType;

  @Field(() => ServiceFiguresType, { description: 'Services.' })
  services!: ServiceFiguresType;

  @Field(() => PeopleFiguresType, { description: 'People counts.' })
  people!: PeopleFiguresType;
}

/** What a later module's field resolver needs to compute its own group for the same scope. */
export interface FiguresContext {
  scope: { kind: 'DISTRICT' | 'STREET' | 'COMMUNITY'; pk: number };
  period: FiguresPeriod;
  /** Whether small cells are withheld from this caller, and below what count. */
  suppress: boolean;
  minCell: number;
  /** When the figures' tallies were computed: the series is never older. */
  asOf: Date;
}

@ObjectType('FiguresRow', { simpleResolvers: true, description: 'The figures of one community (or compound) of the breakdown.' })
export class FiguresRowType extends FigureGroupsFields {
  @Field(() => ID, { description: 'The community or compound (a global ID).' })
  id!: string;

  @Field(() => FiguresUnitKind, { description: 'What the row is about.' })
  kind!: FiguresUnitKind;

  @Field({ description: 'Its name.' })
  name!: string;

  /** The row's unit, for other modules' groups. */
  unit!: Unit;
  context!: FiguresContext;
}

@ObjectType('FiguresStreetRow', {
  simpleResolvers: true,
  description:
    "The figures of one street of a district's figures: its communities together, withheld together with the rows per community.",
})
export class FiguresStreetRowType extends FigureGroupsFields {
  @Field(() => ID, { description: 'The street (a global ID).' })
  id!: string;

  @Field({ description: 'Its name.' })
  name!: string;
}

@ObjectType('RankedUnit', { simpleResolvers: true, description: 'A community (or compound) in a ranking.' })
export class RankedUnitType {
  @Field(() => ID, { description: 'The community or compound (a global ID).' })
  id!: string;

  @Field({ description: 'Its name.' })
  name!: string;

  @Field(() => FigureRatioType, { description: 'The value ranked by.' })
  value!: FigureRatioType;

  @Field(() => Int, { nullable: true, description: 'Its place, 1 for the best; null when unranked (no value, or withheld).' })
  rank!: number | null;
}

@ObjectType('FiguresRankings', { simpleResolvers: true, description: 'The rows of the breakdown ranked, best first; unranked last.' })
export class FiguresRankingsType {
  @Field(() => [RankedUnitType], { description: 'By fee collection rate in the period.' })
  collectionRate!: RankedUnitType[];

  @Field(() => [RankedUnitType], { description: "By average service rating in the period's quarter." })
  serviceRating!: RankedUnitType[];

  @Field(() => [RankedUnitType], { description: 'By the share of compounds a branch covers.' })
  coverage!: RankedUnitType[];
}

@ObjectType('FiguresPoint', { simpleResolvers: true, description: 'One month of the series over the whole scope.' })
export class FiguresPointType {
  @Field(() => DateScalar, { description: 'The first day of the month.' })
  month!: string;

  @Field(() => FigureCountType, { description: 'Households charged for the month.' })
  chargedHouseholds!: FigureCountType;

  @Field(() => FigureCountType, { description: 'Of them, paid or waived in full.' })
  settledHouseholds!: FigureCountType;

  @Field(() => FigureCountType, { description: 'Of them, still owing.' })
  arrearsHouseholds!: FigureCountType;

  @Field(() => FigureFenType, { description: 'Charged less waived.' })
  dueFen!: FigureFenType;

  @Field(() => FigureFenType, { description: 'Collected so far.' })
  collectedFen!: FigureFenType;

  @Field(() => FigureRatioType, { description: 'Collected ÷ due, 0 to 1.' })
  collectionRate!: FigureRatioType;

  @Field(() => Int, { description: 'Statements of the month published on time.' })
  statementsOnTime!: number;

  @Field(() => Int, { description: 'Statements of the month published late.' })
  statementsLate!: number;

  @Field(() => Int, { description: 'Statements of the month not published, their due day passed.' })
  statementsMissing!: number;

  @Field(() => Int, { description: "Objections to the month's service lists." })
  objections!: number;

  @Field(() => Int, { description: 'Of them, answered by the end of their quarter.' })
  objectionsAnswered!: number;
}

@ObjectType('Figures', { simpleResolvers: true, description: 'Figures of a district, street or community for a period (docs/figures.md).' })
export class FiguresType extends FigureGroupsFields {
  @Field(() => FiguresPeriodScalar, { description: 'The period asked for.' })
  period!: FiguresPeriod;

  @Field(() => DateTimeScalar, {
    description:
      "When the figures' tallies were computed: exact as of this instant (the roll-ups change in the same transaction as what they count). Served from this instance's cache for at most FIGURES_MAX_STALENESS_MS (default 30 s); a mutation through this instance clears it (docs/figures.md).",
  })
  asOf!: Date;

  @Field({ description: 'Whether small counts are withheld from this caller (officers above communities).' })
  suppressionApplied!: boolean;

  @Field(() => Int, { description: 'The smallest count of households or persons shown to officers above communities.' })
  minCell!: number;

  @Field(() => [FiguresRowType], { description: 'One row per community (district, street) or per compound (community).' })
  breakdown!: FiguresRowType[];

  @Field(() => [FiguresStreetRowType], {
    description:
      "One row per street (a district's figures; empty for a street's or a community's). Small cells are withheld across these rows and the breakdown together, so no withheld community can be recovered from a street.",
  })
  streets!: FiguresStreetRowType[];

  @Field(() => FiguresRankingsType, { description: 'The rows ranked.' })
  rankings!: FiguresRankingsType;

  context!: FiguresContext;
}
