import { displayUrl, sendHttp, type HttpRequest } from '../shared/http.js';
import { errorOutcome, fail, guardMeasurement, SecretList, type Step } from '../shared/outcome.js';
import type { MetricProvider, ProviderContext } from '../types.js';
import { parseKayentaConfig } from './config.js';
import { buildConfigListRequest, buildExecutionRequest, buildStatusRequest } from './request.js';
import {
  assessScore,
  findCanaryConfigId,
  readExecutionId,
  readExecutionState,
  readKayentaJson,
} from './response.js';

/** How long to wait before looking at a running canary execution again (upstream: 15 s). */
export const RESUME_DELAY_MS = 15_000;
/** Upstream's HTTP client timeout. */
export const TIMEOUT_MS = 15_000;
export const EXECUTION_ID = 'canaryExecutionId';

async function exchange(
  ctx: ProviderContext,
  request: HttpRequest,
  what: string,
): Promise<Step<unknown>> {
  const reply = await sendHttp(ctx, request, `${what} ${displayUrl(request.url)}`, TIMEOUT_MS);
  if (!reply.ok) return reply;
  return readKayentaJson(reply.value.status, reply.value.body, what);
}

/**
 * `provider.kayenta` (spec §2.7), asynchronous: `run` looks up the canary config by name and
 * starts an execution (pending, with its id in metadata); `resume` polls the execution until it
 * is complete and decides the phase from the judge's score and the thresholds.
 */
export const kayenta: MetricProvider = {
  type: 'kayenta',
  run(ctx, metric) {
    return guardMeasurement('kayenta', new SecretList(), async () => {
      const config = parseKayentaConfig(metric);
      if (!config.ok) return errorOutcome(config.message);
      const listing = await exchange(
        ctx,
        buildConfigListRequest(config.value),
        'Kayenta canaryConfig',
      );
      if (!listing.ok) return errorOutcome(listing.message);
      const configId = findCanaryConfigId(
        listing.value,
        config.value.canaryConfigName,
        config.value.application,
      );
      if (!configId.ok) return errorOutcome(configId.message);
      const started = await exchange(
        ctx,
        buildExecutionRequest(config.value, configId.value),
        'Kayenta canary',
      );
      const executionId = started.ok ? readExecutionId(started.value) : started;
      if (!executionId.ok) return errorOutcome(executionId.message);
      return {
        kind: 'pending',
        resumeAt: ctx.now + RESUME_DELAY_MS,
        metadata: { [EXECUTION_ID]: executionId.value },
      };
    });
  },

  resume(ctx, metric, metadata) {
    return guardMeasurement('kayenta', new SecretList(), async () => {
      const config = parseKayentaConfig(metric);
      if (!config.ok) return errorOutcome(config.message);
      const executionId = metadata[EXECUTION_ID];
      if (!executionId) return errorOutcome(`measurement metadata has no ${EXECUTION_ID}`);
      const keep = { [EXECUTION_ID]: executionId };
      const status = await exchange(
        ctx,
        buildStatusRequest(config.value, executionId),
        'Kayenta canary execution',
      );
      const state = status.ok
        ? readExecutionState(status.value, executionId)
        : fail(status.message);
      if (!state.ok) return { ...errorOutcome(state.message), metadata: keep };
      if (!state.value.complete)
        return { kind: 'pending', resumeAt: ctx.now + RESUME_DELAY_MS, metadata: keep };
      const { score } = state.value;
      return {
        kind: 'decided',
        phase: assessScore(score, config.value.threshold),
        value: String(Math.trunc(score)),
        metadata: keep,
      };
    });
  },
};
