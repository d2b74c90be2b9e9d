import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../context';

/*
 * Domain events inside a mutation. A module announces what happens to its objects
 * (`CommunityCreated`); modules above it react in the same savepoint (the organization gives a new
 * community its committee). So a lower module needs to know nothing of the ones above it, and a
 * reaction commits or rolls back with the change that caused it. Subscriptions come from the
 * modules' manifests (see platform.ts), in the order of the module list.
 */

export interface DomainEvent<P> {
  readonly name: string;
  /** Carries the payload type only. */
  readonly payload?: P;
}

export function defineEvent<P>(name: string): DomainEvent<P> {
  return { name };
}

export type EventHandler<P> = (ctx: RequestContext, em: EntityManager, payload: P) => Promise<void> | void;

export interface Subscription {
  event: DomainEvent<unknown>;
  handle: EventHandler<unknown>;
}

/** A module's reaction to an event, for its manifest. */
export function on<P>(event: DomainEvent<P>, handle: EventHandler<P>): Subscription {
  return { event: event, handle: handle as EventHandler<unknown> };
}

const handlers = new Map<string, EventHandler<unknown>[]>();

/** Installs the subscriptions of the assembled modules (once per process). */
export function installSubscriptions(subscriptions: readonly Subscription[]): void {
  handlers.clear();
  for (const s of subscriptions) handlers.set(s.event.name, [...(handlers.get(s.event.name) ?? []), s.handle]);
}

/** Runs every reaction to `event`, in order, within the caller's transaction. */
export async function emit<P>(ctx: RequestContext, em: EntityManager, event: DomainEvent<P>, payload: P): Promise<void> {
  for (const handle of handlers.get(event.name) ?? []) await handle(ctx, em, payload);
}
