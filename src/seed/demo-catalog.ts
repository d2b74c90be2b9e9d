/*
 * The demo communities, from the five articles in the shared seeds. Published figures are used as
 * given (63 compounds, 43 without property management, 8 with a branch of their own, 35 small ones
 * in 2 joint branches, the 96-household No.1 Middle School dormitory that graduated, Yifen Xianzhuang
 * built 1993, Zhenxing's 11 courtyards, 2 courtyard branches and 103 members, Xianglu Huacheng's 22
 * registered members). Where an article names no street, district or community, the demo uses a
 * placeholder whose name starts with 示例 ("example"). Compound names the articles do not give,
 * household counts they do not give and every person are invented.
 */

export type DemoPropertyMode = 'NONE' | 'COMPANY' | 'SELF_MANAGED' | 'RED_PROPERTY';
export type DemoBranchKind = 'STANDALONE' | 'JOINT';

export interface BranchDef {
  key: string;
  name: string;
  kind: DemoBranchKind;
  establishedOn: string;
}

export interface CompoundDef {
  name: string;
  propertyMode: DemoPropertyMode;
  builtYear?: number;
  households: number;
  /** The branch covering it now (key), and since when (default: the branch's establishment). */
  branch?: string;
  since?: string;
  /** An earlier branch, e.g. the joint branch it graduated from. */
  formerBranch?: { branch: string; since: string; until: string };
  highRise?: boolean;
  /** Member households (党员中心户) to designate. */
  memberHouseholds?: number;
  /** Party members registered with its branch (LOCAL); default: about 5% of adults. */
  localMembers?: number;
  /** Party members registered elsewhere who serve here (EXTERNAL, 双报到). */
  externalMembers?: number;
  /** Give every unit a unit head and the compound the four officers (两长四员), as Xinyuan does. */
  fullDuties?: boolean;
}

export interface CommunityDef {
  name: string;
  areaKm2?: number;
  registeredResidents?: number;
  committeeName: string;
  brandName?: string;
  branches: BranchDef[];
  compounds: CompoundDef[];
  /** How building groups are formed: one per compound, or one per few buildings of a compound. */
  groups: 'per-compound' | 'per-buildings';
}

export interface StreetDef {
  name: string;
  communities: CommunityDef[];
}

export interface DistrictDef {
  name: string;
  city: string;
  streets: StreetDef[];
}

// Deterministic household counts for compounds the articles only count, between 20 and 99.
function smallCompounds(prefix: string, first: number, count: number, branch: string, sizes: number[]): CompoundDef[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `${prefix}${first + i}号院`,
    propertyMode: 'NONE' as const,
    builtYear: 1980 + (((first + i) * 7) % 18),
    households: sizes[i % sizes.length],
    branch,
    memberHouseholds: 1,
  }));
}

const SMALL_SIZES = [24, 38, 56, 71, 45, 88, 33, 62, 97, 29, 51, 80, 42, 67, 36, 58, 75];

