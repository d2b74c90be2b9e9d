import { Args, ArgsType, Ctx, Field, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context';
import { Capability } from '../../core/auth/capabilities';
import { withinReach } from '../../core/auth/reach-filter';
import { allOf, oneOf, rootConnection } from '../../core/graphql/relations';
import { PageArgs } from '../../core/pagination/page-args';
import { CandidateReview, ElectionStatus } from './governance.enums';
import { CandidateSpec } from './governance.loaders';
import { CandidateConnection, CandidateType } from './governance.types';

/*
 * The street office's inbox: the committee candidates it reviews, across every compound of its
 * street (or district), instead of walking communities → compounds → elections → candidates.
 * It lists the candidates of the compounds where the caller holds REVIEW_CANDIDATES — the rule of
 * reviewCommitteeCandidate — by the compound's places or organization path, as `covers` does.
 */

@ArgsType()
class CommitteeCandidatesArgs extends PageArgs {
  @Field(() => [CandidateReview], {
    nullable: true,
    description: 'Only candidates with this review (to review: PENDING); an empty list matches none. Omitted: all.',
  })
  review?: CandidateReview[] | null;

  @Field(() => [ElectionStatus], {
    nullable: true,
    description:
      'Only candidates of elections in these states (still taking nominations: NOMINATING); an empty list matches none. Omitted: all.',
  })
  electionStatus?: ElectionStatus[] | null;
}

const inReviewedCompound = (paths: string) =>
  `exists (select 1 from committee_election e join compound c on c.id = e.compound_id
           where e.id = t.election_id and (c.path <@ ${paths} or c.org_path <@ ${paths}))`;

@Resolver(() => CandidateType)
export class CommitteeCandidatesQuery {
  @Query(() => CandidateConnection, {
    description:
      'Committee candidates of the compounds where the caller reviews candidates (the street office: REVIEW_CANDIDATES), oldest nomination first. `review: [PENDING], electionStatus: [NOMINATING]` is what waits for review.',
  })
  committeeCandidates(@Args() args: CommitteeCandidatesArgs, @Ctx() ctx: RequestContext) {
    const filter = allOf(
      withinReach(ctx.principal, Capability.REVIEW_CANDIDATES, inReviewedCompound),
      oneOf('t.review', args.review),
      oneOf('(select e.status from committee_election e where e.id = t.election_id)', args.electionStatus),
    );
    return rootConnection(ctx, CandidateConnection, CandidateSpec, args, filter);
  }
}
