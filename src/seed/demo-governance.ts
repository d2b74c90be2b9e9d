import type pg from 'pg';

/*
 * Property committees in the demo. Xianglu Huacheng phase II (翔鹭花城二期) tells its article's story:
 * an owners' committee recalled in 2016, an interim committee in 2017, a committee elected in
 * January 2018 and re-elected since. Yifen Xianzhuang and Zhenxing's Dushi Huayuan have elected
 * committees (60 % party members and more). Xinyuan has none: the walk of docs/walkthrough.md elects one.
 */

interface Term {
  kind: 'ELECTED' | 'INTERIM';
  name: string;
  termStart: string;
  termEnd: string | null;
  status: 'SITTING' | 'RECALLED' | 'TERM_ENDED';
  endedOn?: string;
  endReason?: string;
  /** Elected committees come with their election (candidates, review, votes). */
  heldOn?: string;
}

const HISTORIES: Array<{ compound: string; terms: Term[] }> = [
  {
    compound: '翔鹭花城二期',
    terms: [
      {
        kind: 'ELECTED',
        name: '翔鹭花城二期业主委员会',
        termStart: '2013-03-01',
        termEnd: '2018-02-28',
        status: 'RECALLED',
        endedOn: '2016-06-18',
        endReason: '业主大会罢免',
      },
      {
        kind: 'INTERIM',
        name: '翔鹭花城二期临时物业管理委员会',
        termStart: '2017-02-15',
        termEnd: null,
        status: 'TERM_ENDED',
        endedOn: '2018-01-20',
        endReason: '新一届业委会选举产生',
      },
      {
        kind: 'ELECTED',
        name: '翔鹭花城二期业主委员会',
        termStart: '2018-01-20',
        termEnd: '2023-01-19',
        status: 'TERM_ENDED',
        endedOn: '2023-01-20',
        endReason: '换届',
        heldOn: '2018-01-13',
      },
      {
        kind: 'ELECTED',
        name: '翔鹭花城二期业主委员会',
        termStart: '2023-01-20',
        termEnd: '2028-01-19',
        status: 'SITTING',
        heldOn: '2023-01-08',
      },
    ],
  },
  {
    compound: '漪汾仙庄',
    terms: [
      {
        kind: 'ELECTED',
        name: '漪汾仙庄业主委员会',
        termStart: '2024-05-01',
        termEnd: '2029-04-30',
        status: 'SITTING',
        heldOn: '2024-04-20',
      },
    ],
  },
  {
    compound: '都市花园',
    terms: [
      {
        kind: 'ELECTED',
        name: '都市花园业主委员会',
        termStart: '2025-03-01',
        termEnd: '2030-02-28',
        status: 'SITTING',
        heldOn: '2025-02-22',
      },
    ],
  },
];

export async function seedDemoCommittees(client: pg.ClientBase): Promise<void> {
  for (const history of HISTORIES) await seedHistory(client, history.compound, history.terms);
}

async function seedHistory(client: pg.ClientBase, compoundName: string, terms: Term[]): Promise<void> {
  const q = async <T extends object>(sql: string, params: unknown[] = []): Promise<T[]> => (await client.query(sql, params)).rows as T[];
  const [compound] = await q<{ id: number; secretary: number | null }>(
    'select cp.id, b.secretary_id as secretary from compound cp left join compound_branch b on b.id = cp.branch_id where cp.name = $1',
    [compoundName],
  );
  if (!compound) return;
  const people = await q<{ id: number; name: string; member: boolean }>(
    `select p.id, p.name, exists (select 1 from party_membership m where m.person_id = p.id and m.ended_on is null) as member
       from person p join household h on h.id = p.household_id where h.compound_id = $1 and p.id is distinct from $2 order by p.id`,
    [compound.id, compound.secretary],
  );
  const members = people.filter((p) => p.member);
  const others = people.filter((p) => !p.member);
  for (const [t, term] of terms.entries()) {
    // Five seats: three party members and two others (60 %), different people each term where possible.
    const seated = [...rotate(members, t * 3).slice(0, 3), ...rotate(others, t * 2).slice(0, 2)];
    if (seated.length < 3) continue;
    let electionId: number | null = null;
    if (term.heldOn) {
      const runnerUp = rotate(others, t * 2 + 2)[0];
      const [election] = await q<{ id: number }>(
        `insert into committee_election (compound_id, community_id, status, seats, term_start, term_end, held_on, eligible_voters, votes_cast)
         select $1, community_id, 'CONFIRMED', $2, $3, $4, $5, 300, 241 from compound where id = $1 returning id`,
        [compound.id, seated.length, term.termStart, term.termEnd, term.heldOn],
      );
      electionId = election.id;
      const candidates = runnerUp ? [...seated, runnerUp] : seated;
      for (const [i, c] of candidates.entries()) {
        await q(
          `insert into candidate (election_id, community_id, person_id, name, party_member, nomination, review, reviewed_by, votes, elected)
           select $1, community_id, $2, $3, $4, $5, 'APPROVED', 'street.review', $6, $7 from committee_election where id = $1`,
          [election.id, c.id, c.name, c.member, i % 2 ? 'RESIDENTS' : 'SELF', 220 - i * 11, i < seated.length],
        );
      }
    }
    const [committee] = await q<{ id: number }>(
      `insert into property_committee (compound_id, community_id, name, kind, status, term_start, term_end, ended_on, end_reason, party_secretary_id, election_id)
       select $1, community_id, $2, $3, $4, $5, $6, $7, $8, $9, $10 from compound where id = $1 returning id`,
      [
        compound.id,
        term.name,
        term.kind,
        term.status,
        term.termStart,
        term.termEnd,
        term.endedOn ?? null,
        term.endReason ?? null,
        compound.secretary,
        electionId,
      ],
    );
    for (const [i, p] of seated.entries()) {
      await q(
        `insert into committee_member (committee_id, community_id, person_id, name, role, party_member)
         select $1, community_id, $2, $3, $4, $5 from property_committee where id = $1`,
        [committee.id, p.id, p.name, i === 0 ? 'CHAIR' : i === 1 ? 'VICE_CHAIR' : 'MEMBER', p.member],
      );
    }
  }
}

function rotate<T>(list: T[], by: number): T[] {
  if (!list.length) return list;
  const k = by % list.length;
  return [...list.slice(k), ...list.slice(0, k)];
}
