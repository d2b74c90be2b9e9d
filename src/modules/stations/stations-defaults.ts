/**
 * The "八有" standard of a party-and-masses service station. The articles name the standard
 * (按照"八有"标准提档升级) but not its items: these eight are what such standards commonly list
 * (有场所、有牌子、有制度、有人员、有设施、有活动、有服务、有台账); each community edits its own list.
 */
export const DEFAULT_STANDARD_ITEMS: readonly string[] = ['有场所', '有牌子', '有制度', '有人员', '有设施', '有活动', '有服务', '有台账'];

/**
 * Opening hours are local wall-clock times of the station, in China Standard Time (every
 * community of the platform is in China); the staffed-hours share converts them in SQL.
 */
export const STATION_TIME_ZONE = 'Asia/Shanghai';
