import type { RequestContext } from '../../context';
import { BadUserInputError } from '../errors/errors';
import type { LiveEvent } from './listener';

/*
 * What a module's subscription field returns from `subscribe`: the events of a topic that pass
 * `accept` (a cheap test on the ids: the arguments, the caller's communities), as an async
 * iterator that stops listening when the subscription ends. Whether the caller may see what an
 * event names is decided later, per event, by the field's resolver in a transaction of its own.
 */

/**
 * The events of a subscription, and which of them it has a stake in (`concerns`). The WebSocket
 * server asks when the subscriber no longer holds the subscription's right: an event it had a stake
 * in ends the subscription with the refusal; any other is one it could never have seen, and passes
 * in silence, so that losing a role does not turn every event around into a message.
 */
export interface LiveStream extends AsyncIterableIterator<LiveEvent> {
  concerns(event: LiveEvent): boolean;
}

export function isLiveStream(iterator: AsyncIterator<unknown>): iterator is LiveStream {
  return typeof (iterator as Partial<LiveStream>).concerns === 'function';
}

/** Events waiting for a slow subscriber; beyond this the oldest are dropped (a client re-reads on gaps). */
const MAX_PENDING = 1_000;

export async function liveEvents(
  ctx: RequestContext,
  topic: string,
  accept: (event: LiveEvent) => boolean,
  concerns: (event: LiveEvent) => boolean = accept,
): Promise<LiveStream> {
  const live = ctx.live;
  if (!live) throw new BadUserInputError('Subscriptions run over WebSocket at /graphql (protocol graphql-transport-ws)');
  await live.ready();
  const pending: LiveEvent[] = [];
  let wake: (() => void) | null = null;
  let done = false;
  const off = live.on(topic, (event) => {
    if (done || !accept(event)) return;
    if (pending.length >= MAX_PENDING) pending.shift();
    pending.push(event);
    wake?.();
  });
  const finish = (): IteratorResult<LiveEvent> => {
    done = true;
    off();
    wake?.();
    return { done: true, value: undefined };
  };
  const iterator: LiveStream = {
    concerns,
    async next() {
      while (!done && pending.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      if (done) return { done: true, value: undefined };
      return { done: false, value: pending.shift()! };
    },
    async return() {
      return finish();
    },
    async throw(err?: unknown) {
      finish();
      throw err;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}

/**
 * type-graphql insists on a pub/sub for schemas with subscriptions, though every field here brings
 * its own `subscribe` (liveEvents). Topics are not used: events travel through PostgreSQL.
 */
export const NO_TOPICS = {
  publish(): void {
    throw new Error('publish through PostgreSQL (pg_notify on the live channel), not type-graphql topics');
  },
  subscribe(): AsyncIterable<unknown> {
    throw new Error('subscription fields bring their own subscribe (liveEvents), not type-graphql topics');
  },
};
