import { validateStepAnalysisArgs } from './analysis-args.js';
import { invalid, required, type FieldError } from './field-error.js';
import { MSG } from './messages.js';
import { parseDurationSeconds } from '../../../domain/go-duration.js';
import {
  validateRouteInManagedRoutes,
  validateSetHeaderRoute,
  validateSetMirrorRoute,
} from './step-routes.js';
import type { Routers } from './traffic-routing.js';
import { asArray, asNumber, asString, field, isSet } from './view.js';

export interface StepContext {
  routers: Routers;
  maxTrafficWeight: number;
  managedRoutes: unknown;
  /** `spec.strategy` — upstream's paths for canary checks start there. */
  path: string;
}

const flag = (b: boolean): string => String(b);

/** Every check upstream runs on one canary step, in upstream's order. */
export function validateCanaryStep(step: unknown, index: number, ctx: StepContext): FieldError[] {
  const stepPath = `${ctx.path}.steps[${index}]`;
  const has = (k: string): boolean => isSet(field(step, k));
  const errs: FieldError[] = [];

  // At most one of setWeight / pause / experiment / analysis …
  if (
    [has('setWeight'), has('pause'), has('experiment'), has('analysis')].filter(Boolean).length > 1
  ) {
    const shown = `step.Experiment: ${flag(has('experiment'))} step.Pause: ${flag(has('pause'))} step.SetWeight: ${flag(has('setWeight'))} step.Analysis: ${flag(has('analysis'))}`;
    errs.push(invalid(stepPath, shown, MSG.step));
  }
  // … and at least one step kind. (The shown value prints "is nil" for each kind, hence all true.)
  const kinds = [
    'experiment',
    'pause',
    'setWeight',
    'analysis',
    'setCanaryScale',
    'setHeaderRoute',
    'setMirrorRoute',
    'plugin',
  ];
  if (!kinds.some(has)) {
    const shown =
      'step.Experiment: true step.Pause: true step.SetWeight: true step.Analysis: true step.SetCanaryScale: true step.SetHeaderRoute: true step.SetMirrorRoutes: true step.Plugin: true';
    errs.push(invalid(stepPath, shown, MSG.step));
  }

  const weight = asNumber(field(step, 'setWeight'));
  if (weight !== undefined && (weight < 0 || weight > ctx.maxTrafficWeight)) {
    errs.push(invalid(`${stepPath}.setWeight`, weight, MSG.setWeight(ctx.maxTrafficWeight)));
  }

  if (has('pause')) {
    const duration = field(field(step, 'pause'), 'duration');
    // An absent duration is 0 (pause until promoted). Upstream reads an unparseable one as -1 and
    // shows that -1; showing what was written says which value is wrong.
    const seconds = isSet(duration) ? parseDurationSeconds(duration as number | string) : 0;
    if (seconds === undefined)
      errs.push(invalid(`${stepPath}.pause.duration`, duration, MSG.duration));
    else if (seconds < 0) errs.push(invalid(`${stepPath}.pause.duration`, seconds, MSG.duration));
  }

  if (has('setCanaryScale') && !ctx.routers.set)
    errs.push(required(`${ctx.path}.trafficRouting`, MSG.setCanaryScaleTrafficPolicy));
  if (has('setHeaderRoute'))
    errs.push(...validateSetHeaderRoute(field(step, 'setHeaderRoute'), ctx.routers, stepPath));
  if (has('setMirrorRoute'))
    errs.push(...validateSetMirrorRoute(field(step, 'setMirrorRoute'), ctx.routers, stepPath));

  if (ctx.routers.set && (has('setHeaderRoute') || has('setMirrorRoute'))) {
    if (!isSet(ctx.managedRoutes)) {
      errs.push(
        required(
          `${ctx.path}.trafficRouting.managedRoutes`,
          MSG.missingField('spec.strategy.canary.trafficRouting.managedRoutes'),
        ),
      );
    } else {
      for (const kind of ['setHeaderRoute', 'setMirrorRoute']) {
        if (!has(kind)) continue;
        const name = asString(field(field(step, kind), 'name'));
        errs.push(...validateRouteInManagedRoutes(name, ctx.managedRoutes, `${stepPath}.${kind}`));
      }
    }
  }

  asArray(field(field(step, 'experiment'), 'templates')).forEach((template, k) => {
    const w = field(template, 'weight');
    if (!isSet(w)) return;
    const path = `${stepPath}.experiment.templates[${k}].weight`;
    const r = ctx.routers;
    if (!r.set) errs.push(invalid(path, w, MSG.experimentWeightWithoutTrafficRouting));
    else if (!r.alb && !r.smi && !r.istio && !r.plugins)
      errs.push(invalid(path, w, MSG.experimentWeightRouter));
  });

  errs.push(...validateStepAnalysisArgs(step, stepPath));
  return errs;
}
