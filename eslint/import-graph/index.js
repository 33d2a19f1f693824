// A small local plugin over the repo's import graph: `layers` (imports only go down) and
// `no-cycle` (no file reaches itself through its imports). Both read `settings.importGraph`.
import { layers } from './layers.js';
import { noCycle } from './no-cycle.js';

export const importGraph = {
  meta: { name: 'import-graph' },
  rules: { layers, 'no-cycle': noCycle },
};

/**
 * The config block that turns both rules on for the given roots and layer order; used by
 * eslint.config.js and by test/lint/layers.test.ts, so the test runs the real order.
 *
 * @param {{ roots: string[], layers: Array<{ name: string, rooms: string[] }> }} settings
 */
export function importGraphConfig(settings) {
  return {
    files: settings.roots.flatMap((r) => [`${r}/**/*.ts`, `${r}/**/*.mts`]),
    plugins: { 'import-graph': importGraph },
    settings: { importGraph: settings },
    rules: { 'import-graph/layers': 'error', 'import-graph/no-cycle': 'error' },
  };
}
