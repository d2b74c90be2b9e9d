import { GraphQLError, type ValidationRule } from 'graphql';

/**
 * Subscriptions run over WebSocket on the same path; over HTTP they are refused while validating
 * (cached per document, before the request reaches the database).
 */
export const noSubscriptionsOverHttp: ValidationRule = (context) => ({
  OperationDefinition(operation) {
    if (operation.operation !== 'subscription') return;
    context.reportError(
      new GraphQLError('Subscriptions run over WebSocket on /graphql (protocol graphql-transport-ws), not over HTTP', {
        nodes: [operation],
      }),
    );
  },
});
