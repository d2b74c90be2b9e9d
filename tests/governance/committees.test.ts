import {
  AppointInterimCommitteeDocument,
  CancelCommitteeElectionDocument,
  CompoundCommitteesDocument,
  ConfirmCommitteeElectionDocument,
  NominateCommitteeCandidateDocument,
  OpenCoManagedAccountDocument,
  OpenCommitteeElectionDocument,
  RecallCommitteeDocument,
  RecordCommitteeElectionVoteDocument,
  ReviewCommitteeCandidateDocument,
} from '../generated/graphql';
import { sql } from '../support/databases';
import { xinyuanCast, type Xinyuan } from '../support/finance';
import { fingerprint } from '../support/snapshot';
import { codes, gid, ok, startTestApp, type TestApp, pkOf } from '../support/test-app';

/*
 * Property committees through the real server: nomination, the street office's review, the vote,
 * confirmation against the party-member ratio and the secretary rule; interim committees and recalls
 * keeping a history that answers "who sat in 2017?".
 */
describe('property committees', () => {
  let app: TestApp;
  let cast: Xinyuan;
  let members: string[];
  let others: string[];
  let group: string;

  beforeAll(async () => {
    app = await startTestApp();
    cast = await xinyuanCast(app);
    const people = await sql<{ id: number; member: boolean }>(
      app.database,
      `select p.id, exists (select 1 from party_membership m where m.person_id = p.id and m.ended_on is null) as member
         from person p join household h on h.id = p.household_id where h.compound_id = $1 and p.id <> $2 order by p.id`,
      [cast.compoundPk, pkOf(cast.secretary)],
    );
    members = people
      .filter((p) => p.member)
      .slice(0, 4)
      .map((p) => gid('Person', p.id));
    others = people
      .filter((p) => !p.member)
      .slice(0, 4)
      .map((p) => gid('Person', p.id));
    const [g] = await sql<{ id: number }>(app.database, "select id from building_group where name = '馨园第1党小组'");
    group = gid('BuildingGroup', g.id);
  });
  afterAll(() => app.close());

  async function election(termStart: string, termEnd: string): Promise<{ id: string; candidates: Map<string, string> }> {
    const opened = ok(
      await app.request(
        OpenCommitteeElectionDocument,
        { input: { compoundId: cast.compound, seats: 5, termStart, termEnd } },
        { as: 'secretary.xinyuan' },
      ),
    ).openCommitteeElection;
    expect(opened.userErrors).toEqual([]);
    const id = opened.election!.id;
    const candidates = new Map<string, string>();
    for (const [i, personId] of [...members, ...others].entries()) {
      const nomination = i === 0 ? 'BUILDING_GROUP' : i === 1 ? 'SELF' : 'RESIDENTS';
      const res = ok(
        await app.request(
          NominateCommitteeCandidateDocument,
          { input: { electionId: id, personId, nomination, nominatingGroupId: i === 0 ? group : null } },
          { as: 'secretary.xinyuan' },
        ),
      ).nominateCommitteeCandidate;
      expect(res.userErrors).toEqual([]);
      expect(res.candidate).toMatchObject({ review: 'PENDING', partyMember: i < 4, nomination });
      candidates.set(personId, res.candidate!.id);
    }
    return { id, candidates };
  }

  async function reviewAll(candidates: Map<string, string>): Promise<void> {
    for (const [personId, candidateId] of candidates) {
      const reject = personId === others[3];
      const res = ok(
        await app.request(
          ReviewCommitteeCandidateDocument,
          { input: { candidateId, approved: !reject, reason: reject ? '长期不在小区居住' : null } },
          { as: 'street.xiaodian' },
        ),
      ).reviewCommitteeCandidate;
      expect(res.candidate).toMatchObject({ review: reject ? 'REJECTED' : 'APPROVED', reviewedBy: 'street.xiaodian' });
    }
  }

  it('keeps a history through a recall and an interim committee', async () => {
    const interim = (termStart: string, persons: string[]) =>
      app.request(
        AppointInterimCommitteeDocument,
        {
          input: {
            compoundId: cast.compound,
            termStart,
            members: persons.map((personId, i) => ({ personId, role: i === 0 ? ('CHAIR' as const) : ('MEMBER' as const) })),
          },
        },
        { as: 'admin.yongkangbeilu' },
      );
    const first = ok(await interim('2015-05-01', [others[0], others[1], members[0]])).appointInterimCommittee.committee!;
    expect(first.compliance).toMatchObject({
      memberCount: 3,
      partyMemberCount: 1,
      meetsPartyMemberRatio: false,
      secretaryIsBranchSecretary: true,
      compliant: false,
    });
    expect(first.compliance.problems[0]).toBe('party members are 1 of 3; at least 60 % are required');
    const recalled = ok(
      await app.request(
        RecallCommitteeDocument,
        { input: { committeeId: first.id, endedOn: '2016-06-01', reason: '业主大会罢免' } },
        { as: 'admin.yongkangbeilu' },
      ),
    ).recallCommittee;
    expect(recalled.committee).toMatchObject({ status: 'RECALLED', endedOn: '2016-06-01', compliance: { termStatus: 'ENDED' } });
    const again = ok(
      await app.request(
        RecallCommitteeDocument,
        { input: { committeeId: first.id, endedOn: '2016-07-01', reason: '再次' } },
        { as: 'admin.yongkangbeilu' },
      ),
    ).recallCommittee;
    expect(again.userErrors.map((e) => e.code)).toEqual(['ALREADY_ENDED']);
    const second = ok(await interim('2017-03-01', [members[1], members[2], others[2]])).appointInterimCommittee.committee!;
    expect(second).toMatchObject({ kind: 'INTERIM', status: 'SITTING', compliance: { partyMemberCount: 2, meetsPartyMemberRatio: true } });
  });

  it('reviews candidates at the street office, and only there', async () => {
    const { id, candidates } = await election('2018-01-15', '2021-01-14');
    const someone = [...candidates.values()][0];
    expect(
      codes(
        await app.request(
          ReviewCommitteeCandidateDocument,
          { input: { candidateId: someone, approved: true } },
          { as: 'secretary.xinyuan' },
        ),
      ),
    ).toEqual(['FORBIDDEN']);
    expect(
      codes(
        await app.request(ReviewCommitteeCandidateDocument, { input: { candidateId: someone, approved: true } }, { as: 'district.gaoxin' }),
      ),
    ).toEqual(['NOT_FOUND']);
    const noReason = ok(
      await app.request(ReviewCommitteeCandidateDocument, { input: { candidateId: someone, approved: false } }, { as: 'street.xiaodian' }),
    ).reviewCommitteeCandidate;
    expect(noReason.userErrors.map((e) => [e.field[0], e.code])).toEqual([['reason', 'REQUIRED']]);
    // Nominations are the branch's (or the community's); not the owners', not the street's.
    expect(
      codes(
        await app.request(
          NominateCommitteeCandidateDocument,
          { input: { electionId: id, personId: cast.resident, nomination: 'SELF' } },
          { as: 'owner.xinyuan' },
        ),
      ),
    ).toEqual(['FORBIDDEN']);
    expect(
      codes(
        await app.request(
          NominateCommitteeCandidateDocument,
          { input: { electionId: id, personId: cast.resident, nomination: 'SELF' } },
          { as: 'street.xiaodian' },
        ),
      ),
    ).toEqual(['FORBIDDEN']);
    const noGroup = ok(
      await app.request(
        NominateCommitteeCandidateDocument,
        { input: { electionId: id, personId: cast.resident, nomination: 'BUILDING_GROUP' } },
        { as: 'secretary.xinyuan' },
      ),
    ).nominateCommitteeCandidate;
    expect(noGroup.userErrors.map((e) => e.code)).toEqual(['REQUIRED']);
    const twice = ok(
      await app.request(
        NominateCommitteeCandidateDocument,
        { input: { electionId: id, personId: members[0], nomination: 'SELF' } },
        { as: 'secretary.xinyuan' },
      ),
    ).nominateCommitteeCandidate;
    expect(twice.userErrors.map((e) => e.code)).toEqual(['TAKEN']);
    // The vote waits for every review.
    const early = ok(
      await app.request(
        RecordCommitteeElectionVoteDocument,
        { input: { electionId: id, heldOn: '2018-01-10', eligibleVoters: 400, votesCast: 300, results: [] } },
        { as: 'secretary.xinyuan' },
      ),
    ).recordCommitteeElectionVote;
    expect(early.userErrors.map((e) => e.code)).toEqual(['PENDING_REVIEW']);
    const cancelled = ok(
      await app.request(
        CancelCommitteeElectionDocument,
        { input: { electionId: id, reason: '候选人资格复核' } },
        { as: 'secretary.xinyuan' },
      ),
    ).cancelCommitteeElection;
    expect(cancelled.election).toMatchObject({ status: 'CANCELLED', cancelReason: '候选人资格复核' });
  });

  it('refuses to confirm a committee below the party-member ratio, naming the ratio, and changes nothing', async () => {
    const { id, candidates } = await election('2018-01-15', '2021-01-14');
    await reviewAll(candidates);
    // 2 party members and 3 others get the most votes.
    const votes: Record<string, number> = {
      [members[0]]: 300,
      [members[1]]: 280,
      [members[2]]: 90,
      [members[3]]: 80,
      [others[0]]: 290,
      [others[1]]: 270,
      [others[2]]: 260,
    };
    const results = Object.entries(votes).map(([personId, v]) => ({ candidateId: candidates.get(personId)!, votes: v }));
    const rejected = candidates.get(others[3])!;
    const withRejected = ok(
      await app.request(
        RecordCommitteeElectionVoteDocument,
        {
          input: {
            electionId: id,
            heldOn: '2018-01-10',
            eligibleVoters: 400,
            votesCast: 320,
            results: [...results, { candidateId: rejected, votes: 5 }],
          },
        },
        { as: 'secretary.xinyuan' },
      ),
    ).recordCommitteeElectionVote;
    expect(withRejected.userErrors.map((e) => [e.field.join('.'), e.code])).toEqual([['results.7.candidateId', 'MISMATCH']]);
    const voted = ok(
      await app.request(
        RecordCommitteeElectionVoteDocument,
        { input: { electionId: id, heldOn: '2018-01-10', eligibleVoters: 400, votesCast: 320, results } },
        { as: 'secretary.xinyuan' },
      ),
    ).recordCommitteeElectionVote;
    expect(voted.userErrors).toEqual([]);
    expect(
      voted
        .election!.candidates.filter((c) => c.elected)
        .map((c) => c.partyMember)
        .sort(),
    ).toEqual([false, false, false, true, true]);
    const before = await fingerprint(app.database);
    const refused = ok(
      await app.request(ConfirmCommitteeElectionDocument, { input: { electionId: id, chairId: members[0] } }, { as: 'secretary.xinyuan' }),
    ).confirmCommitteeElection;
    expect(refused.userErrors).toEqual([
      {
        field: ['electionId'],
        code: 'RATIO_NOT_MET',
        message: 'Party members are 2 of 5 (40.0 %) of the elected members; 永康北路社区 requires at least 60 %',
      },
    ]);
    expect(await fingerprint(app.database)).toEqual(before);
    ok(
      await app.request(
        CancelCommitteeElectionDocument,
        { input: { electionId: id, reason: '党员比例不足，重新选举' } },
        { as: 'secretary.xinyuan' },
      ),
    );
  });

  it('confirms an elected committee that meets the rules; the party secretary is the branch secretary', async () => {
    const { id, candidates } = await election('2018-01-15', '2021-01-14');
    await reviewAll(candidates);
    const votes: Record<string, number> = {
      [members[0]]: 300,
      [members[1]]: 280,
      [members[2]]: 275,
      [members[3]]: 80,
      [others[0]]: 290,
      [others[1]]: 270,
      [others[2]]: 60,
    };
    const results = Object.entries(votes).map(([personId, v]) => ({ candidateId: candidates.get(personId)!, votes: v }));
    ok(
      await app.request(
        RecordCommitteeElectionVoteDocument,
        { input: { electionId: id, heldOn: '2018-01-10', eligibleVoters: 400, votesCast: 320, results } },
        { as: 'secretary.xinyuan' },
      ),
    );
    const wrongSecretary = ok(
      await app.request(
        ConfirmCommitteeElectionDocument,
        { input: { electionId: id, chairId: members[0], partySecretaryId: members[1] } },
        { as: 'secretary.xinyuan' },
      ),
    ).confirmCommitteeElection;
    expect(wrongSecretary.userErrors).toEqual([
      expect.objectContaining({ field: ['partySecretaryId'], code: 'MISMATCH', message: expect.stringContaining('馨园小区党支部') }),
    ]);
    const notElected = ok(
      await app.request(ConfirmCommitteeElectionDocument, { input: { electionId: id, chairId: members[3] } }, { as: 'secretary.xinyuan' }),
    ).confirmCommitteeElection;
    expect(notElected.userErrors.map((e) => [e.field[0], e.code])).toEqual([['chairId', 'MISMATCH']]);
    const confirmed = ok(
      await app.request(ConfirmCommitteeElectionDocument, { input: { electionId: id, chairId: members[0] } }, { as: 'secretary.xinyuan' }),
    ).confirmCommitteeElection;
    expect(confirmed.userErrors).toEqual([]);
    const c = confirmed.committee!;
    expect(c).toMatchObject({
      kind: 'ELECTED',
      status: 'SITTING',
      name: '馨园业主委员会',
      termStart: '2018-01-15',
      partySecretary: { id: cast.secretary },
    });
    expect(c.members).toHaveLength(5);
    expect(c.members[0]).toMatchObject({ role: 'CHAIR', person: { id: members[0] } });
    expect(c.compliance).toMatchObject({
      memberCount: 5,
      partyMemberCount: 3,
      partyMemberRatio: 0.6,
      requiredPercent: 60,
      meetsPartyMemberRatio: true,
      secretaryIsBranchSecretary: true,
      termStatus: 'OVERDUE',
      compliant: false,
    });
    expect(c.compliance.problems).toEqual(['the term ended on 2021-01-14; an election is due']);

    // A resident does not open the compound by ID (their home leads there, below); the street office does.
    expect(
      codes(
        await app.request(
          CompoundCommitteesDocument,
          { id: cast.compound, on: '2017-06-30', earlier: '2016-12-01' },
          { as: 'resident.xinyuan' },
        ),
      ),
    ).toEqual(['FORBIDDEN']);
    const asAdmin = ok(
      await app.request(
        CompoundCommitteesDocument,
        { id: cast.compound, on: '2017-06-30', earlier: '2016-12-01' },
        { as: 'admin.yongkangbeilu' },
      ),
    ).node!;
    if (!('propertyCommittees' in asAdmin)) throw new Error('expected a compound');
    expect(asAdmin.propertyCommittees.map((k) => [k.kind, k.status, k.termStart, k.endedOn])).toEqual([
      ['INTERIM', 'RECALLED', '2015-05-01', '2016-06-01'],
      ['INTERIM', 'TERM_ENDED', '2017-03-01', '2018-01-15'],
      ['ELECTED', 'SITTING', '2018-01-15', null],
    ]);
    expect(asAdmin.onDay).toMatchObject({ kind: 'INTERIM', name: '馨园临时物业管理委员会' });
    expect(asAdmin.earlier).toBeNull();
    expect(asAdmin.propertyCommittee!.members.map((m) => m.name)).toHaveLength(5);
    expect(asAdmin.committeeElections.map((e) => e.status)).toEqual(['CANCELLED', 'CANCELLED', 'CONFIRMED']);
  });

  it("seats only a member of the sitting committee in the account's committee-member seat", async () => {
    const open = (committeeMember: string) =>
      app.request(
        OpenCoManagedAccountDocument,
        {
          input: {
            compoundId: cast.compound,
            openedOn: '2026-01-01',
            custodians: [
              { seat: 'BRANCH_SECRETARY', personId: cast.secretary },
              { seat: 'COMMITTEE_MEMBER', personId: committeeMember },
              { seat: 'OWNER_REPRESENTATIVE', personId: others[3] },
            ],
          },
        },
        { as: 'secretary.xinyuan' },
      );
    const outsider = ok(await open(others[2])).openCoManagedAccount;
    expect(outsider.userErrors).toEqual([
      expect.objectContaining({
        field: ['custodians', '1', 'personId'],
        code: 'MISMATCH',
        message: expect.stringContaining('sitting property committee'),
      }),
    ]);
    const member = ok(await open(members[0])).openCoManagedAccount;
    expect(member.userErrors).toEqual([]);
  });

  it('shows the committee to residents through their home, and persons only to those who read persons', async () => {
    const home = await sql<{ id: number }>(
      app.database,
      "select household_id as id from person where id = (select person_id from user_account where login = 'resident.xinyuan')",
    );
    const q = `query($id: ID!) { node(id: $id) { ... on Household { compound { propertyCommittee { name members { name partyMember } compliance { compliant } } } } } }`;
    const res = ok(await app.request(q, { id: gid('Household', home[0].id) }, { as: 'resident.xinyuan' })) as {
      node: { compound: { propertyCommittee: { members: unknown[] } } };
    };
    expect(res.node.compound.propertyCommittee.members).toHaveLength(5);
    const street = await app.request(
      `query($id: ID!) { node(id: $id) { ... on Compound { propertyCommittee { members { person { id } } } } } }`,
      { id: cast.compound },
      { as: 'street.xiaodian' },
    );
    expect(street.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });
});