const yongkang: CommunityDef = {
  name: '永康北路社区',
  areaKm2: 4.2,
  registeredResidents: 25000,
  committeeName: '永康北路社区党委',
  brandName: '志愿星光、辉耀永康',
  groups: 'per-buildings',
  branches: [
    { key: 'xinyuan', name: '馨园小区党支部', kind: 'STANDALONE', establishedOn: '2017-06-01' },
    { key: 'yifen', name: '漪汾仙庄小区党支部', kind: 'STANDALONE', establishedOn: '2018-03-15' },
    { key: 'dianye', name: '电业宿舍小区党支部', kind: 'STANDALONE', establishedOn: '2021-04-01' },
    { key: 'liangshi', name: '粮食局宿舍小区党支部', kind: 'STANDALONE', establishedOn: '2021-04-01' },
    { key: 'jiaotong', name: '交通局宿舍小区党支部', kind: 'STANDALONE', establishedOn: '2021-04-01' },
    { key: 'yongkangyuan', name: '永康苑小区党支部', kind: 'STANDALONE', establishedOn: '2021-05-10' },
    { key: 'jiangong', name: '建工宿舍小区党支部', kind: 'STANDALONE', establishedOn: '2021-05-10' },
    { key: 'yejin', name: '冶金小区党支部', kind: 'STANDALONE', establishedOn: '2021-05-10' },
    { key: 'joint-changsheng', name: '昌盛西一巷片区联合党支部', kind: 'JOINT', establishedOn: '2021-04-01' },
    { key: 'joint-yongkang', name: '永康北路片区联合党支部', kind: 'JOINT', establishedOn: '2021-04-01' },
    { key: 'yizhong', name: '一中宿舍小区党支部', kind: 'STANDALONE', establishedOn: '2022-07-01' },
  ],
  compounds: [
    // 8 compounds of 100+ households without property management, each with its own branch.
    {
      name: '馨园',
      propertyMode: 'NONE',
      builtYear: 1996,
      households: 260,
      branch: 'xinyuan',
      memberHouseholds: 6,
      localMembers: 24,
      fullDuties: true,
    },
    { name: '漪汾仙庄', propertyMode: 'NONE', builtYear: 1993, households: 480, branch: 'yifen', memberHouseholds: 8 },
    { name: '电业宿舍', propertyMode: 'NONE', builtYear: 1988, households: 180, branch: 'dianye', memberHouseholds: 3 },
    { name: '粮食局宿舍', propertyMode: 'NONE', builtYear: 1985, households: 132, branch: 'liangshi', memberHouseholds: 2 },
    { name: '交通局宿舍', propertyMode: 'NONE', builtYear: 1990, households: 156, branch: 'jiaotong', memberHouseholds: 3 },
    { name: '永康苑', propertyMode: 'NONE', builtYear: 1998, households: 220, branch: 'yongkangyuan', memberHouseholds: 4 },
    { name: '建工宿舍', propertyMode: 'NONE', builtYear: 1987, households: 118, branch: 'jiangong', memberHouseholds: 2 },
    { name: '冶金小区', propertyMode: 'NONE', builtYear: 1992, households: 204, branch: 'yejin', memberHouseholds: 3 },
    // The 96-household dormitory grew up in a joint branch and graduated to a branch of its own;
    // 23 households there display the 共产党员户 plate.
    {
      name: '小店区一中宿舍',
      propertyMode: 'NONE',
      builtYear: 1989,
      households: 96,
      branch: 'yizhong',
      since: '2022-07-01',
      formerBranch: { branch: 'joint-changsheng', since: '2021-04-01', until: '2022-07-01' },
      memberHouseholds: 23,
      localMembers: 31,
    },
    // The other 34 small compounds (35 with the dormitory) in 2 joint branches.
    ...smallCompounds('昌盛西一巷', 1, 17, 'joint-changsheng', SMALL_SIZES),
    ...smallCompounds('永康北路', 1, 17, 'joint-yongkang', [...SMALL_SIZES].reverse()),
    // 20 compounds with property management.
    ...[
      ['康宁花园', 'COMPANY', 2003, 420],
      ['锦绣家园', 'COMPANY', 2006, 560],
      ['御景苑', 'COMPANY', 2010, 760],
      ['金都华庭', 'COMPANY', 2008, 640],
      ['阳光水岸', 'RED_PROPERTY', 2012, 720],
      ['和平嘉园', 'COMPANY', 2001, 300],
      ['龙城雅居', 'COMPANY', 2005, 380],
      ['汾河湾', 'RED_PROPERTY', 2014, 690],
      ['怡景园', 'COMPANY', 2000, 240],
      ['书香苑', 'COMPANY', 2004, 330],
      ['泰和园', 'COMPANY', 2002, 280],
      ['翠微园', 'COMPANY', 2007, 450],
      ['润泽家园', 'RED_PROPERTY', 2011, 520],
      ['星河湾', 'COMPANY', 2015, 610],
      ['紫荆苑', 'COMPANY', 2009, 360],
      ['景福园', 'COMPANY', 2003, 260],
      ['丽华苑', 'COMPANY', 2006, 310],
      ['盛世华庭', 'RED_PROPERTY', 2016, 580],
      ['文源小区', 'COMPANY', 2000, 220],
      ['康乐家园', 'COMPANY', 2004, 290],
    ].map(([name, mode, year, households]) => ({
      name: name as string,
      propertyMode: mode as DemoPropertyMode,
      builtYear: year as number,
      households: households as number,
      highRise: (year as number) >= 2005,
    })),
  ],
};

// 振兴社区: 11 courtyards, all under red property management, 2 courtyard branches, a party
// group in each courtyard, 103 party members (seed 002).
const zhenxingCourtyards: Array<[string, number, string]> = [
  ['都市花园', 200, 'first'],
  ['桂竹花园', 260, 'first'],
  ['河畔花园', 180, 'first'],
  ['振中小区', 150, 'first'],
  ['金桂园', 120, 'first'],
  ['翠竹苑', 240, 'first'],
  ['康乐园', 110, 'second'],
  ['和睦家园', 300, 'second'],
  ['育才小区', 140, 'second'],
  ['银杏苑', 170, 'second'],
  ['丰泽园', 210, 'second'],
];
// 103 members spread over the courtyards (sums to 103).
const zhenxingMembers = [11, 12, 9, 8, 6, 11, 6, 13, 7, 9, 11];

const zhenxing: CommunityDef = {
  name: '振兴社区',
  committeeName: '振兴社区党委',
  brandName: '先锋振兴',
  groups: 'per-compound',
  branches: [
    { key: 'first', name: '庭院第一党支部', kind: 'JOINT', establishedOn: '2019-07-01' },
    { key: 'second', name: '庭院第二党支部', kind: 'JOINT', establishedOn: '2019-07-01' },
  ],
  compounds: zhenxingCourtyards.map(([name, households, branch], i) => ({
    name,
    propertyMode: 'RED_PROPERTY',
    builtYear: 1995 + i,
    households,
    branch,
    localMembers: zhenxingMembers[i],
    externalMembers: 0,
    memberHouseholds: 2,
  })),
};

