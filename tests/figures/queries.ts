/*
 * The figures operations the tests send (raw text: one selection of every group, reused for the
 * whole and the rows).
 */
const C = '{ value suppressed }';

export const GROUPS = `
  coverage { compounds standaloneCompounds jointCompounds uncoveredCompounds graduatedCompounds standaloneBranches jointBranches
             groupedHouseholds ${C} memberHouseholds ${C} plates ${C} }
  property { byMode { mode compounds } redPropertyCompounds withoutPropertyManagement }
  committees { sitting compliant termsEndingSoon electionsUnderWay withoutCommittee }
  money { accounts statementsOnTime statementsLate statementsMissing statementsPending }
  fees { chargedHouseholds ${C} settledHouseholds ${C} arrearsHouseholds ${C} dueFen ${C} collectedFen ${C} collectionRate ${C}
         byClass { mode compounds chargedHouseholds ${C} collectionRate ${C} } arrearsBands { band compounds } }
  services { evaluatedHouseholds ${C} averageRating ${C} ratedCompounds redFlags yellowFlags objections objectionsAnswered }
  people { households ${C} residents ${C} partyMembers ${C} externalPartyMembers ${C} }`;

const RANKED = `{ id name value ${C} rank }`;

export const FIGURES = `
  period asOf suppressionApplied minCell
  ${GROUPS}
  breakdown { id kind name ${GROUPS} }
  rankings { collectionRate ${RANKED} serviceRating ${RANKED} coverage ${RANKED} }
  series(from: $from, to: $to) {
    month chargedHouseholds ${C} settledHouseholds ${C} arrearsHouseholds ${C} dueFen ${C} collectedFen ${C} collectionRate ${C}
    statementsOnTime statementsLate statementsMissing objections objectionsAnswered
  }`;

export const NODE_FIGURES = `query NodeFigures($id: ID!, $period: FiguresPeriod!, $from: FiguresPeriod!, $to: FiguresPeriod!) {
  node(id: $id) {
    __typename
    ... on District { figures(period: $period) { ${FIGURES} } }
    ... on Street { figures(period: $period) { ${FIGURES} } }
    ... on Community { figures(period: $period) { ${FIGURES} } }
  }
}`;

export interface CellValue {
  value: number | null;
  suppressed: boolean;
}

/* eslint-disable @typescript-eslint/no-explicit-any */
export type Figures = any;
