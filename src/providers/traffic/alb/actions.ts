/**
 * The AWS Load Balancer Controller's annotation JSON (spec §4.2, ALB): a forward action over
 * weighted target groups, and http-header conditions. Field names and order are the controller's
 * wire format, as upstream writes it, so a diff of the annotation shows only the weights.
 */
import { parseJsonOrUndefined } from '../../../domain/json.js';
import { arrayAt, isRecord, numberAt, recordAt, stringAt } from '../shared/json-view.js';
import type { Split } from '../shared/weights.js';
import type { HeaderMatch, RouteContext } from '../types.js';
import type { AlbConfig } from './config.js';

interface TargetGroup {
  ServiceName: string;
  ServicePort: string;
  Weight: number;
}

function forward(groups: TargetGroup[], stickiness: AlbConfig['stickiness']): string {
  const ForwardConfig: Record<string, unknown> = { TargetGroups: groups };
  if (stickiness !== undefined)
    ForwardConfig.TargetGroupStickinessConfig = {
      Enabled: true,
      DurationSeconds: stickiness.durationSeconds,
    };
  return JSON.stringify({ Type: 'forward', ForwardConfig });
}

/** canary, then each additional destination, then stable (upstream's order). */
export function buildWeightedAction(ctx: RouteContext, config: AlbConfig, split: Split): string {
  const port = String(config.servicePort);
  return forward(
    [
      { ServiceName: ctx.canaryService, ServicePort: port, Weight: split.canary },
      ...split.additional.map((a) => ({
        ServiceName: a.serviceName,
        ServicePort: port,
        Weight: a.weight,
      })),
      { ServiceName: ctx.stableService, ServicePort: port, Weight: split.stable },
    ],
    config.stickiness,
  );
}

/** A header route sends all of its matches to the canary. */
export function buildCanaryAction(ctx: RouteContext, config: AlbConfig): string {
  return forward(
    [{ ServiceName: ctx.canaryService, ServicePort: String(config.servicePort), Weight: 100 }],
    undefined,
  );
}

/** One http-header condition per match (the controller ANDs conditions); exact values only. */
export function buildHeaderConditions(match: readonly HeaderMatch[]): string | { error: string } {
  const conditions = [];
  for (const m of match) {
    const exact = m.headerValue.exact;
    if (exact === undefined || exact === '')
      return { error: `header '${m.headerName}': ALB matches headers by exact value only` };
    conditions.push({
      field: 'http-header',
      httpHeaderConfig: { httpHeaderName: m.headerName, values: [exact] },
    });
  }
  return JSON.stringify(conditions);
}

/** The weights a forward action annotation carries, or undefined when it is not one. */
export function parseWeightedAction(
  text: string | undefined,
  ctx: RouteContext,
):
  | { canary: number; stable: number; additional: Array<{ serviceName: string; weight: number }> }
  | undefined {
  if (text === undefined) return undefined;
  const action = parseJsonOrUndefined(text);
  if (!isRecord(action)) return undefined;
  const groups = arrayAt(recordAt(action, 'ForwardConfig'), 'TargetGroups');
  if (groups.length === 0) return undefined;
  const out = {
    canary: 0,
    stable: 0,
    additional: [] as Array<{ serviceName: string; weight: number }>,
  };
  for (const g of groups) {
    const name = stringAt(g, 'ServiceName') ?? '';
    const weight = numberAt(g, 'Weight') ?? 0;
    if (name === ctx.canaryService) out.canary += weight;
    else if (name === ctx.stableService) out.stable += weight;
    else out.additional.push({ serviceName: name, weight });
  }
  return out;
}
