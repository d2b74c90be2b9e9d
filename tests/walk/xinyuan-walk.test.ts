import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fixedClock } from '../../src/core/clock';
import { ok, startTestApp, type GraphQLResponse, type TestApp } from '../support/test-app';

/*
 * The Xinyuan walk of docs/walkthrough.md, run block by block exactly as written there (the operations are read
 * from that file), so the walk a frontend developer pastes keeps working: elect a committee with at
 * least 60 % party members, open the account with three custodians, pass a four-step spend for the
 * street light, pay it, publish March's statement, rate the quarter's service, see the red flag.
 */

interface Block {
  login: string;
  text: string;
}

function walkBlocks(): Map<string, Block> {
  const readme = readFileSync(path.resolve(__dirname, '../../docs/walkthrough.md'), 'utf8');
  const start = readme.indexOf('## Self-governance and money: the Xinyuan walk');
  const end = readme.indexOf('\n## ', start + 10);
  const section = readme.slice(start, end);
  const blocks = new Map<string, Block>();
  for (const match of section.matchAll(/```graphql\n([\s\S]*?)```/g)) {
    const text = match[1];
    const login = /^# as ([a-z.]+)/.exec(text)?.[1];
    const name = /(?:query|mutation) (\w+)/.exec(text)?.[1];
    if (!login || !name) throw new Error(`a walk block without "# as <login>" or an operation name:\n${text}`);
    blocks.set(name, { login, text });
  }
  return blocks;
}

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function currentQuarterDay(): string {
  return new Date().toISOString().slice(0, 10);
}

