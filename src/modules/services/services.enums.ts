import { registerEnumType } from 'type-graphql';

/** Who provides a month's services: the committee itself (self-managed) or a property company. */
export enum ServiceProvider {
  COMMITTEE = 'COMMITTEE',
  PROPERTY_COMPANY = 'PROPERTY_COMPANY',
}

/** 红旗 for the best, 黄旗 for the worst (seed 002), by the community's thresholds. */
export enum RatingFlag {
  RED = 'RED',
  YELLOW = 'YELLOW',
  NONE = 'NONE',
}

registerEnumType(ServiceProvider, {
  name: 'ServiceProvider',
  description: "Who provides a month's services.",
  valuesConfig: {
    COMMITTEE: { description: 'The property committee itself (self-managed).' },
    PROPERTY_COMPANY: { description: 'A property company.' },
  },
});
registerEnumType(RatingFlag, {
  name: 'RatingFlag',
  description: 'RED for the best, YELLOW for the worst, by the community thresholds.',
  valuesConfig: {
    RED: { description: "Red flag (红旗): among the best, by the community's thresholds." },
    YELLOW: { description: "Yellow flag (黄旗): among the worst, by the community's thresholds." },
    NONE: { description: 'Neither.' },
  },
});
