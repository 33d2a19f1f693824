import type { HttpRequest } from '../shared/http.js';
import type { KayentaConfig } from './config.js';

const JSON_HEADERS = { Accept: 'application/json' };

/** `GET /canaryConfig?application=…&configurationAccountName=…`: the stored canary configs. */
export function buildConfigListRequest(config: KayentaConfig): HttpRequest {
  const params = new URLSearchParams({
    application: config.application,
    configurationAccountName: config.configurationAccountName,
  });
  return {
    url: `${config.address}/canaryConfig?${params.toString()}`,
    method: 'GET',
    headers: new Headers(JSON_HEADERS),
  };
}

/** `POST /canary/<configId>?…`: starts a canary judgement over the scopes with the thresholds. */
export function buildExecutionRequest(config: KayentaConfig, configId: string): HttpRequest {
  const params = new URLSearchParams({
    application: config.application,
    metricsAccountName: config.metricsAccountName,
    configurationAccountName: config.configurationAccountName,
    storageAccountName: config.storageAccountName,
  });
  const scopes = Object.fromEntries(
    config.scopes.map((s) => [
      s.name,
      { controlScope: s.controlScope, experimentScope: s.experimentScope },
    ]),
  );
  return {
    url: `${config.address}/canary/${encodeURIComponent(configId)}?${params.toString()}`,
    method: 'POST',
    headers: new Headers({ ...JSON_HEADERS, 'Content-Type': 'application/json' }),
    body: JSON.stringify({
      scopes,
      thresholds: { pass: config.threshold.pass, marginal: config.threshold.marginal },
    }),
  };
}

/** `GET /canary/<executionId>`: the execution's status and, once complete, its judgement. */
export function buildStatusRequest(config: KayentaConfig, executionId: string): HttpRequest {
  return {
    url: `${config.address}/canary/${encodeURIComponent(executionId)}`,
    method: 'GET',
    headers: new Headers(JSON_HEADERS),
  };
}
