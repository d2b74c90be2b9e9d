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

registerEnumType(FeeBasis, { name: 'FeeBasis' });
registerEnumType(FeePeriod, { name: 'FeePeriod' });
