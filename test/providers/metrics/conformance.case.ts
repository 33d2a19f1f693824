/**
 * The one conformance suite every metric provider passes (hono's `*.case.ts` pattern, as the traffic
 * routers' `conformance.case.ts`). A provider's test file describes a valid measurement in a
 * `MetricProviderFixture` and calls `runMetricProviderConformance(fixture)`.
 *
 * What every provider must do (types.ts; DESIGN §2: failures are data): answer a valid metric with a
 * value (async providers: pending, then decided); never throw; turn every failure (no answer, an
 * HTTP error, a body it cannot read, too large a body, a broken config) into an `error` outcome;
 * keep every credential out of the outcome, in every shape, even from a server that echoes the
 * request; and reach its endpoint only through the injected `ctx.fetch`, each request bounded in
 * time. The suite's `fetch` opens no socket and records every call.
 */

import { describe, expect, it } from 'vitest';
import type { Metric } from '../../../src/domain/analysis.js';
import { MAX_RESPONSE_BYTES } from '../../../src/providers/metrics/shared/http.js';
import type {
  MetricProvider,
  ProviderContext,
  ProviderOutcome,
} from '../../../src/providers/metrics/types.js';
import { leaksIn } from '../../support/secret-leaks.js';
import { NOW, secretsFrom } from './support/context.js';
import {
  aBrokenBody,
  aHugeBody,
  type Answer,
  ECHO_MARKER,
  echoOf,
  type Endpoint,
  fakeFetch,
  type SeenRequest,
} from './support/fake-fetch.js';

export { ECHO_MARKER, type Answer, type SeenRequest } from './support/fake-fetch.js';

export interface MetricProviderFixture {
  provider: MetricProvider;
  /** Tells apart several fixtures of one provider in test titles (`prometheus (OAuth2)`). */
  variant?: string;
  /** `metric.provider[type]` of a valid metric. */
  config: Record<string, unknown>;
  /** The run's Secrets, `{ name: { key: value } }`, read through `ctx.secret`. */
  secrets?: Record<string, Record<string, string>>;
  /** Controller settings; those that are credentials (`CREDENTIAL_SETTINGS`) are checked like `credentials`. */
  settings?: Record<string, string>;
  /** Values that must never appear in an outcome: keys and tokens from Secrets, sensitive header values, passwords. */
  credentials: readonly string[];
  /**
   * The endpoint's answer to each request of a valid measurement. `note` is text the server
   * controls (a label, a warning, a string value): the suite puts an echo of the request there.
   */
  answer(request: SeenRequest, note: string): Answer;
  /** `ctx.kube` over the suite's `fetch`, for providers that talk to Kubernetes (job). */
  kube?(fetch: ProviderContext['fetch']): unknown;
  /** A 2xx body that is not JSON is itself the value (web, spec §2.7: "non-JSON body ⇒ raw string"). */
  rawBodyIsValue?: boolean;
  /** Paths (`jsonBody`, `spec.template`) that take any JSON: neither they nor what they hold get "wrong type" cases. */
  freeFormFields?: readonly string[];
  /** Why large bodies are not bounded by the provider, when they are not (the test is then skipped and says so). */
  unboundedBodyReason?: string;
  /** Configs that must be errors, each with a fragment (or pattern) of the expected message. */
  brokenConfigs: ReadonlyArray<{ config: unknown; problem: string | RegExp }>;
}

/** Provider settings that are credentials (settings.ts): checked in every outcome as `credentials` are. */
export const CREDENTIAL_SETTINGS = [
  'DD_API_KEY',
  'DD_APP_KEY',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
];

const networkError = (message: string, code: string) =>
  new TypeError('fetch failed', { cause: Object.assign(new Error(message), { code }) });

