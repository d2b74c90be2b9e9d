import { registerEnumType } from 'type-graphql';

/** What a row of the breakdown (or a ranked entry) is. */
export enum FiguresUnitKind {
  COMMUNITY = 'COMMUNITY',
  COMPOUND = 'COMPOUND',
}

/** Compounds by how many of their households are in arrears in the period. */
export enum ArrearsBand {
  NONE = 'NONE',
  FEW = 'FEW',
  SOME = 'SOME',
  MANY = 'MANY',
}

registerEnumType(FiguresUnitKind, {
  name: 'FiguresUnitKind',
  description: 'What a row of figures is about.',
  valuesConfig: {
    COMMUNITY: { description: 'A community (rows of district and street figures).' },
    COMPOUND: { description: 'A compound (rows of community figures).' },
  },
});

registerEnumType(ArrearsBand, {
  name: 'ArrearsBand',
  description: 'How many households of a compound are in arrears in the period.',
  valuesConfig: {
    NONE: { description: 'None: every charge of the period paid or waived.' },
    FEW: { description: '1 to 9 households.' },
    SOME: { description: '10 to 49 households.' },
    MANY: { description: '50 households or more.' },
  },
});
