import type pg from 'pg';

/*
 * Care links in the demo, after Zhenxing's "147" method (seed 002): special-group households
 * tagged (advanced age from the residents' birth years, living alone, low income, disabled), every
 * one linked to a party member of the community with its consent, and 172 linkage activities over
 * 2026 of which 93 solved a problem ("170余次…90余件"). Every community gets the seven kinds of
 * help; Zhenxing's administrator (a staff member) is also its care staff. Set-based inserts.
 */

const HELP_ITEMS = ['政策宣传', '走访慰问', '生活帮扶', '就医协助', '矛盾调解', '安全排查', '诉求代办'];
const DONE = [
  '上门走访，了解近况',
  '帮助申请低保复核材料',
  '陪同到社区卫生服务站测量血压',
  '调解与邻居的漏水纠纷',
  '检查燃气和用电安全',
  '代办养老金资格认证',
  '宣讲医保新政策',
];

export async function seedDemoCare(client: pg.ClientBase): Promise<void> {
  await client.query(
    `insert into care_help_item (community_id, name, position)
     select c.id, d.name, d.position from community c cross join unnest($1::text[]) with ordinality as d(name, position)
      where not exists (select 1 from care_help_item i where i.community_id = c.id)`,
    [HELP_ITEMS],
  );
  const zhenxing = await communityId(client, '振兴社区');
  if (zhenxing !== null) {
    await linkCommunity(client, zhenxing, null, 172);
    await appointCareStaff(
      client,
      zhenxing,
      "select p.id from user_account u join person p on p.id = u.person_id where u.login = 'admin.zhenxing'",
    );
  }
  // Yongkang North Road: one compound's special-group households, linked, and a care staff member who signs in nowhere.
  const yongkang = await communityId(client, '永康北路社区');
  if (yongkang !== null) {
    await linkCommunity(client, yongkang, '漪汾仙庄', 24);
    await appointCareStaff(
      client,
      yongkang,
      "select min(p.id) from person p join household h on h.id = p.household_id join compound c on c.id = h.compound_id where c.name = '漪汾仙庄'",
    );
  }
}

async function communityId(client: pg.ClientBase, name: string): Promise<number | null> {
  const { rows } = await client.query<{ id: number }>('select id from community where name = $1', [name]);
  return rows[0]?.id ?? null;
}

async function appointCareStaff(client: pg.ClientBase, community: number, personSql: string): Promise<void> {
  await client.query(
    `insert into care_staff (community_id, person_id, appointed_on, appointed_by)
     select $1, x.id, date '2026-01-01', 'demo' from (${personSql}) as x(id) where x.id is not null`,
    [community],
  );
}

/** Tags the special-group households of a community (or one compound of it), links each to a party member, and records `visits` activities. */
async function linkCommunity(client: pg.ClientBase, community: number, compound: string | null, visits: number): Promise<void> {
  const scope =
    'h2.community_id = $1 and ($2::text is null or h2.compound_id = (select id from compound where name = $2 and community_id = $1))';
  // Tags: advanced age (80+ in 2026) where a resident is that old, living alone for the single elderly, and a few of each other kind.
  await client.query(
    `update household h set vulnerability_tags = t.tags
       from (select h2.id,
                    array_remove(array[
                      case when min(p.birth_year) <= 1946 then 'ADVANCED_AGE' end,
                      case when count(p.id) = 1 and min(p.birth_year) <= 1956 then 'ELDERLY_ALONE' end,
                      case when h2.id % 23 = 0 then 'LOW_INCOME' end,
                      case when h2.id % 37 = 0 then 'DISABLED' end], null) as tags
               from household h2 join person p on p.household_id = h2.id
              where ${scope} group by h2.id) t
      where t.id = h.id and cardinality(t.tags) > 0`,
    [community, compound],
  );
  // Each tagged household linked to a party member living in the same scope, round robin, for its first tag.
  await client.query(
    `with members as (select p.id, row_number() over (order by p.id) - 1 as n, count(*) over () as total
                        from person p join party_membership m on m.person_id = p.id and m.ended_on is null
                        join household h2 on h2.id = p.household_id
                       where ${scope}),
          tagged as (select h2.id, h2.vulnerability_tags[1] as tag, row_number() over (order by h2.id) - 1 as n
                       from household h2 where ${scope} and cardinality(h2.vulnerability_tags) > 0 and h2.archived_at is null
                        and not exists (select 1 from care_link l where l.household_id = h2.id))
     insert into care_link (community_id, household_id, member_id, tag, consent_by, consented_on, consent_scope, linked_on)
     select $1, t.id, m.id, t.tag, '户主本人', date '2025-12-20', '走访日期、帮办事项和结果；不记录健康和收入细节', date '2026-01-01'
       from tagged t join members m on m.n = t.n % m.total`,
    [community, compound],
  );
  await client.query(
    `with links as (select l.id, row_number() over (order by l.id) - 1 as n, count(*) over () as total from care_link l
                     where l.community_id = $1 and not exists (select 1 from care_visit v where v.link_id = l.id)),
          items as (select i.id, i.position - 1 as n from care_help_item i where i.community_id = $1)
     insert into care_visit (community_id, link_id, help_item_id, visited_on, done, outcome, minutes_spent, recorded_by)
     select $1, l.id, i.id, date '2026-01-05' + (v * 2), ($2::text[])[1 + v % 7],
            case when v % 13 < 7 then 'SOLVED' when v % 13 < 9 then 'PASSED_ON' else 'OPEN' end, 20 + (v * 7) % 70, 'demo'
       from generate_series(0, $3::int - 1) v
       join links l on l.n = v % l.total
       join items i on i.n = v % 7`,
    [community, DONE, visits],
  );
}
