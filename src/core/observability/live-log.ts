import { randomUUID } from 'node:crypto';
import { Counter, Gauge } from 'prom-client';
import type { Principal } from '../auth/principal';
import type { Logger } from '../logger';
import { principalLabel } from './access-log';
import type { Metrics } from './metrics';

/*
 * What an operator sees of subscriptions: a subscription is not a request, so it gets two
 * access-log lines of its own (when it starts and when it ends, with how long it ran and how many
 * events it sent) and three figures: subscriptions started, open now, and events delivered. Like
 * the request lines, ids, operation names and counts only.
 */

/**
 * Why a subscription ended: the client stopped it (or its socket closed), its stream ran out, its
 * credential failed, its subscriber lost the right to it (a revoked role).
 */
export type SubscriptionEnd = 'stopped' | 'ended' | 'unauthenticated' | 'refused';

export interface ObservedSubscription {
  /** An event was sent to the subscriber. */
  sent(): void;
  /** The subscription is over (only the first call counts). */
  end(reason: SubscriptionEnd): void;
}

export interface LiveObserver {
  started(operation: string | undefined, principal: Principal): ObservedSubscription;
}

export function liveObserver(logger: Logger, metrics: Metrics): LiveObserver {
  const registers = [metrics.registry];
  const started = new Counter({
    name: 'lianxin_subscriptions_started_total',
    help: 'GraphQL subscriptions started over WebSocket, by operation name',
    labelNames: ['operation'],
    registers,
  });
  const open = new Gauge({ name: 'lianxin_subscriptions_open', help: 'GraphQL subscriptions of this instance running now', registers });
  const events = new Counter({
    name: 'lianxin_subscription_events_total',
    help: 'Events delivered to subscribers (events a subscriber may not see are not counted: they are not sent), by operation name',
    labelNames: ['operation'],
    registers,
  });

  return {
    started(operationName, principal) {
      const subscriptionId = randomUUID();
      const operation = metrics.operationLabel(operationName);
      const principalId = principalLabel(principal);
      const since = Date.now();
      let sent = 0;
      let over = false;
      started.inc({ operation });
      open.inc();
      logger.info('subscription started', { subscriptionId, operation: operationName ?? null, principal: principalId });
      return {
        sent() {
          sent++;
          events.inc({ operation });
        },
        end(reason) {
          if (over) return;
          over = true;
          open.dec();
          logger.info('subscription ended', {
            subscriptionId,
            operation: operationName ?? null,
            principal: principalId,
            reason,
            durationMs: Date.now() - since,
            events: sent,
          });
        },
      };
    },
  };
}
