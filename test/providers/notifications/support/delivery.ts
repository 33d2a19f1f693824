import type { Delivery } from '../../../../src/domain/notification.js';
import type { ServiceContext } from '../../../../src/providers/notifications/types.js';

export const NOW = Date.parse('2026-03-01T12:00:00Z');

type DeliveryOverrides = Partial<Omit<Delivery, 'message'>> & {
  message?: string;
  sections?: Record<string, unknown>;
};

/** A delivery of `on-rollout-paused` for `shop/checkout`, with named overrides. */
export function aDelivery(overrides: DeliveryOverrides = {}): Delivery {
  const { message, sections, ...rest } = overrides;
  return {
    key: 'paused:checkout:7:2',
    trigger: 'on-rollout-paused',
    template: 'rollout-paused',
    service: { type: 'webhook', name: 'webhook' },
    recipient: 'ops',
    subject: { namespace: 'shop', name: 'checkout', uid: 'uid-1', revision: '7' },
    message: {
      message: message ?? 'Rollout checkout is paused at step 2',
      sections: sections ?? {},
    },
    actions: [],
    at: NOW - 1000,
    ...rest,
  };
}

/** Thread timestamps kept in memory, as the Node runtime keeps them; `stored` is there to inspect. */
export function memoryThreads(): ServiceContext['threads'] & { stored: Map<string, string> } {
  const stored = new Map<string, string>();
  return {
    stored,
    get: (key) => Promise.resolve(stored.get(key)),
    set: (key, value) => {
      stored.set(key, value);
      return Promise.resolve();
    },
  };
}

/** A context with the real `fetch` (tests reach loopback only) and memory threads. */
export function aServiceContext(overrides: Partial<ServiceContext> = {}): ServiceContext {
  return {
    now: NOW,
    fetch: (input, init) => fetch(input, init),
    threads: memoryThreads(),
    ...overrides,
  };
}

/** The settings a service parsed, or a test failure naming the problems. */
export function settingsOf<S>(parsed: { settings: S } | { problems: string[] }): S {
  if ('problems' in parsed) throw new Error(`settings refused: ${parsed.problems.join('; ')}`);
  return parsed.settings;
}
