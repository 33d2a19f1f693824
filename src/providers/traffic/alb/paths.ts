/**
 * Header routes need an Ingress path per route (spec §4.2, ALB): a copy of each path that sends
 * to the action service, with backend `<route>` port `use-annotation`, placed just before it in
 * `managedRoutes` order (the controller evaluates paths in order). Other paths are left alone.
 */
import { arrayAt, cloneJson, jsonEqual, recordAt, stringAt } from '../shared/json-view.js';
import { pointer, type PatchBuilder } from '../shared/json-patch.js';

export const USE_ANNOTATION = 'use-annotation';

function backendService(path: unknown): { name?: string; port?: string } {
  const service = recordAt(recordAt(path, 'backend'), 'service');
  return { name: stringAt(service, 'name'), port: stringAt(recordAt(service, 'port'), 'name') };
}

export function hasActionPath(rules: readonly unknown[], actionService: string): boolean {
  return rules.some((r) =>
    arrayAt(recordAt(r, 'http'), 'paths').some((p) => backendService(p).name === actionService),
  );
}

function managedPath(path: unknown, route: string): Record<string, unknown> {
  const copy = cloneJson(path) as Record<string, unknown>;
  copy.backend = { service: { name: route, port: { name: USE_ANNOTATION } } };
  return copy;
}

export function planManagedPaths(
  rules: readonly unknown[],
  actionService: string,
  managedNames: ReadonlySet<string>,
  wanted: readonly string[],
  patch: PatchBuilder,
): void {
  const isManaged = (p: unknown): boolean => {
    const s = backendService(p);
    return s.name !== undefined && managedNames.has(s.name) && s.port === USE_ANNOTATION;
  };
  rules.forEach((rule, i) => {
    const paths = arrayAt(recordAt(rule, 'http'), 'paths');
    const final: unknown[] = [];
    for (const p of paths.filter((x) => !isManaged(x))) {
      if (backendService(p).name === actionService)
        for (const name of wanted) final.push(managedPath(p, name));
      final.push(p);
    }
    if (jsonEqual(final, paths)) return;
    const at = (j: number | string): string => pointer('spec', 'rules', i, 'http', 'paths', j);
    const removals = paths.flatMap((p, j) => (isManaged(p) ? [j] : [])).reverse();
    for (const j of removals) {
      patch.test(`${at(j)}/backend/service/name`, backendService(paths[j]).name);
      patch.remove(at(j));
    }
    final.forEach((p, k) => {
      if (isManaged(p)) patch.add(at(k), p);
    });
  });
}
