import { blindIndex, seal } from '../core/crypto/sealed';
import type pg from 'pg';
import { hashPassword } from '../core/auth/passwords';

/*
 * The demo principals of the README: one per kind of caller, tied to the demo communities. All
 * demo users share one password (DEMO_PASSWORD) — demo data only. The people behind them are the
 * fictional persons the demo generator made (a branch's secretary, a group's leader, …).
 */
export const DEMO_PASSWORD = 'lianxin-demo-2026';

interface Principal {
  login: string;
  displayName: string;
  /** SQL returning the person id (or null), run once. */
  person?: string;
  bindings: Array<{ role: string; scopeType: string; scope?: string }>;
}

const XINYUAN_BRANCH = `(select id from compound_branch where name = '馨园小区党支部')`;
const XINYUAN_GROUP = `(select id from building_group where name = '馨园第1党小组')`;
const XINYUAN_RESIDENT_HOUSEHOLD = `(select h.id from household h join compound cp on cp.id = h.compound_id join building b on b.id = h.building_id
   where cp.name = '馨园' and b.group_id = ${XINYUAN_GROUP}
     and not exists (select 1 from member_household m where m.household_id = h.id)
   order by h.id limit 1)`;
const XINYUAN_MEMBER_PERSON = `(select p.id from person p join member_household m on m.household_id = p.household_id join compound cp on cp.id = (select compound_id from household where id = p.household_id)
   join party_membership pm on pm.person_id = p.id and pm.ended_on is null
   where cp.name = '馨园' and m.undesignated_on is null order by p.id limit 1)`;
/** The n-th person living in Xinyuan (compound staff drawn from its residents). */
const xinyuanPerson = (
  n: number,
) => `(select p.id from person p join household h on h.id = p.household_id join compound cp on cp.id = h.compound_id
   where cp.name = '馨园' order by p.id offset ${n} limit 1)`;
const XINYUAN_COMPOUND = `(select id from compound where name = '馨园')`;
const ZHENXING_HOUSEHOLD = `(select h.id from household h join compound cp on cp.id = h.compound_id where cp.name = '都市花园' order by h.id limit 1)`;

