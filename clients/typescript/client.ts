import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

/*
 * A thin typed client for integration scripts: operations typed by graphql-codegen (npm run codegen
 * writes ./generated/graphql.ts from schema/schema.graphql and examples/*.graphql), an API key as
 * bearer token, GraphQL errors thrown with their code. Not yet: retries with an Idempotency-Key and
 * budget (THROTTLED) back-off (docs/integration.md).
 */

export class LianxinError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

export interface LianxinClient {
  request<TData, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
  ): Promise<TData>;
}

export function createClient(options: { url: string; apiKey: string; fetch?: typeof fetch }): LianxinClient {
  const send = options.fetch ?? fetch;
  return {
    async request(document, variables) {
      const res = await send(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${options.apiKey}` },
        body: JSON.stringify({ query: print(document), variables }),
      });
      const body = (await res.json()) as { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> };
      const error = body.errors?.[0];
      if (error) throw new LianxinError(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR', error.message);
      return body.data as never;
    },
  };
}
