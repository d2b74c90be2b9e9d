import { NominateCommitteeCandidateDocument, OpenCommitteeElectionDocument, ReviewCommitteeCandidateDocument } from '../generated/graphql';
import { sql } from '../support/databases';
import { DEMO } from '../support/demo';
import { xinyuanCast } from '../support/finance';
import { codes, gid, ok, pkOf, startTestApp, type TestApp } from '../support/test-app';

/*
 * committeeCandidates: the street office's inbox of candidates to review, across its street (a
 * district officer: the district), never another district's; refused to roles that review no
 * candidates; filtered by review and by the election's state; constant in statements.
 */
const LIST = `query Candidates($review: [CandidateReview!], $electionStatus: [ElectionStatus!]) {
  committeeCandidates(review: $review, electionStatus: $electionStatus, first: 100) {
    totalCount
    nodes { id name review election { status compound { name } } }
  }
}`;

interface ListData {
  committeeCandidates: {
    totalCount: number;
    nodes: Array<{ id: string; name: string; review: string; election: { status: string; compound: { name: string } } }>;
  };
}

type Filter = { review?: string[]; electionStatus?: string[] };
const WAITING: Filter = { review: ['PENDING'], electionStatus: ['NOMINATING'] };

describe('the list of committee candidates', () => {
  let app: TestApp;
  let xinyuan: string[];
  let zhenxing: string;

  const list = (as: string | null, variables: Filter = {}) => app.request<ListData, Filter>(LIST, variables, { as });
  const ids = async (as: string, variables: Filter = {}) => ok(await list(as, variables)).committeeCandidates.nodes.map((n) => n.id);

  async function openAndNominate(compoundId: string, persons: number[], as: string): Promise<string[]> {
    const opened = ok(
      await app.request(
        OpenCommitteeElectionDocument,
        { input: { compoundId, seats: 5, termStart: '2027-01-01', termEnd: '2031-12-31' } },
        { as },
      ),
    ).openCommitteeElection;
    expect(opened.userErrors).toEqual([]);
    const out: string[] = [];
    for (const person of persons) {
      const res = ok(
        await app.request(
          NominateCommitteeCandidateDocument,
          { input: { electionId: opened.election!.id, personId: gid('Person', person), nomination: 'SELF' } },
          { as },
        ),
      ).nominateCommitteeCandidate;
      expect(res.userErrors).toEqual([]);
      out.push(res.candidate!.id);
    }
    return out;
  }

  /** What waits for review in the communities under a street or district, by the database. */
  async function waitingUnder(column: 'street_id' | 'district_id', table: 'street' | 'district', name: string): Promise<string[]> {
    const rows = await sql<{ id: number }>(
      app.database,
      `select c.id from candidate c join committee_election e on e.id = c.election_id join community m on m.id = e.community_id
        where m.${column} = (select id from ${table} where name = $1) and c.review = 'PENDING' and e.status = 'NOMINATING' order by c.id`,
      [name],
    );
    return rows.map((r) => gid('Candidate', r.id));
  }

  beforeAll(async () => {
    app = await startTestApp();
    const cast = await xinyuanCast(app);
    const people = await sql<{ id: number }>(
      app.database,
      'select p.id from person p join household h on h.id = p.household_id where h.compound_id = $1 and p.id <> $2 order by p.id limit 3',
      [cast.compoundPk, pkOf(cast.secretary)],
    );
    xinyuan = await openAndNominate(
      cast.compound,
      people.map((p) => p.id),
      'secretary.xinyuan',
    );
    // A compound of Zhenxing (another district) without an election under way, and one of its residents.
    const [other] = await sql<{ compound: number; person: number }>(
      app.database,
      `select cp.id as compound, (select p.id from person p join household h on h.id = p.household_id where h.compound_id = cp.id order by p.id limit 1) as person
         from compound cp join community m on m.id = cp.community_id
        where m.name = $1 and not exists (select 1 from committee_election e where e.compound_id = cp.id and e.status in ('NOMINATING', 'VOTED'))
          and exists (select 1 from household h join person p on p.household_id = h.id where h.compound_id = cp.id)
        order by cp.id limit 1`,
      [DEMO.zhenxing],
    );
    [zhenxing] = await openAndNominate(gid('Compound', other.compound), [other.person], 'admin.zhenxing');
  });
  afterAll(() => app.close());

  it("shows the street office what waits in its street, and the other district's officer only theirs", async () => {
    const street = await waitingUnder('street_id', 'street', '小店街道');
    expect(street).toEqual(expect.arrayContaining(xinyuan));
    expect(await ids('street.xiaodian', WAITING)).toEqual(street);
    const byStreet = ok(await list('street.xiaodian', WAITING)).committeeCandidates;
    expect(byStreet.totalCount).toBe(street.length);
    expect(byStreet.nodes.every((n) => n.review === 'PENDING' && n.election.status === 'NOMINATING')).toBe(true);

    expect(await ids('district.xiaodian', WAITING)).toEqual(await waitingUnder('district_id', 'district', '小店区'));
    const gaoxin = await waitingUnder('district_id', 'district', '高新区');
    expect(gaoxin).toContain(zhenxing);
    expect(await ids('district.gaoxin', WAITING)).toEqual(gaoxin);
    expect(await ids('street.xiaodian')).not.toContain(zhenxing);
    expect(await ids('platform.admin', WAITING)).toEqual(expect.arrayContaining([...xinyuan, zhenxing]));

    // What is listed, the same officer may review: the first one, approved, leaves the inbox.
    const reviewed = ok(
      await app.request(
        ReviewCommitteeCandidateDocument,
        { input: { candidateId: xinyuan[0], approved: true } },
        { as: 'street.xiaodian' },
      ),
    ).reviewCommitteeCandidate;
    expect(reviewed.userErrors).toEqual([]);
    expect(await ids('street.xiaodian', WAITING)).not.toContain(xinyuan[0]);
    expect(await ids('street.xiaodian', { review: ['APPROVED'], electionStatus: ['NOMINATING'] })).toEqual([xinyuan[0]]);
    expect(await ids('street.xiaodian', { review: [] })).toEqual([]);

    // The street officer who also lives in Zhenxing reaches its rows (row-level security lets them
    // through) but reviews nothing there: the list keeps to the review's own scope.
    await sql(
      app.database,
      `insert into role_binding (user_id, role, scope_type, scope_id)
       select u.id, 'RESIDENT', 'HOUSEHOLD', h.id from user_account u, household h join community m on m.id = h.community_id
        where u.login = 'street.xiaodian' and m.name = $1 order by h.id limit 1`,
      [DEMO.zhenxing],
    );
    expect(await ids('street.xiaodian', WAITING)).toEqual(await waitingUnder('street_id', 'street', '小店街道'));
    expect(await ids('street.xiaodian')).not.toContain(zhenxing);
  });

  it('pages with both filters and a cursor', async () => {
    const PAGE = `query Page($after: String) {
      committeeCandidates(review: [PENDING], electionStatus: [NOMINATING], first: 1, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes { id }
      }
    }`;
    type PageData = {
      committeeCandidates: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        nodes: Array<{ id: string }>;
      };
    };
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: PageData = ok(await app.request<PageData, { after: string | null }>(PAGE, { after }, { as: 'street.xiaodian' }));
      seen.push(...page.committeeCandidates.nodes.map((n) => n.id));
      if (!page.committeeCandidates.pageInfo.hasNextPage) break;
      after = page.committeeCandidates.pageInfo.endCursor;
    }
    expect(seen).toEqual(await ids('street.xiaodian', WAITING));
    expect(seen.length).toBeGreaterThan(1);
  });

  it('refuses roles that review no candidates, naming the capability', async () => {
    for (const login of ['secretary.xinyuan', 'admin.yongkangbeilu', 'grid.xinyuan', 'resident.xinyuan']) {
      const res = await list(login, WAITING);
      expect([login, codes(res)]).toEqual([login, ['FORBIDDEN']]);
      expect(res.errors![0].extensions.capability).toBe('REVIEW_CANDIDATES');
    }
    expect(codes(await list(null))).toEqual(['UNAUTHENTICATED']);
  });

  it('costs the same statements however many candidates it lists', async () => {
    const statements = async () => {
      const res = await list('street.xiaodian', WAITING);
      ok(res);
      return res.extensions!.sqlStatements!;
    };
    const before = await statements();
    const count = ok(await list('street.xiaodian', WAITING)).committeeCandidates.totalCount;
    const [election] = await sql<{ id: number }>(app.database, 'select election_id as id from candidate where id = $1', [pkOf(xinyuan[1])]);
    const more = await sql<{ id: number }>(
      app.database,
      `select p.id from person p join household h on h.id = p.household_id
        where h.compound_id = (select compound_id from committee_election where id = $1)
          and not exists (select 1 from candidate c where c.election_id = $1 and c.person_id = p.id)
        order by p.id limit 2`,
      [election.id],
    );
    for (const person of more) {
      const res = ok(
        await app.request(
          NominateCommitteeCandidateDocument,
          { input: { electionId: gid('CommitteeElection', election.id), personId: gid('Person', person.id), nomination: 'SELF' } },
          { as: 'secretary.xinyuan' },
        ),
      ).nominateCommitteeCandidate;
      expect(res.userErrors).toEqual([]);
    }
    expect(ok(await list('street.xiaodian', WAITING)).committeeCandidates.totalCount).toBe(count + 2);
    expect(await statements()).toBe(before);
  });
});
