import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { RequestContext } from '../../context';
import { isStatementTimeout, limitExceeded, TIMEOUT_MESSAGE } from './limit-errors';
import type { Limits } from './limits';
import { costPlan, requestedCost } from './query-cost';
import { BadUserInputError } from '../errors/errors';
import { malformedTextAt } from '../graphql/well-formed-text';
import { ROWS_MESSAGE } from '../data/db';

/*
 * The limits' part of Apollo's request pipeline. Parsing (token limit) and validation (depth,
 * aliases, directives, expanded fields, one login) have passed when didResolveOperation runs;
 * here the cost is priced with the request's variables and refused above QUERY_MAX_COST, and only
 * then does the request reach the database (RequestSession.open). On the way out the actual cost
 * is charged and reported in `extensions.cost`; a statement timeout turns the whole answer into
 * TIMEOUT (HTTP 503), and the transaction is rolled back.
 */

function timedOut(ctx: RequestContext, errors: readonly unknown[] | undefined): boolean {
  return (
    ctx.db.timedOut ||
    !!errors?.some((e) => (e as { extensions?: { code?: unknown } }).extensions?.code === 'TIMEOUT' || isStatementTimeout(e))
  );
}

export function limitsPlugin(limits: Limits): ApolloServerPlugin<RequestContext> {
  const { maxCost } = limits.config;
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document, operation, request, schema }) {
          const session = contextValue.session;
          if (!session) return;
          const malformed = malformedTextAt(request.variables);
          if (malformed)
            throw new BadUserInputError(`The variable ${malformed} holds text that is not valid Unicode (a lone surrogate).`, {
              variable: malformed,
              http: { status: 400 },
            });
          const plan = operation ? costPlan(schema, document, operation, limits.costRules) : null;
          session.plan = plan;
          session.requested = plan ? requestedCost(plan, request.variables, limits.costRules) : 1;
          if (session.requested > maxCost) {
            throw limitExceeded(
              'cost',
              `Query cost limit of ${maxCost} exceeded, found ${session.requested}: ask for smaller pages (first/last) or fewer nested lists.`,
              {
                maximum: maxCost,
                found: session.requested,
              },
            );
          }
          session.classify(document, operation, request.variables);
          await session.open(contextValue);
        },

        async willSendResponse({ contextValue, response, errors }) {
          const session = contextValue.session;
          if (!session || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (!session.refusedOnOpen && timedOut(contextValue, errors)) {
            session.timedOut = true;
            // Everything the request did is rolled back: no field of it may look done.
            const timeout: GraphQLFormattedError = {
              message: TIMEOUT_MESSAGE,
              extensions: { code: 'TIMEOUT', statementTimeoutMs: limits.config.statementTimeoutMs },
            };
            response.body.singleResult = { errors: [timeout], extensions: result.extensions };
            response.http.status = 503;
          } else if (!session.refusedOnOpen && contextValue.tally.rowsExceeded) {
            session.tooManyRows = true;
            // Like a timeout: the request is rolled back, so no field of it may look done.
            const tooMany: GraphQLFormattedError = {
              message: ROWS_MESSAGE(limits.config.maxRows),
              extensions: { code: 'BAD_USER_INPUT', limit: 'rows', maximum: limits.config.maxRows },
            };
            response.body.singleResult = { errors: [tooMany], extensions: result.extensions };
            response.http.status = 400;
          }
          const cost = session.settle(response.body.singleResult.data);
          if (cost) response.body.singleResult.extensions = { ...response.body.singleResult.extensions, cost };
        },
      };
    },
  };
}