const PRINCIPALS: Principal[] = [
  { login: 'platform.admin', displayName: '平台管理员', bindings: [{ role: 'PLATFORM_ADMIN', scopeType: 'PLATFORM' }] },
  {
    login: 'district.xiaodian',
    displayName: '小店区委组织部',
    bindings: [
      { role: 'DISTRICT_OFFICER', scopeType: 'DISTRICT', scope: `(select id from district where name = '小店区' and city = '太原市')` },
    ],
  },
  {
    login: 'district.gaoxin',
    displayName: '高新区党工委',
    bindings: [
      { role: 'DISTRICT_OFFICER', scopeType: 'DISTRICT', scope: `(select id from district where name = '高新区' and city = '郑州市')` },
    ],
  },
  {
    login: 'street.xiaodian',
    displayName: '小店街道党工委',
    bindings: [{ role: 'STREET_OFFICER', scopeType: 'STREET', scope: `(select id from street where name = '小店街道')` }],
  },
  {
    login: 'admin.yongkangbeilu',
    displayName: '永康北路社区管理员',
    person: `(select id from person where name = '社区工作人员甲')`,
    bindings: [{ role: 'COMMUNITY_ADMIN', scopeType: 'COMMUNITY', scope: `(select id from community where name = '永康北路社区')` }],
  },
  {
    login: 'admin.zhenxing',
    displayName: '振兴社区管理员',
    person: `(select id from person where name = '社区工作人员乙')`,
    bindings: [{ role: 'COMMUNITY_ADMIN', scopeType: 'COMMUNITY', scope: `(select id from community where name = '振兴社区')` }],
  },
  {
    login: 'secretary.xinyuan',
    displayName: '馨园小区党支部书记',
    person: `(select secretary_id from compound_branch where id = ${XINYUAN_BRANCH})`,
    bindings: [{ role: 'BRANCH_SECRETARY', scopeType: 'BRANCH', scope: XINYUAN_BRANCH }],
  },
  {
    login: 'leader.xinyuan',
    displayName: '馨园第1党小组组长',
    person: `(select leader_id from building_group where id = ${XINYUAN_GROUP})`,
    bindings: [{ role: 'GROUP_LEADER', scopeType: 'GROUP', scope: XINYUAN_GROUP }],
  },
  {
    login: 'member.xinyuan',
    displayName: '馨园党员中心户',
    person: XINYUAN_MEMBER_PERSON,
    bindings: [
      { role: 'MEMBER', scopeType: 'BRANCH', scope: XINYUAN_BRANCH },
      { role: 'RESIDENT', scopeType: 'HOUSEHOLD', scope: `(select household_id from person where id = ${XINYUAN_MEMBER_PERSON})` },
    ],
  },
  // Roles bound at the compound: its grid worker, and the owners' side of self-governance.
  {
    login: 'grid.xinyuan',
    displayName: '馨园网格员',
    person: xinyuanPerson(40),
    bindings: [{ role: 'GRID_WORKER', scopeType: 'COMPOUND', scope: XINYUAN_COMPOUND }],
  },
  {
    login: 'finance.xinyuan',
    displayName: '馨园财务监督员',
    person: xinyuanPerson(50),
    bindings: [{ role: 'FINANCE_SUPERVISOR', scopeType: 'COMPOUND', scope: XINYUAN_COMPOUND }],
  },
  {
    login: 'committee.xinyuan',
    displayName: '馨园业委会委员',
    person: xinyuanPerson(60),
    bindings: [{ role: 'COMMITTEE_MEMBER', scopeType: 'COMPOUND', scope: XINYUAN_COMPOUND }],
  },
  {
    login: 'owner.xinyuan',
    displayName: '馨园业主代表',
    person: xinyuanPerson(70),
    bindings: [{ role: 'OWNER_REPRESENTATIVE', scopeType: 'COMPOUND', scope: XINYUAN_COMPOUND }],
  },
  {
    login: 'resident.xinyuan',
    displayName: '馨园居民',
    person: `(select min(id) from person where household_id = ${XINYUAN_RESIDENT_HOUSEHOLD})`,
    bindings: [{ role: 'RESIDENT', scopeType: 'HOUSEHOLD', scope: XINYUAN_RESIDENT_HOUSEHOLD }],
  },
  {
    login: 'resident.zhenxing',
    displayName: '都市花园居民',
    person: `(select min(id) from person where household_id = ${ZHENXING_HOUSEHOLD})`,
    bindings: [{ role: 'RESIDENT', scopeType: 'HOUSEHOLD', scope: ZHENXING_HOUSEHOLD }],
  },
];

/** The demo logins: they exist only in development, on a server that listens on loopback. */
export const DEMO_LOGINS: readonly string[] = PRINCIPALS.map((p) => p.login);

/** Inserts the demo users, their role bindings and the integration service account. */
export async function seedDemoPrincipals(client: pg.ClientBase): Promise<void> {
  // Community staff on record without a household (the admins are people too).
  // Phones sealed as the API seals them (core/crypto), never plain at rest.
  const [a, b] = ['13800000001', '13800000002'];
  await client.query(
    `insert into person (community_id, name, gender, birth_year, phone_sealed, phone_index)
    select id, '社区工作人员甲', 'FEMALE', 1982, $1, $2 from community where name = '永康北路社区'
    union all select id, '社区工作人员乙', 'MALE', 1979, $3, $4 from community where name = '振兴社区'`,
    [seal(a), blindIndex('phone', a), seal(b), blindIndex('phone', b)],
  );
  const hash = await hashPassword(DEMO_PASSWORD);
  for (const p of PRINCIPALS) {
    const { rows } = await client.query<{ id: number }>(
      `insert into user_account (login, display_name, person_id, password_hash) values ($1, $2, ${p.person ?? 'null'}, $3) returning id`,
      [p.login, p.displayName, hash],
    );
    for (const b of p.bindings) {
      await client.query(`insert into role_binding (user_id, role, scope_type, scope_id) values ($1, $2, $3, ${b.scope ?? 'null'})`, [
        rows[0].id,
        b.role,
        b.scopeType,
      ]);
    }
  }
  const { rows } = await client.query<{ id: number }>(
    `insert into service_account (name, description, community_id)
     select 'sync.yongkangbeilu', '人口库同步脚本（示例）', id from community where name = '永康北路社区' returning id`,
  );
  await client.query(
    `insert into role_binding (service_account_id, role, scope_type, scope_id) select $1, 'INTEGRATION', 'COMMUNITY', id from community where name = '永康北路社区'`,
    [rows[0].id],
  );
}
