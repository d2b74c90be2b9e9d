import { defineModule } from '../../core/module';
import { CoManagedAccount } from './co-managed-account.entity';
import { Custodian } from './custodian.entity';
import { ExpenditureProposal } from './expenditure-proposal.entity';
import { FinanceError } from './finance.errors';
import {
  CoManagedAccountResolver,
  CommunityFinanceResolver,
  CompoundBranchFinanceResolver,
  CompoundFinanceResolver,
  CustodianResolver,
  ExpenditureProposalResolver,
  LedgerEntryResolver,
  MonthlyStatementResolver,
  ProposalTransitionResolver,
} from './finance.resolver';
import { financeMutationRules, financeRules } from './finance.rules';
import { ExpenditureProposalsQuery } from './proposals.query';
import { LedgerEntry } from './ledger-entry.entity';
import { MonthlyStatement } from './monthly-statement.entity';
import { ProposalTransition } from './proposal-transition.entity';
import { statementDocuments } from './statement.documents';

/** Co-managed accounts, the ledger, four-step spending and monthly public statements. */
export const financeModule = defineModule({
  name: 'finance',
  entities: [CoManagedAccount, Custodian, ExpenditureProposal, ProposalTransition, LedgerEntry, MonthlyStatement],
  resolvers: [
    CommunityFinanceResolver,
    CompoundFinanceResolver,
    CompoundBranchFinanceResolver,
    CoManagedAccountResolver,
    CustodianResolver,
    LedgerEntryResolver,
    ExpenditureProposalResolver,
    ExpenditureProposalsQuery,
    ProposalTransitionResolver,
    MonthlyStatementResolver,
  ],
  permissions: { ...financeRules, Mutation: financeMutationRules },
  userErrors: FinanceError,
  documents: [statementDocuments],
});