/** Every way an exchange can fail; each must become an `error` outcome. */
const FAILURES: ReadonlyArray<{ name: string; answer: () => Answer; bodyIsValue?: boolean }> = [
  {
    name: 'connection refused',
    answer: () => ({ reject: networkError('connect ECONNREFUSED 10.0.0.1:443', 'ECONNREFUSED') }),
  },
  {
    name: 'host not found',
    answer: () => ({ reject: networkError('getaddrinfo ENOTFOUND metrics.invalid', 'ENOTFOUND') }),
  },
  {
    name: 'aborted',
    answer: () => ({ reject: new DOMException('This operation was aborted', 'AbortError') }),
  },
  {
    name: 'timed out',
    answer: () => ({
      reject: new DOMException('The operation was aborted due to timeout', 'TimeoutError'),
    }),
  },
  { name: 'rejected with a non-Error', answer: () => ({ reject: 'socket hang up' }) },
  {
    name: 'HTTP 500 with a JSON body',
    answer: () => ({
      status: 500,
      headers: { 'content-type': 'application/json' },
      body: '{"error":"internal error"}',
    }),
  },
  { name: 'HTTP 401 with a text body', answer: () => ({ status: 401, body: 'Unauthorized' }) },
  {
    name: 'HTTP 503 with an HTML body',
    answer: () => ({
      status: 503,
      headers: { 'content-type': 'text/html' },
      body: '<html><body>maintenance</body></html>',
    }),
  },
  { name: 'HTTP 502 with an empty body', answer: () => ({ status: 502 }) },
  {
    name: 'a 2xx body that is not JSON',
    answer: () => ({ body: '<html><body>not json</body></html>' }),
    bodyIsValue: true,
  },
  { name: 'an empty 2xx body', answer: () => ({ body: '' }), bodyIsValue: true },
  {
    name: 'a 2xx JSON body of the wrong shape',
    answer: () => ({ body: '{"unexpected":[1,2,3]}' }),
  },
  { name: 'a 2xx JSON null', answer: () => ({ body: 'null' }) },
  { name: 'a body that breaks off', answer: () => ({ body: aBrokenBody() }) },
];

/**
 * Header names whose values are credentials, as services name them (RFC 7235 and 6265, API keys,
 * vendor keys such as Azure's `Ocp-Apim-Subscription-Key`): a value under any of them is a secret.
 */
export const SENSITIVE_HEADER_NAMES = [
  'Authorization',
  'Proxy-Authorization',
  'Cookie',
  'X-Api-Key',
  'Api_Key',
  'X-Access-Key',
  'Ocp-Apim-Subscription-Key',
  'X-Functions-Key',
  'X-Auth-Token',
  'Private-Token',
  'X-Client-Secret',
  'X-Password',
  'X-Credentials',
  'X-Session',
  'X-Signature',
];

type JsonPath = ReadonlyArray<string | number>;

/** Every path in a config (objects and lists), each before what is inside it. */
function pathsIn(value: unknown, at: JsonPath = []): JsonPath[] {
  if (Array.isArray(value))
    return value.flatMap((v: unknown, i) => [[...at, i], ...pathsIn(v, [...at, i])]);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => [[...at, k], ...pathsIn(v, [...at, k])]);
}

function withValueAt(value: unknown, path: JsonPath, replacement: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return replacement;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >;
  copy[head] = withValueAt(copy[head], rest, replacement);
  return copy;
}

function valueAt(value: unknown, path: JsonPath): unknown {
  return path.reduce<unknown>((at, key) => (at as Record<string | number, unknown>)[key], value);
}

/** A value of another JSON type than `value`, for "wrong type" configs. */
function wrongTypeFor(value: unknown): unknown {
  if (typeof value === 'string') return { not: 'a string' };
  if (typeof value === 'number') return 'not-a-number';
  if (typeof value === 'boolean') return 'perhaps';
  if (Array.isArray(value)) return 'not-a-list';
  return 'not-an-object';
}

function assertWellFormed(outcome: ProviderOutcome, now: number): void {
  for (const [k, v] of Object.entries(outcome.metadata ?? {}))
    expect(typeof v, `metadata.${k} is a string`).toBe('string');
  if (outcome.kind === 'error') {
    expect(outcome.message, 'an error says what went wrong').toMatch(/\S/);
    expect(outcome.message, 'an error names no placeholder').not.toMatch(
      /\bundefined\b|\[object \w+\]/,
    );
  } else if (outcome.kind === 'value') expect(typeof outcome.value).toBe('string');
  else if (outcome.kind === 'pending') expect(outcome.resumeAt).toBeGreaterThan(now);
  else expect(['Successful', 'Failed', 'Inconclusive']).toContain(outcome.phase);
}

