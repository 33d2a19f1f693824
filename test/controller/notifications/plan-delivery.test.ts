import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DELIVERY_POLICY,
  parseNotificationSettings,
} from '../../../src/controller/notifications/index.js';
import { isTooOld, planDeliveryStep } from '../../../src/controller/notifications/plan-delivery.js';
import type { SendOutcome } from '../../../src/domain/notification.js';

const policy = DEFAULT_DELIVERY_POLICY;
const NOW = 1_000_000;
const refused = (retryable: boolean, retryAfterMs?: number): SendOutcome => ({
  ok: false,
  retryable,
  reason: 'HTTP 503',
  ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
});

describe('planDeliveryStep: backoff 1 s, 2 s, 4 s, 8 s, five tries in all', () => {
  it.each([
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [4, 8000],
  ])('after try %i a retryable refusal is tried again %i ms later', (attempt, delay) => {
    expect(planDeliveryStep(attempt, refused(true), NOW, policy)).toEqual({
      next: 'retry',
      at: NOW + delay,
    });
  });

  it('gives up after the fifth try, saying so', () => {
    expect(planDeliveryStep(5, refused(true), NOW, policy)).toEqual({
      next: 'give-up',
      reason: 'HTTP 503 (after 5 attempts)',
    });
  });

  it('honours a Retry-After longer than the backoff, and not a shorter one', () => {
    expect(planDeliveryStep(1, refused(true, 30_000), NOW, policy)).toEqual({
      next: 'retry',
      at: NOW + 30_000,
    });
    expect(planDeliveryStep(3, refused(true, 10), NOW, policy)).toEqual({
      next: 'retry',
      at: NOW + 4000,
    });
  });

  it('never retries what the service calls final, nor a success', () => {
    expect(planDeliveryStep(1, refused(false), NOW, policy)).toEqual({
      next: 'give-up',
      reason: 'HTTP 503',
    });
    expect(planDeliveryStep(1, { ok: true }, NOW, policy)).toEqual({ next: 'done' });
  });
});

describe('isTooOld: the start window', () => {
  it.each([
    [NOW - policy.startWindowMs - 1, true],
    [NOW - policy.startWindowMs, false],
    [NOW + 5, false],
  ])('an event at %i, for a process started at NOW: too old %s', (at, old) => {
    expect(isTooOld(at, NOW, policy)).toBe(old);
  });
});

describe('parseNotificationSettings', () => {
  it('defaults to on, in argo-rollouts, with a 10 minute window', () => {
    expect(parseNotificationSettings({})).toEqual({
      settings: { enabled: true, namespace: 'argo-rollouts', startWindowMs: 600_000 },
      problems: [],
    });
  });

  it('reads each setting, and lists every problem without echoing the value', () => {
    expect(
      parseNotificationSettings({
        NOTIFICATIONS: 'OFF',
        NOTIFICATIONS_NAMESPACE: 'ops',
        NOTIFICATIONS_START_WINDOW: '1h30m',
      }).settings,
    ).toEqual({ enabled: false, namespace: 'ops', startWindowMs: 5_400_000 });
    const bad = parseNotificationSettings({
      NOTIFICATIONS: 'secret-looking-value',
      NOTIFICATIONS_START_WINDOW: 'soon',
    });
    expect(bad.problems).toHaveLength(2);
    expect(bad.problems.join(' ')).not.toContain('secret-looking-value');
  });

  it.each([
    ['https://rollouts.example.com/', 'https://rollouts.example.com', []],
    ['http://10.0.0.7:8080/base', 'http://10.0.0.7:8080/base', []],
    ['rollouts.example.com', undefined, ['PUBLIC_URL must be an http(s) URL']],
    ['ftp://x', undefined, ['PUBLIC_URL must be an http(s) URL']],
  ])('PUBLIC_URL %j is the public URL %j', (value, publicUrl, problems) => {
    const parsed = parseNotificationSettings({ PUBLIC_URL: value });
    expect(parsed.settings.publicUrl).toBe(publicUrl);
    expect(parsed.problems.map((p) => p.split(' such as')[0])).toEqual(problems);
  });
});
