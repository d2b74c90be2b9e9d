import type pg from 'pg';

/*
 * Engagement in the demo, after seed 002: Zhenxing's four cross-appointed posts (交叉任职) with its
 * red property-management company; three members living in Zhenxing but registered elsewhere
 * (双报到, three of its 103), two of them with Xinyuan's branch in Yongkang North Road (a reporting relation the
 * platform follows), claiming projects and services (认领); public profiles (亮身份、亮职责、亮承诺)
 * of party members in 都市花园 and 馨园, each showing what its member chose. The other way round, a
 * member reporting in 馨园 has Zhenxing's first courtyard branch as home branch and claims a service
 * there, and Yongkang North Road's secretary instructs a property company.
 */

const ZX = `(select id from community where name = '振兴社区')`;
const COMPANY = '郑州红管家物业服务中心';
const XINYUAN_BRANCH = `(select id from compound_branch where name = '馨园小区党支部')`;

/** The n-th resident of a Zhenxing courtyard who holds no party membership. */
const nonMember = (compound: string, n: number) =>
  `(select p.id from person p join household h on h.id = p.household_id join compound c on c.id = h.compound_id
     where c.name = '${compound}' and c.community_id = ${ZX}
       and not exists (select 1 from party_membership m where m.person_id = p.id) order by p.id offset ${n} limit 1)`;

const PROFILES: Array<[string, string, string, string, string, string[]]> = [
  [
    '楼栋党小组组长',
    '联系本楼12户，每周走访独居老人',
    '有事找党员，随叫随到',
    '1号楼1-2单元',
    '邻里调解岗',
    ['POST', 'DUTIES', 'PLEDGE', 'RESPONSIBILITY_ZONE', 'PIONEER_POST'],
  ],
  ['党员中心户户主', '组织楼道卫生清扫', '带头缴费、带头守约、带头参与', '2号楼', '环境美化岗', ['POST', 'PLEDGE', 'PIONEER_POST']],
  ['', '收集居民意见，每月向支部汇报', '邻里有难处，先来敲我家门', '3号楼3单元', '', ['DUTIES', 'PLEDGE', 'RESPONSIBILITY_ZONE']],
  ['', '', '守护楼院平安，邻里互帮互助', '', '平安巡防岗', ['PLEDGE']],
  ['党员志愿者', '测量血压', '', '', '', []],
];

