import { Args, ArgsType, Ctx, Field, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context';
import { Capability } from '../../core/auth/capabilities';
import { withinReach } from '../../core/auth/reach-filter';
import { allOf, oneOf, rootConnection } from '../../core/graphql/relations';
import { PageArgs } from '../../core/pagination/page-args';
import { ProposalStatus } from './finance.enums';
import { ExpenditureProposalSpec } from './finance.loaders';
import { ExpenditureProposalConnection, ExpenditureProposalType } from './finance.types';

/*
 * A committee dashboard's "what is waiting": the proposals of every account the caller reads, in one
 * list, instead of walking community → compounds → account → proposals. It shows exactly what
 * node(id:) would (READ_ACCOUNTS over the account's compound, or over the joint branch that pools it),
 * and each row's `permissions` says which step, if any, is the caller's.
 */

@ArgsType()
class ExpenditureProposalsArgs extends PageArgs {
  @Field(() => [ProposalStatus], {
    nullable: true,
    description:
      'Only proposals in these states (those under way: PROPOSED, DISCUSSED, REVIEWED, RESOLVED); an empty list matches none. Omitted: all.',
  })
  status?: ProposalStatus[] | null;
}

/** The account's compound (its places and organization paths), or the joint branch that pools it. */
const onReadableAccount = (paths: string) =>
  `exists (select 1 from co_managed_account a left join compound c on c.id = a.compound_id
                 left join compound_branch b on b.id = a.branch_id
           where a.id = t.account_id and (c.path <@ ${paths} or coalesce(c.org_path, b.path) <@ ${paths}))`;

@Resolver(() => ExpenditureProposalType)
export class ExpenditureProposalsQuery {
  @Query(() => ExpenditureProposalConnection, {
    description:
      "Expenditure proposals on every co-managed account the caller reads (READ_ACCOUNTS over the account's compound or joint branch), oldest first (`last: n` for the newest). Each one's `permissions` says which step is the caller's.",
  })
  expenditureProposals(@Args() args: ExpenditureProposalsArgs, @Ctx() ctx: RequestContext) {
    const filter = allOf(withinReach(ctx.principal, Capability.READ_ACCOUNTS, onReadableAccount), oneOf('t.status', args.status));
    return rootConnection(ctx, ExpenditureProposalConnection, ExpenditureProposalSpec, args, filter);
  }
}