/** What a user can read of an outcome: message, value, result and metadata. */
function readableText(outcome: ProviderOutcome): string {
  const parts = [
    JSON.stringify(outcome),
    outcome.metadata ? Object.values(outcome.metadata).join('\n') : '',
  ];
  if ('message' in outcome && outcome.message !== undefined) parts.push(outcome.message);
  if ('value' in outcome && outcome.value !== undefined) parts.push(outcome.value);
  return parts.join('\n');
}

export function runMetricProviderConformance(fixture: MetricProviderFixture): void {
  const { provider } = fixture;
  const type = provider.type;
  const settings = fixture.settings ?? {};
  const credentials = [
    ...fixture.credentials,
    ...CREDENTIAL_SETTINGS.flatMap((name) => settings[name] ?? []),
  ];
  const metricOf = (config: unknown): Metric => ({
    name: 'conformance',
    provider: { [type]: config },
  });
  const valid: Endpoint = (request) => fixture.answer(request, 'ok');

  function contextOver(endpoint: Endpoint) {
    const fake = fakeFetch(endpoint);
    const ctx: ProviderContext = {
      now: NOW,
      fetch: fake.fetch,
      run: { name: 'conformance-run', namespace: 'shop', uid: 'conformance-uid' },
      secret: secretsFrom(fixture.secrets ?? {}),
      settings,
      attempt: 1,
      ...(fixture.kube ? { kube: fixture.kube(fake.fetch) } : {}),
    };
    return { ctx, calls: fake.calls };
  }

  /** The provider's answer; a throw (or a rejected promise) fails the test, naming what was thrown. */
  async function answerOf(call: () => Promise<ProviderOutcome>): Promise<ProviderOutcome> {
    let outcome: ProviderOutcome;
    try {
      outcome = await call();
    } catch (e) {
      throw new Error(
        `${type} threw instead of answering an outcome: ${e instanceof Error ? e.stack : String(e)}`,
      );
    }
    assertWellFormed(outcome, NOW);
    return outcome;
  }

  function resume(
    ctx: ProviderContext,
    metric: Metric,
    metadata: Record<string, string>,
  ): Promise<ProviderOutcome> {
    return provider.resume
      ? provider.resume(ctx, metric, metadata)
      : Promise.reject(new Error(`${type} cannot resume`));
  }

  /** Runs a measurement to its end: `run`, then `resume` while pending (async providers), the endpoint switched for the resumes. */
  async function measure(metric: Metric, endpoint: Endpoint, resumeEndpoint = endpoint) {
    const first = contextOver(endpoint);
    let outcome = await answerOf(() => provider.run(first.ctx, metric));
    const calls = [...first.calls];
    for (let i = 0; i < 3 && outcome.kind === 'pending' && provider.resume; i++) {
      const next = contextOver(resumeEndpoint);
      const metadata = outcome.metadata ?? {};
      outcome = await answerOf(() => resume(next.ctx, metric, metadata));
      calls.push(...next.calls);
    }
    return { outcome, calls };
  }

  function expectClean(outcome: ProviderOutcome): void {
    const text = readableText(outcome);
    for (const credential of credentials)
      expect(leaksIn(text, credential), `a credential leaked into ${text.slice(0, 300)}`).toEqual(
        [],
      );
  }

  const async = provider.resume !== undefined;
  const title = `${type} metric provider: conformance${fixture.variant === undefined ? '' : ` (${fixture.variant})`}`;

  describe(title, () => {
    it(`a valid metric gives ${async ? 'pending, then a decided phase' : 'a value'}, through the injected fetch, each request bounded in time`, async () => {
      const { outcome, calls } = await measure(metricOf(fixture.config), valid);
      expect(outcome.kind, JSON.stringify(outcome)).toBe(async ? 'decided' : 'value');
      if (outcome.kind === 'decided') expect(outcome.phase).toBe('Successful');
      expect(calls.length).toBeGreaterThan(0);
      for (const call of calls)
        expect(call.signal, `${call.method} ${call.url} carries an AbortSignal`).toBeInstanceOf(
          AbortSignal,
        );
    });

    it('an unknown field in the config is ignored, as the CRD decoder ignores it', async () => {
      const { outcome } = await measure(
        metricOf({ ...fixture.config, conformanceUnknownField: { nested: [1, 'two'] } }),
        valid,
      );
      expect(outcome.kind).toBe(async ? 'decided' : 'value');
    });

    describe.each(
      FAILURES.map((f) => ({
        ...f,
        asValue: f.bodyIsValue === true && fixture.rawBodyIsValue === true,
      })),
    )('$name', ({ answer, asValue }) => {
      it(
        asValue
          ? 'is the measured value itself (this provider reads raw bodies)'
          : 'is an error outcome, never a throw',
        async () => {
          const { outcome } = await measure(metricOf(fixture.config), answer);
          expect(outcome.kind, JSON.stringify(outcome)).toBe(asValue ? 'value' : 'error');
        },
      );

      it.runIf(async)(
        'while resuming, is an error outcome, never a throw (skipped for providers that answer at once)',
        async () => {
          const { outcome } = await measure(metricOf(fixture.config), valid, answer);
          expect(outcome.kind, JSON.stringify(outcome)).toBe('error');
        },
      );
    });

    it.runIf(async)(
      'resuming with metadata it did not write is an error outcome (skipped for providers that answer at once)',
      async () => {
        for (const metadata of [{}, { unrelated: 'x' }] as Array<Record<string, string>>) {
          const { ctx, calls } = contextOver(valid);
          const outcome = await answerOf(() => resume(ctx, metricOf(fixture.config), metadata));
          expect(outcome.kind, JSON.stringify(outcome)).toBe('error');
          expect(calls).toEqual([]);
        }
      },
    );

    it.skipIf(fixture.unboundedBodyReason !== undefined)(
      `a huge body is read no further than ${MAX_RESPONSE_BYTES} bytes and is an error${fixture.unboundedBodyReason ? ` (skipped: ${fixture.unboundedBodyReason})` : ''}`,
      async () => {
        const huge = aHugeBody(3 * MAX_RESPONSE_BYTES);
        const { outcome } = await measure(metricOf(fixture.config), () => ({ body: huge.body }));
        expect(outcome.kind).toBe('error');
        expect(huge.pulled()).toBeLessThanOrEqual(MAX_RESPONSE_BYTES + 256 * 1024);
      },
    );

    it.skipIf(fixture.unboundedBodyReason !== undefined)(
      'a huge body announced by Content-Length is refused without reading it',
      async () => {
        const huge = aHugeBody(3 * MAX_RESPONSE_BYTES);
        const { outcome } = await measure(metricOf(fixture.config), () => ({
          body: huge.body,
          headers: { 'content-length': String(3 * MAX_RESPONSE_BYTES) },
        }));
        expect(outcome.kind).toBe('error');
        expect(huge.pulled()).toBeLessThanOrEqual(256 * 1024);
      },
    );

    const malformed: Array<{ name: string; metric: Metric }> = [
      { name: 'an empty config', metric: metricOf({}) },
      { name: 'a config that is a string', metric: metricOf('prometheus') },
      { name: 'a config that is a list', metric: metricOf([fixture.config]) },
      { name: 'a null config', metric: metricOf(null) },
      {
        name: `a metric for another provider type (no ${type} block)`,
        metric: { name: 'conformance', provider: { conformanceUnknown: fixture.config } },
      },
      {
        name: 'a metric without a provider block',
        metric: { name: 'conformance' } as unknown as Metric,
      },
      ...pathsIn(fixture.config)
        .filter(
          (path) =>
            !(fixture.freeFormFields ?? []).some(
              (free) => path.join('.') === free || path.join('.').startsWith(`${free}.`),
            ),
        )
        .map((path) => ({
          name: `${path.join('.')} of the wrong type`,
          metric: metricOf(
            withValueAt(fixture.config, path, wrongTypeFor(valueAt(fixture.config, path))),
          ),
        })),
    ];
    it.each(malformed)('$name is an error outcome, before any request', async ({ metric }) => {
      const { outcome, calls } = await measure(metric, valid);
      expect(outcome.kind, JSON.stringify(outcome)).toBe('error');
      expect(calls).toEqual([]);
    });

    it.each(fixture.brokenConfigs.map((b) => ({ ...b, expected: String(b.problem) })))(
      'a broken config is an error naming the problem: $expected',
      async ({ config, problem }) => {
        const { outcome } = await measure(metricOf(config), valid);
        expect(outcome.kind).toBe('error');
        const message = outcome.kind === 'error' ? outcome.message : '';
        if (typeof problem === 'string') expect(message).toContain(problem);
        else expect(message).toMatch(problem);
      },
    );

    describe.skipIf(credentials.length === 0)(
      `credentials never appear in an outcome${credentials.length === 0 ? ' (skipped: this fixture takes no credentials)' : ''}`,
      () => {
        const echoing: Array<{ name: string; endpoint: Endpoint }> = [
          {
            name: 'an echo of the request inside a valid 2xx answer',
            endpoint: (request) => fixture.answer(request, echoOf(request)),
          },
          {
            name: 'a 2xx whose body is the echo',
            endpoint: (request) => ({ body: echoOf(request) }),
          },
          {
            name: 'a 500 whose body is the echo',
            endpoint: (request) => ({ status: 500, body: `cannot serve: ${echoOf(request)}` }),
          },
          {
            name: 'a network error quoting the request',
            endpoint: (request) => ({
              reject: networkError(`request failed: ${echoOf(request)}`, 'ECONNRESET'),
            }),
          },
        ];

        it('the credentials reach the endpoint (so the checks below can fail)', async () => {
          const { calls } = await measure(metricOf(fixture.config), valid);
          const sent = calls.map(echoOf).join('\n');
          expect(credentials.filter((c) => leaksIn(sent, c).length > 0).length).toBeGreaterThan(0);
        });

        it.each(echoing)('not with $name', async ({ endpoint }) => {
          const first = await measure(metricOf(fixture.config), endpoint);
          expectClean(first.outcome);
          if (async)
            expectClean((await measure(metricOf(fixture.config), valid, endpoint)).outcome);
        });

        it.runIf(Array.isArray(fixture.config.headers))(
          'nor a value under any sensitive header name (skipped for providers without `headers`)',
          async () => {
            // Values with no 6-character run in common, so a leak names its header.
            const sensitive = SENSITIVE_HEADER_NAMES.map((key, i) => ({
              key,
              value: `Zs${i}/${(i * 7919 + 104729).toString(36)}+&"${(i * 15485863 + 99991).toString(36)}"`,
            }));
            const config = {
              ...fixture.config,
              headers: [...(fixture.config.headers as unknown[]), ...sensitive],
            };
            for (const { endpoint } of echoing) {
              const { outcome, calls } = await measure(metricOf(config), endpoint);
              expect(
                calls.at(-1)?.headers['ocp-apim-subscription-key'],
                'the headers were sent',
              ).toBeDefined();
              const text = readableText(outcome);
              for (const { key, value } of sensitive)
                expect(leaksIn(text, value), `${key} leaked into ${text.slice(0, 300)}`).toEqual(
                  [],
                );
            }
          },
        );

        it('what the echoing server says does reach the outcome (the echo checks see something)', async () => {
          const outcomes = await Promise.all(
            echoing.map(({ endpoint }) => measure(metricOf(fixture.config), endpoint)),
          );
          expect(outcomes.some(({ outcome }) => readableText(outcome).includes(ECHO_MARKER))).toBe(
            true,
          );
        });
      },
    );
  });
}
