import { Capability } from '../../src/core/auth/capabilities';
import { ProposalStatus as S, ProposalStep, SpendingPath } from '../../src/modules/finance/finance.enums';
import { meetingErrors } from '../../src/modules/finance/meeting';
import { alreadyPast, follows, pathFor, STEPS, waitingCapability } from '../../src/modules/finance/spending.steps';

/* The spending procedure's pure rules: what follows what, who may take it, meetings' figures. */

describe('the spending procedure', () => {
  const ALL = Object.values(S);
  const from = (act: Exclude<ProposalStep, ProposalStep.PROPOSE>, path: SpendingPath) => ALL.filter((s) => follows(act, s, path));

  it('the full path takes the four steps in order, then payment', () => {
    expect(from(ProposalStep.DISCUSS, SpendingPath.FULL)).toEqual([S.PROPOSED]);
    expect(from(ProposalStep.REVIEW, SpendingPath.FULL)).toEqual([S.DISCUSSED]);
    expect(from(ProposalStep.RESOLVE, SpendingPath.FULL)).toEqual([S.REVIEWED]);
    expect(from(ProposalStep.PAY, SpendingPath.FULL)).toEqual([S.RESOLVED]);
  });

  it('the simplified path goes from proposal straight to resolution', () => {
    expect(from(ProposalStep.DISCUSS, SpendingPath.SIMPLIFIED)).toEqual([]);
    expect(from(ProposalStep.REVIEW, SpendingPath.SIMPLIFIED)).toEqual([]);
    expect(from(ProposalStep.RESOLVE, SpendingPath.SIMPLIFIED)).toEqual([S.PROPOSED]);
  });

  it('an open proposal may be rejected or withdrawn; a closed one never moves again', () => {
    for (const act of [ProposalStep.REJECT, ProposalStep.WITHDRAW] as const) {
      expect(from(act, SpendingPath.FULL)).toEqual([S.PROPOSED, S.DISCUSSED, S.REVIEWED, S.RESOLVED]);
    }
    for (const closed of [S.PAID, S.REJECTED, S.WITHDRAWN]) {
      for (const act of Object.keys(STEPS) as Array<keyof typeof STEPS>) expect(follows(act, closed, SpendingPath.FULL)).toBe(false);
    }
  });

  it('each step has its capability; rejecting takes that of the step the proposal waits for', () => {
    expect(STEPS.DISCUSS.capability(S.PROPOSED, SpendingPath.FULL)).toBe(Capability.DISCUSS_SPENDING);
    expect(STEPS.REVIEW.capability(S.DISCUSSED, SpendingPath.FULL)).toBe(Capability.REVIEW_SPENDING);
    expect(STEPS.RESOLVE.capability(S.REVIEWED, SpendingPath.FULL)).toBe(Capability.RESOLVE_SPENDING);
    expect(STEPS.PAY.capability(S.RESOLVED, SpendingPath.FULL)).toBe(Capability.PAY_SPENDING);
    expect(STEPS.WITHDRAW.capability(S.REVIEWED, SpendingPath.FULL)).toBe(Capability.PROPOSE_SPENDING);
    expect(waitingCapability(S.PROPOSED, SpendingPath.FULL)).toBe(Capability.DISCUSS_SPENDING);
    expect(waitingCapability(S.PROPOSED, SpendingPath.SIMPLIFIED)).toBe(Capability.RESOLVE_SPENDING);
    expect(waitingCapability(S.DISCUSSED, SpendingPath.FULL)).toBe(Capability.REVIEW_SPENDING);
    expect(waitingCapability(S.REVIEWED, SpendingPath.FULL)).toBe(Capability.RESOLVE_SPENDING);
    expect(waitingCapability(S.RESOLVED, SpendingPath.SIMPLIFIED)).toBe(Capability.PAY_SPENDING);
    expect(STEPS.REJECT.capability).toBe(waitingCapability);
  });

  it('only resolving and paying are personal acts under a mandate; reviewing and resolving vote', () => {
    const acts = Object.keys(STEPS) as Array<keyof typeof STEPS>;
    expect(acts.filter((a) => STEPS[a].mandate)).toEqual([ProposalStep.RESOLVE, ProposalStep.PAY]);
    expect(acts.filter((a) => STEPS[a].votes)).toEqual([ProposalStep.REVIEW, ProposalStep.RESOLVE]);
  });

  it('a step to a status already reached is late, not wrong', () => {
    expect(alreadyPast(S.RESOLVED, S.DISCUSSED)).toBe(true);
    expect(alreadyPast(S.REJECTED, S.PAID)).toBe(true);
    expect(alreadyPast(S.PROPOSED, S.REVIEWED)).toBe(false);
  });

  it("the community's thresholds fix the path and the quorum (simplified strictly below, quorum strictly above)", () => {
    const t = { simplifiedSpendingBelowFen: 50_000, quorumSpendingAboveFen: 500_000 };
    expect(pathFor(49_999, t)).toEqual({ path: SpendingPath.SIMPLIFIED, quorumRequired: false });
    expect(pathFor(50_000, t)).toEqual({ path: SpendingPath.FULL, quorumRequired: false });
    expect(pathFor(500_000, t)).toEqual({ path: SpendingPath.FULL, quorumRequired: false });
    expect(pathFor(500_001, t)).toEqual({ path: SpendingPath.FULL, quorumRequired: true });
  });
});

describe('meeting figures', () => {
  const codes = (figures: Parameters<typeof meetingErrors>[0], quorum: boolean) =>
    meetingErrors(figures, quorum).map((e) => [e.field.at(-1), e.code]);

  it('must add up', () => {
    expect(codes({ eligible: 10, attendance: 11 }, false)).toEqual([['attendance', 'OUT_OF_RANGE']]);
    expect(codes({ attendance: 5, votesFor: 3, votesAgainst: 2, abstentions: 1 }, false)).toEqual([['votesFor', 'OUT_OF_RANGE']]);
  });

  it('without a quorum rule, a vote recorded must carry', () => {
    expect(codes({}, false)).toEqual([]);
    expect(codes({ votesFor: 3, votesAgainst: 3 }, false)).toEqual([['votesFor', 'NOT_CARRIED']]);
    expect(codes({ votesFor: 4, votesAgainst: 3 }, false)).toEqual([]);
  });

  it('above the quorum threshold: the meeting recorded, two thirds attending, a majority of those attending for', () => {
    expect(codes({}, true).map(([field]) => field)).toEqual(['meeting', 'eligible', 'attendance', 'votesFor']);
    expect(codes({ meeting: '党员大会', eligible: 30, attendance: 19, votesFor: 19 }, true)).toEqual([['attendance', 'QUORUM_NOT_MET']]);
    expect(codes({ meeting: '党员大会', eligible: 30, attendance: 20, votesFor: 10 }, true)).toEqual([['votesFor', 'NOT_CARRIED']]);
    expect(codes({ meeting: '党员大会', eligible: 30, attendance: 20, votesFor: 11 }, true)).toEqual([]);
  });
});