export async function seedDemoEngagement(client: pg.ClientBase): Promise<void> {
  // The property company's project manager is a person of the community without a household here.
  await client.query(`insert into person (community_id, name, gender, birth_year) select ${ZX}, '物业项目经理丙', 'MALE', 1981`);
  const post = (person: string, postName: string, compound: string | null) =>
    client.query(
      `insert into cross_appointment (community_id, person_id, compound_id, post, counterpart, started_on, appointed_by)
       select ${ZX}, ${person}, ${compound ? `(select id from compound where name = '${compound}' and community_id = ${ZX})` : 'null'},
              $1, $2, date '2024-01-01', '振兴社区党委'`,
      [postName, COMPANY],
    );
  await post(`(select secretary_id from community_committee where community_id = ${ZX})`, 'PARTY_BUILDING_INSTRUCTOR', null);
  await post(`(select secretary_id from compound_branch where name = '庭院第一党支部')`, 'PARTY_BUILDING_LIAISON', null);
  await post(`(select secretary_id from compound_branch where name = '庭院第二党支部')`, 'PARTY_BUILDING_LIAISON', null);
  await post(nonMember('都市花园', 5), 'PUBLIC_OPINION_LIAISON', '都市花园');
  await post(`(select id from person where name = '物业项目经理丙' and community_id = ${ZX})`, 'SOCIAL_CONDITIONS_SUPERVISOR', null);

  // Reporting members (双报到): three of the 103 are registered elsewhere (the article's count includes
  // them), two of them with Xinyuan's branch as home branch on the platform.
  const reporting: Array<[string, string, boolean]> = [
    ['都市花园', '永康北路社区馨园小区党支部', true],
    ['桂竹花园', '永康北路社区馨园小区党支部', true],
    ['河畔花园', '市直机关工委某支部', false],
  ];
  const memberships: number[] = [];
  for (const [compound, home, related] of reporting) {
    const { rows } = await client.query<{ id: number }>(
      `update party_membership set organization_relation = 'EXTERNAL', home_organization = $2
        where id = (select m.id from party_membership m join person p on p.id = m.person_id join household h on h.id = p.household_id
                      join compound c on c.id = h.compound_id
                     where c.name = $1 and c.community_id = ${ZX} and m.ended_on is null order by m.id desc limit 1)
       returning id`,
      [compound, home],
    );
    memberships.push(rows[0].id);
    if (related)
      await client.query(
        `insert into reporting_relation (community_id, membership_id, home_branch_id, recorded_on) values (${ZX}, $1, ${XINYUAN_BRANCH}, date '2026-03-01')`,
        [rows[0].id],
      );
  }

  const offers: Array<[string | null, string, string, string]> = [
    ['都市花园', 'SERVICE', '四点半课堂辅导', '工作日16:30—18:00在小区服务站辅导小学生作业'],
    ['桂竹花园', 'PROJECT', '楼道微改造', '3号楼楼道扶手和声控灯更换，方案征求住户意见'],
    [null, 'SERVICE', '法律咨询进小区', '每月一次在各庭院服务站提供法律咨询'],
  ];
  const offerIds: number[] = [];
  for (const [compound, kind, title, description] of offers) {
    const { rows } = await client.query<{ id: number }>(
      `insert into service_offer (community_id, compound_id, kind, title, description, published_on)
       select ${ZX}, ${compound ? `(select id from compound where name = '${compound}' and community_id = ${ZX})` : 'null'}, $1, $2, $3, date '2026-03-01'
       returning id`,
      [kind, title, description],
    );
    offerIds.push(rows[0].id);
  }
  const claims: Array<[number, number, string, number | null, string | null, string | null]> = [
    [0, 0, '2026-03-05', 1800, '辅导小学生12名，累计30小时', '2026-06-30'],
    [1, 1, '2026-03-10', 960, '更换扶手3处、声控灯18盏，住户验收通过', '2026-05-20'],
    [1, 2, '2026-04-01', null, null, null],
    [2, 2, '2026-04-01', 360, '接待咨询9人次，协助1户签订赡养协议', '2026-09-30'],
  ];
  for (const [member, offer, claimedOn, minutes, outcome, completedOn] of claims) {
    await client.query(
      `insert into service_claim (community_id, offer_id, membership_id, claimed_on, minutes, outcome, completed_on)
       values (${ZX}, $1, $2, $3, $4, $5, $6)`,
      [offerIds[offer], memberships[member], claimedOn, minutes, outcome, completedOn],
    );
  }

  await seedYongkang(client);

  // Public profiles: party members of 都市花园 and 馨园, each with the fields they chose to show.
  for (const compound of ['都市花园', '馨园']) {
    const { rows } = await client.query<{ id: number }>(
      `select p.id from person p join household h on h.id = p.household_id join compound c on c.id = h.compound_id
         join party_membership m on m.person_id = p.id and m.ended_on is null
        where c.name = $1 order by p.id limit ${PROFILES.length}`,
      [compound],
    );
    for (const [i, { id }] of rows.entries()) {
      const [postName, duties, pledge, zone, pioneer, shown] = PROFILES[i];
      await client.query(
        `insert into member_profile (community_id, person_id, compound_id, post, duties, pledge, responsibility_zone, pioneer_post, shown)
         select p.community_id, p.id, h.compound_id, nullif($2, ''), nullif($3, ''), nullif($4, ''), nullif($5, ''), nullif($6, ''), $7
           from person p join household h on h.id = p.household_id where p.id = $1`,
        [id, postName, duties, pledge, zone, pioneer, shown],
      );
    }
  }
}

const YK = `(select id from community where name = '永康北路社区')`;

async function seedYongkang(client: pg.ClientBase): Promise<void> {
  await client.query(
    `insert into cross_appointment (community_id, person_id, compound_id, post, counterpart, started_on, appointed_by)
     select ${YK}, secretary_id, null, 'PARTY_BUILDING_INSTRUCTOR', '山西康居物业服务有限公司', date '2023-03-01', '小店街道党工委'
       from community_committee where community_id = ${YK}`,
  );
  const { rows } = await client.query<{ id: number }>(
    `insert into service_offer (community_id, compound_id, kind, title, description, published_on)
     select ${YK}, id, 'SERVICE', '周末义务理发', '每月第二个周六上午在馨园服务站为老人理发', date '2026-04-01' from compound where name = '馨园'
     returning id`,
  );
  const { rows: members } = await client.query<{ id: number }>(
    `select m.id from party_membership m join person p on p.id = m.person_id join household h on h.id = p.household_id
       join compound c on c.id = h.compound_id
      where c.name = '馨园' and m.organization_relation = 'EXTERNAL' and m.ended_on is null order by m.id limit 1`,
  );
  await client.query(
    `insert into reporting_relation (community_id, membership_id, home_branch_id, recorded_on)
     select ${YK}, $1, id, date '2026-04-01' from compound_branch where name = '庭院第一党支部'`,
    [members[0].id],
  );
  await client.query(
    `insert into service_claim (community_id, offer_id, membership_id, claimed_on, minutes, outcome, completed_on)
     values (${YK}, $1, $2, date '2026-04-10', 480, '为20位老人理发', date '2026-10-31')`,
    [rows[0].id, members[0].id],
  );
}
