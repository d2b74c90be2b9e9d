import { registerEnumType } from 'type-graphql';

/** What a fee is charged on. */
export enum FeeBasis {
  PER_HOUSEHOLD = 'PER_HOUSEHOLD',
  /** Per m² of the household's floor area, rounded to the fen. */
  PER_SQM = 'PER_SQM',
}

export enum FeePeriod {
  MONTHLY = 'MONTHLY',
  QUARTERLY = 'QUARTERLY',
  YEARLY = 'YEARLY',
}

registerEnumType(FeeBasis, {
  name: 'FeeBasis',
  description: 'What a fee is charged on.',
  valuesConfig: {
    PER_HOUSEHOLD: { description: 'The same amount for every household.' },
    PER_SQM: { description: "Per m² of the household's floor area, rounded to the fen." },
  },
});
registerEnumType(FeePeriod, {
  name: 'FeePeriod',
  description: 'How often a fee is charged.',
  valuesConfig: {
    MONTHLY: { description: 'Charged every month.' },
    QUARTERLY: { description: 'Charged every quarter (January, April, July, October).' },
    YEARLY: { description: 'Charged once a year.' },
  },
});
