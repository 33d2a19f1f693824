/**
 * The one conformance suite every HTTP notification service passes (hono's `*.case.ts` pattern, as
 * test/providers/traffic/conformance.case.ts). A service's test file describes a valid delivery
 * in a `ServiceFixture` and calls `runServiceConformance(fixture)`.
 *
 * What every service must do (types.ts; spec §6; issue 20 §5): send a valid delivery through
 * `ctx.fetch`; never throw; make 5xx, 429 and network failures retryable, a 429's `Retry-After`
 * its `retryAfterMs`, and other 4xx final; list every problem of broken settings; and keep every
 * secret (tokens, keys, webhook URLs) out of problems and reasons, even from a server that echoes
 * the request back.
 */

import { describe, expect, it } from 'vitest';
import type { Delivery, SendOutcome } from '../../../src/domain/notification.js';
import type { NotificationService } from '../../../src/providers/notifications/types.js';
import { leaksIn } from '../../support/secret-leaks.js';
import {
  aClosedAddress,
  type Handler,
  type RecordedRequest,
  useFakeService,
} from '../metrics/support/fake-service.js';
import { aServiceContext, NOW, settingsOf } from './support/delivery.js';

export interface ServiceFixture<S> {
  service: NotificationService<S>;
  /** Tells apart several fixtures of one service in titles (`slack (incoming webhook)`). */
  variant?: string;
  /** Valid settings whose endpoint is `baseUrl` (the suite's local server, or a closed port). */
  settings(baseUrl: string): Record<string, unknown>;
  /** A delivery the service sends in one request. */
  delivery: Delivery;
  /** The service's stand-in API, which checks the request as the real one does and answers it. */
  accepted: Handler;
  /** Values in `settings` that must never show (tokens, keys, the secret part of webhook URLs). */
  secrets: readonly string[];
  /** Settings `parseSettings` must refuse, each with a fragment (or pattern) of one problem. */
  brokenSettings: ReadonlyArray<{ settings: Record<string, unknown>; problem: string | RegExp }>;
}

/** The request, secrets first, as a careless server quotes it back in an error page. */
function echo(req: RecordedRequest): string {
  const { authorization, ...headers } = req.headers;
  const query = req.query.toString();
  return JSON.stringify({ authorization, path: req.path, query, body: req.body, headers });
}

function expectNoLeaks(text: string, secrets: readonly string[]): void {
  for (const secret of secrets) expect(leaksIn(text, secret), `a piece of ${secret}`).toEqual([]);
}

function reasonOf(outcome: SendOutcome): string {
  return outcome.ok ? '' : outcome.reason;
}

export function runServiceConformance<S>(fixture: ServiceFixture<S>): void {
  const { service, delivery, secrets } = fixture;
  const title = fixture.variant ? `${service.type} (${fixture.variant})` : service.type;
  const endpoint = useFakeService();
  const send = async (baseUrl = endpoint.url): Promise<SendOutcome> => {
    const settings = settingsOf(service.parseSettings(fixture.settings(baseUrl)));
    return service.send(aServiceContext(), settings, delivery);
  };

  describe(`${title} conformance`, () => {
    it('sends a valid delivery through ctx.fetch and reports success', async () => {
      endpoint.answer(fixture.accepted);
      await expect(send()).resolves.toEqual({ ok: true });
      expect(endpoint.requests.length).toBeGreaterThanOrEqual(1);
    });

    it('makes a 503 retryable, and keeps secrets out of the reason when the server echoes the request', async () => {
      endpoint.answer((req) => ({ status: 503, text: echo(req) }));
      const outcome = await send();
      expect(outcome).toMatchObject({ ok: false, retryable: true });
      expect(reasonOf(outcome)).toContain('503');
      expectNoLeaks(reasonOf(outcome), secrets);
    });

    it.each([
      ['delta-seconds', '7', 7000],
      ['an HTTP date', new Date(NOW + 30_000).toUTCString(), 30_000],
    ])('makes a 429 retryable after its Retry-After (%s)', async (_form, header, ms) => {
      endpoint.answer({
        status: 429,
        headers: { 'Retry-After': header },
        json: { ok: false, error: 'ratelimited' },
      });
      const outcome = await send();
      expect(outcome).toMatchObject({ ok: false, retryable: true, retryAfterMs: ms });
    });

    it('makes a 400 final, without secrets in the reason', async () => {
      endpoint.answer((req) => ({ status: 400, text: echo(req) }));
      const outcome = await send();
      expect(outcome).toMatchObject({ ok: false, retryable: false });
      expectNoLeaks(reasonOf(outcome), secrets);
    });

    it('makes a refused connection retryable, without secrets in the reason', async () => {
      const outcome = await send(await aClosedAddress());
      expect(outcome).toMatchObject({ ok: false, retryable: true });
      expect(reasonOf(outcome)).toMatch(/network error/);
      expectNoLeaks(reasonOf(outcome), secrets);
    });

    it.each(fixture.brokenSettings.map((c) => [c.problem, c.settings] as const))(
      'refuses broken settings with a problem matching %s, quoting no secret',
      (problem, settings) => {
        const parsed = service.parseSettings(settings);
        expect(parsed).toHaveProperty('problems');
        const problems = 'problems' in parsed ? parsed.problems : [];
        expect(
          problems.some((p) =>
            typeof problem === 'string' ? p.includes(problem) : problem.test(p),
          ),
        ).toBe(true);
        expectNoLeaks(JSON.stringify(problems), [...secrets, ...secretsIn(settings)]);
      },
    );
  });
}

/** Long string values of broken settings: whatever they are, a problem must not quote them. */
function secretsIn(settings: unknown): string[] {
  if (typeof settings === 'string') return settings.length >= 12 ? [settings] : [];
  if (typeof settings !== 'object' || settings === null) return [];
  return Object.values(settings).flatMap(secretsIn);
}