describe('the README walk: Xinyuan governs itself and its money', () => {
  let app: TestApp;
  const blocks = walkBlocks();
  // Today, except while the March spend is proposed and its steps taken on their days (a step is not
  // dated before its proposal, nor after today).
  const clock = fixedClock(new Date());
  const onDay = (day: string) => clock.set(`${day}T02:00:00Z`);

  beforeAll(async () => {
    app = await startTestApp({ clock });
  });
  afterAll(() => app.close());

  /** Runs a block as the README says (or as `as`, for a block the README runs twice); returns its data, or its user errors when `refused`. */
  async function send(
    name: string,
    variables: Record<string, unknown>,
    as?: string,
  ): Promise<{ data: Data; userErrors: Array<{ code: string }> }> {
    const block = blocks.get(name);
    if (!block) throw new Error(`the README walk has no operation ${name}`);
    const res = (await app.request(block.text, variables, { as: as ?? block.login })) as GraphQLResponse<Data>;
    const data = ok(res);
    const payload = Object.values(data)[0] as { userErrors?: Array<{ code: string }> } | null;
    return { data, userErrors: payload && Array.isArray(payload.userErrors) ? payload.userErrors : [] };
  }

  async function run(name: string, variables: Record<string, unknown> = {}, as?: string): Promise<Data> {
    const { data, userErrors } = await send(name, variables, as);
    if (userErrors.length) throw new Error(`${name}: ${JSON.stringify(userErrors)}`);
    return data;
  }

  async function refused(name: string, variables: Record<string, unknown>): Promise<string[]> {
    const { data, userErrors } = await send(name, variables);
    expect(Object.values(data)[0]).toMatchObject({ proposal: null });
    return userErrors.map((e) => e.code);
  }

  it('walks from an election to the red flag', async () => {
    expect([...blocks.keys()]).toEqual([
      'XinyuanCast',
      'XinyuanResidents',
      'WhoAmI',
      'OpenElection',
      'Nominate',
      'ToReview',
      'Review',
      'Vote',
      'Confirm',
      'OpenAccount',
      'Fees',
      'Propose',
      'Discuss',
      'Review2',
      'ResolveWithoutMandate',
      'Waiting',
      'Resolve',
      'Pay',
      'Prepare',
      'Publish',
      'Disclosure',
      'Rate',
      'Flags',
    ]);

    // 1. Who is who.
    const cast = (await run('XinyuanCast')).viewer;
    const secretary = cast.user.person.id as string;
    const compound = cast.bindings[0].scope.compounds.nodes.find((c: Data) => c.name === '馨园');
    const residents = (await run('XinyuanResidents', { compoundId: compound.id })).node.buildings.nodes
      .flatMap((b: Data) => b.households.nodes.flatMap((h: Data) => h.persons.nodes))
      .filter((p: Data) => p.id !== secretary);
    // The two residents who will take the owners' side of the money.
    const committeeMember = (await run('WhoAmI', {}, 'committee.xinyuan')).viewer.user.person as Data;
    const ownerRepresentative = (await run('WhoAmI', {}, 'owner.xinyuan')).viewer.user.person as Data;
    const pool = residents.filter((p: Data) => p.id !== committeeMember.id && p.id !== ownerRepresentative.id);
    // Three party members and two others get the most votes, committee.xinyuan's person among them; a sixth does not.
    const partyMembers = [...(committeeMember.isPartyMember ? [committeeMember] : []), ...pool.filter((p: Data) => p.isPartyMember)].slice(
      0,
      3,
    );
    const others = [...(committeeMember.isPartyMember ? [] : [committeeMember]), ...pool.filter((p: Data) => !p.isPartyMember)].slice(0, 3);

    // 2. Elect the committee: three party members and two others get the most votes.
    const election = (await run('OpenElection', { compoundId: compound.id })).openCommitteeElection.election;
    const candidates: Data[] = [];
    for (const person of [...partyMembers, ...others]) {
      candidates.push((await run('Nominate', { electionId: election.id, personId: person.id })).nominateCommitteeCandidate.candidate);
    }
    // The street office's inbox holds them (the demo's other compounds have no election under way).
    const toReview = (await run('ToReview')).committeeCandidates.nodes.map((n: Data) => n.id);
    expect(toReview).toEqual(candidates.map((c) => c.id));
    for (const c of candidates)
      expect((await run('Review', { candidateId: c.id })).reviewCommitteeCandidate.candidate.review).toBe('APPROVED');
    const votes = [310, 290, 270, 250, 230, 120];
    const voted = (
      await run('Vote', { electionId: election.id, results: candidates.map((c, i) => ({ candidateId: c.id, votes: votes[i] })) })
    ).recordCommitteeElectionVote.election;
    expect(voted.candidates.filter((c: Data) => c.elected)).toHaveLength(5);
    const chair = partyMembers[0].id;
    const committee = (await run('Confirm', { electionId: election.id, chairId: chair })).confirmCommitteeElection.committee;
    expect(committee).toMatchObject({
      name: '馨园业主委员会',
      status: 'SITTING',
      compliance: { partyMemberRatio: 0.6, meetsPartyMemberRatio: true, secretaryIsBranchSecretary: true, compliant: true },
    });

    // 3. The account, its custodians, March's fees.
    expect(committee.members.map((m: Data) => m.name)).toContain(committeeMember.name);
    const account = (
      await run('OpenAccount', {
        compoundId: compound.id,
        secretary,
        committeeMember: committeeMember.id,
        ownerRepresentative: ownerRepresentative.id,
      })
    ).openCoManagedAccount.account;
    expect(account.custodians).toHaveLength(3);
    expect((await run('Fees', { accountId: account.id })).recordIncome.entry.account.balanceFen).toBe(1_236_000);

    // 4. The street light: four steps, then pay.
    onDay('2026-03-10');
    const proposal = (await run('Propose', { accountId: account.id })).proposeExpenditure.proposal;
    expect(proposal).toMatchObject({ status: 'PROPOSED', spendingPath: 'FULL', quorumRequired: false });
    expect((await run('Discuss', { proposalId: proposal.id })).discussExpenditure.proposal.status).toBe('DISCUSSED');
    onDay('2026-03-12');
    expect((await run('Review2', { proposalId: proposal.id })).reviewExpenditure.proposal.status).toBe('REVIEWED');
    onDay('2026-03-15');
    // The community admin holds the capability to resolve, but no seat: refused, nothing written.
    expect(await refused('ResolveWithoutMandate', { proposalId: proposal.id })).toEqual(['NO_MANDATE']);
    // The owners' representative's dashboard: the one proposal under way, and the resolution is theirs.
    const waiting = (await run('Waiting')).expenditureProposals;
    expect(waiting.totalCount).toBe(1);
    expect(waiting.nodes[0]).toMatchObject({
      id: proposal.id,
      status: 'REVIEWED',
      account: { name: account.name },
      permissions: { canResolve: true, canPay: false },
    });
    expect((await run('Resolve', { proposalId: proposal.id })).resolveExpenditure.proposal.status).toBe('RESOLVED');
    onDay('2026-03-20');
    const paid = (await run('Pay', { proposalId: proposal.id })).payExpenditure.proposal;
    clock.set(new Date());
    expect(paid).toMatchObject({ status: 'PAID', account: { balanceFen: 1_116_000 } });
    expect(paid.transitions.map((t: Data) => t.actorRole)).toEqual([
      'BRANCH_SECRETARY',
      'COMMITTEE_MEMBER',
      'BRANCH_SECRETARY',
      'OWNER_REPRESENTATIVE',
      'COMMITTEE_MEMBER',
    ]);

    // 5. March's statement, published and frozen; residents read it from home.
    const draft = (await run('Prepare', { accountId: account.id })).prepareMonthlyStatement.statement;
    expect(draft).toMatchObject({
      status: 'DRAFT',
      openingBalanceFen: 0,
      incomeFen: 1_236_000,
      expenseFen: 120_000,
      closingBalanceFen: 1_116_000,
    });
    const published = (await run('Publish', { statementId: draft.id })).publishMonthlyStatement.statement;
    expect(published).toMatchObject({
      status: 'PUBLISHED',
      verified: true,
      verification: { contentMatchesLedger: true, hashMatches: true, openingMatchesPrevious: true },
      proposalsPaid: [{ purpose: '修复3号楼路灯', amountFen: 120_000 }],
    });
    const page = await fetch(app.url.replace('/graphql', published.documentPath), {
      headers: { authorization: `Bearer ${await app.tokenFor('resident.xinyuan')}` },
    });
    expect(await page.text()).toContain('馨园 2026年3月 三方共管账户收支公示');
    const home = (await app.request('{ viewer { bindings { scope { id } } } }', {}, { as: 'resident.xinyuan' })) as GraphQLResponse<Data>;
    const householdId = ok(home).viewer.bindings[0].scope.id as string;
    const disclosure = (await run('Disclosure', { householdId })).node.compound.monthlyStatements.nodes;
    expect(disclosure).toEqual([expect.objectContaining({ status: 'PUBLISHED', closingBalanceFen: 1_116_000, verified: true })]);

    // 6. Rate the quarter; the flags.
    expect((await run('Rate', { householdId, quarter: currentQuarterDay() })).evaluateService.evaluation.score).toBe(5);
    const community = (await app.request(
      '{ viewer { bindings { scope { ... on Household { community { id } } } } } }',
      {},
      { as: 'resident.xinyuan' },
    )) as GraphQLResponse<Data>;
    const communityId = ok(community).viewer.bindings[0].scope.community.id as string;
    const flags = (await run('Flags', { communityId, quarter: '2026-08-15' })).community.serviceRanking;
    expect(flags[0]).toMatchObject({ rank: 1, flag: 'RED', compound: { name: '漪汾仙庄' } });
    expect(flags.at(-1)).toMatchObject({ flag: 'YELLOW' });
  });
});
