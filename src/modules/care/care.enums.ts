import { registerEnumType } from 'type-graphql';

/** What came of a visit's help: solved, passed on to the community (a residents' issue), or still open. */
export enum CareOutcome {
  SOLVED = 'SOLVED',
  PASSED_ON = 'PASSED_ON',
  OPEN = 'OPEN',
}

registerEnumType(CareOutcome, {
  name: 'CareOutcome',
  description: 'What came of the help given on a care visit.',
  valuesConfig: {
    SOLVED: { description: 'The problem was solved (counted among the problems solved).' },
    PASSED_ON: { description: 'Passed on to the community or another body to solve.' },
    OPEN: { description: 'Nothing to solve yet, or still being worked on.' },
  },
});
