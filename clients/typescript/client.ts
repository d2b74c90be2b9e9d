import { randomUUID } from 'node:crypto';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { Kind, print } from 'graphql';

/*
 * A thin typed client for integration scripts: operations typed by graphql-codegen (npm run codegen
 * writes ./generated/graphql.ts from schema/schema.graphql and examples/*.graphql), an API key as
 * bearer token, GraphQL errors thrown with their code. Every mutation carries an Idempotency-Key
 * (one per call, a fresh UUID unless given), and a call that failed on the way (network, HTTP 5xx
 * such as TIMEOUT, THROTTLED) is sent again with the same key: the server runs it at most once and
 * replays its answer. Waits follow `Retry-After` (THROTTLED), else exponential back-off with jitter.
 *
 * It also paces itself so it is not throttled in the first place: every answer reports the caller's
 * bucket in `extensions.cost.throttleStatus` (points available, restored a second), and before a
 * call the client waits until the bucket, refilled since that answer, holds what the same operation
 * cost last time (at least one point: the server admits a caller whose bucket is above zero).
 */

export class LianxinError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

export interface RequestOptions {
  /** The mutation's Idempotency-Key (default: a fresh UUID per call, reused by its retries). */
  idempotencyKey?: string;
}

export interface LianxinClient {
  request<TData, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
    options?: RequestOptions,
  ): Promise<TData>;
}

export interface ClientOptions {
  url: string;
  apiKey: string;
  fetch?: typeof fetch;
  /** Tries per call, the first included (default 5). */
  attempts?: number;
  /** The first back-off in ms, doubled each try (default 500). */
  backoffMs?: number;
  /** Waits between tries and before paced calls (tests give one that does not sleep). */
  sleep?: (ms: number) => Promise<void>;
  /** Wait for the query budget to hold a call's expected cost before sending it (default true). */
  pace?: boolean;
}

/** `extensions.cost` of an answer: what it cost and the caller's bucket after it. */
interface Cost {
  actualQueryCost?: number;
  throttleStatus?: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number } | null;
}

interface Answer {
  data?: unknown;
  errors?: Array<{ message: string; extensions?: { code?: string; retryAfter?: number } }>;
  extensions?: { cost?: Cost };
}

/**
 * The caller's bucket as last reported, refilled on the client's clock since, and what each
 * operation cost last time: how long to wait before the next call so the server admits it and the
 * bucket does not go into debt.
 */
class Pacer {
  private bucket: { available: number; maximum: number; rate: number; at: number } | null = null;
  private readonly costs = new Map<string, number>();

  observe(operation: string, cost: Cost | undefined): void {
    if (cost?.actualQueryCost !== undefined && cost.actualQueryCost > 0) this.costs.set(operation, cost.actualQueryCost);
    const status = cost?.throttleStatus;
    if (status)
      this.bucket = { available: status.currentlyAvailable, maximum: status.maximumAvailable, rate: status.restoreRate, at: Date.now() };
  }

  /** Milliseconds to wait before sending `operation` (0 when the bucket holds enough or is unknown). */
  waitFor(operation: string): number {
    if (!this.bucket || this.bucket.rate <= 0) return 0;
    const { available, maximum, rate, at } = this.bucket;
    const needed = Math.min(maximum, Math.max(1, this.costs.get(operation) ?? 1));
    const now = Math.min(maximum, available + (rate * (Date.now() - at)) / 1000);
    return now >= needed ? 0 : Math.ceil(((needed - now) / rate) * 1000);
  }
}

/** Worth another try with the same key: nothing was kept, or it was and the retry replays it. */
const RETRIED_CODES = new Set(['THROTTLED', 'TIMEOUT']);

function isMutation(document: TypedDocumentNode<unknown, never>): boolean {
  return document.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION && d.operation === 'mutation');
}

export function createClient(options: ClientOptions): LianxinClient {
  const send = options.fetch ?? fetch;
  const attempts = options.attempts ?? 5;
  const backoff = options.backoffMs ?? 500;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const pacer = options.pace === false ? null : new Pacer();
  return {
    async request(document, variables, requestOptions = {}) {
      const query = print(document);
      const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${options.apiKey}` };
      if (isMutation(document)) headers['idempotency-key'] = requestOptions.idempotencyKey ?? randomUUID();
      const body = JSON.stringify({ query, variables });
      for (let attempt = 1; ; attempt++) {
        let retryAfter: number | null = null;
        let failure: Error;
        const paced = pacer?.waitFor(query) ?? 0;
        if (paced > 0) await sleep(paced);
        try {
          const res = await send(options.url, { method: 'POST', headers, body });
          const answer = (await res.json().catch(() => null)) as Answer | null;
          pacer?.observe(query, answer?.extensions?.cost);
          const error = answer?.errors?.[0];
          const code = error?.extensions?.code ?? (res.status >= 500 ? 'INTERNAL_SERVER_ERROR' : undefined);
          if (!code && answer) return answer.data as never;
          failure = new LianxinError(code ?? 'BAD_RESPONSE', error?.message ?? `HTTP ${res.status}`);
          if (!RETRIED_CODES.has(code ?? '') && res.status < 500) throw failure;
          retryAfter = error?.extensions?.retryAfter ?? (Number(res.headers.get('retry-after')) || null);
        } catch (err) {
          if (err instanceof LianxinError && !RETRIED_CODES.has(err.code) && err.code !== 'INTERNAL_SERVER_ERROR') throw err;
          failure = err as Error; // the network: the server may or may not have run it, the key makes that safe
        }
        if (attempt >= attempts) throw failure;
        const wait = retryAfter ? retryAfter * 1000 : backoff * 2 ** (attempt - 1);
        await sleep(wait / 2 + Math.random() * (wait / 2));
      }
    },
  };
}
