import { registerEnumType } from 'type-graphql';

/** What kind of service place a station is (the articles' stations, posts and centres). */
export enum StationKind {
  PARTY_MASSES_STATION = 'PARTY_MASSES_STATION',
  CONVENIENCE_POST = 'CONVENIENCE_POST',
  CULTURE_SPORTS_CENTRE = 'CULTURE_SPORTS_CENTRE',
  SHARED_VENUE = 'SHARED_VENUE',
  OTHER = 'OTHER',
}

registerEnumType(StationKind, {
  name: 'StationKind',
  description: 'What kind of service place a station is.',
  valuesConfig: {
    PARTY_MASSES_STATION: { description: '党群服务站: a party-and-masses service station.' },
    CONVENIENCE_POST: { description: '便民驿站: a small convenience post (Yongkang’s 3 m² gatehouse).' },
    CULTURE_SPORTS_CENTRE: { description: '文体中心: a culture and sports centre (Yongkang’s 300 m² bicycle shed).' },
    SHARED_VENUE: { description: '共建场所: a venue shared with a unit stationed in the area.' },
    OTHER: { description: 'Any other service place.' },
  },
});

/** A post in a grid unit. */
export enum GridPost {
  CHIEF = 'CHIEF',
  WORKER = 'WORKER',
}

registerEnumType(GridPost, {
  name: 'GridPost',
  description: 'A post in a grid unit (网格).',
  valuesConfig: {
    CHIEF: { description: '网格长: the grid chief (one at a time per grid).' },
    WORKER: { description: '网格员: a grid worker.' },
  },
});