const sitong: CommunityDef = {
  name: '四通社区',
  committeeName: '四通社区党委',
  groups: 'per-buildings',
  branches: [
    { key: 'b1', name: '四通社区第一党支部', kind: 'STANDALONE', establishedOn: '2016-07-01' },
    { key: 'b2', name: '四通社区第二党支部', kind: 'STANDALONE', establishedOn: '2016-07-01' },
    { key: 'b3', name: '四通社区第三党支部', kind: 'STANDALONE', establishedOn: '2017-07-01' },
    { key: 'b4', name: '四通社区第四党支部', kind: 'STANDALONE', establishedOn: '2017-07-01' },
    { key: 'chenyu', name: '晨宇小区党支部', kind: 'STANDALONE', establishedOn: '2012-05-01' },
  ],
  compounds: [
    { name: '四通花园一区', propertyMode: 'COMPANY', builtYear: 2009, households: 520, branch: 'b1', highRise: true, memberHouseholds: 4 },
    { name: '四通花园二区', propertyMode: 'COMPANY', builtYear: 2010, households: 480, branch: 'b2', highRise: true, memberHouseholds: 3 },
    { name: '四通花园三区', propertyMode: 'COMPANY', builtYear: 2012, households: 610, branch: 'b3', highRise: true, memberHouseholds: 4 },
    { name: '四通花园四区', propertyMode: 'COMPANY', builtYear: 2013, households: 560, branch: 'b4', highRise: true, memberHouseholds: 5 },
    // Abandoned by its property company in 2010; the residents manage it themselves (seed 003).
    // The article does not say which community it belongs to; the demo places it here.
    { name: '晨宇小区', propertyMode: 'SELF_MANAGED', builtYear: 1999, households: 260, branch: 'chenyu', memberHouseholds: 3 },
  ],
};

const yingjun: CommunityDef = {
  name: '英俊社区',
  committeeName: '英俊社区党委',
  groups: 'per-buildings',
  branches: [{ key: 'jiaoshilou', name: '教师楼小区党支部', kind: 'STANDALONE', establishedOn: '2020-06-01' }],
  compounds: [
    // 15-year-old drains (seed 003).
    { name: '梓林小区', propertyMode: 'COMPANY', builtYear: 2008, households: 360 },
    // Abandoned by its property company; its 12 party members formed a branch; city "happy compound" 2022.
    {
      name: '教师楼小区',
      propertyMode: 'SELF_MANAGED',
      builtYear: 1986,
      households: 72,
      branch: 'jiaoshilou',
      localMembers: 12,
      memberHouseholds: 3,
    },
    { name: '英俊家园', propertyMode: 'COMPANY', builtYear: 2012, households: 500, highRise: true },
  ],
};

const xinzhu: CommunityDef = {
  name: '新竹社区',
  committeeName: '新竹社区党委',
  groups: 'per-buildings',
  branches: [],
  compounds: [
    // A 20-year-old compound; many low-income households moved here in a resettlement (seed 003).
    { name: '新竹花园', propertyMode: 'COMPANY', builtYear: 2001, households: 680 },
    { name: '新竹北苑', propertyMode: 'COMPANY', builtYear: 2006, households: 300, highRise: true },
  ],
};

// 翔鹭花城二期: branch since 2017, 22 registered members plus members registered elsewhere (seed 004).
const xianglu: CommunityDef = {
  name: '示例社区（殿前街道）',
  committeeName: '示例社区（殿前街道）党委',
  groups: 'per-buildings',
  branches: [{ key: 'xianglu', name: '翔鹭花城二期小区党支部', kind: 'STANDALONE', establishedOn: '2017-06-01' }],
  compounds: [
    {
      name: '翔鹭花城二期',
      propertyMode: 'COMPANY',
      builtYear: 2006,
      households: 620,
      branch: 'xianglu',
      highRise: true,
      localMembers: 22,
      externalMembers: 14,
      memberHouseholds: 8,
    },
  ],
};

export const DEMO_DISTRICTS: DistrictDef[] = [
  { name: '小店区', city: '太原市', streets: [{ name: '小店街道', communities: [yongkang] }] },
  { name: '高新区', city: '郑州市', streets: [{ name: '振中街道', communities: [zhenxing] }] },
  { name: '绿园区', city: '长春市', streets: [{ name: '示例街道（绿园区）', communities: [xinzhu] }] },
  { name: '示例区（长春市）', city: '长春市', streets: [{ name: '示例街道', communities: [sitong, yingjun] }] },
  { name: '湖里区', city: '厦门市', streets: [{ name: '殿前街道', communities: [xianglu] }] },
];

/** The district whose presence marks the demo data as loaded. */
export const DEMO_MARKER = { district: '小店区', city: '太原市' };
