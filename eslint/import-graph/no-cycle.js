import path from 'node:path';
import { cyclicComponents, shortestPath } from './components.js';
import { importVisitors, settingsOf } from './imports.js';
import { projectGraph, resolveSpecifier } from './project-graph.js';

/** @type {WeakMap<Map<string, string[]>, Map<string, number>>} */
const componentsOnDisk = new WeakMap();

/** @type {import('eslint').Rule.RuleModule} */
export const noCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid imports that close a cycle between files of the import roots' },
    schema: [],
    messages: { cycle: 'Import cycle: {{path}}. Move the shared piece down a layer.' },
  },
  create(context) {
    const { roots } = settingsOf(context);
    const file = path.resolve(context.cwd, context.filename);
    if (!inRoots(context.cwd, roots, file)) return {};
    /** @type {Array<{ node: import('estree').Node, target: string }>} */
    const edges = [];
    const graph = projectGraph(context.cwd, roots);
    const exists = (/** @type {string} */ f) => graph.has(f) || f === file;
    return {
      ...importVisitors(({ node, specifier }) => {
        const target = resolveSpecifier(file, specifier, exists);
        if (target) edges.push({ node, target });
      }),
      'Program:exit'() {
        const mine = [...new Set(edges.map((e) => e.target))];
        const { overlay, components } = withOverlay(graph, file, mine);
        const id = components.get(file);
        if (id === undefined) return;
        const rel = (/** @type {string} */ f) => path.relative(context.cwd, f);
        for (const { node, target } of edges) {
          if (components.get(target) !== id) continue;
          const loop = [file, ...shortestPath(overlay, target, file)];
          context.report({ node, messageId: 'cycle', data: { path: loop.map(rel).join(' → ') } });
        }
      },
    };
  },
};

/**
 * The graph as the linted text has it: the disk snapshot with this file's imports replaced. When
 * they match the disk (a CLI run), the snapshot's components are reused.
 *
 * @param {Map<string, string[]>} graph
 * @param {string} file
 * @param {string[]} imports
 */
function withOverlay(graph, file, imports) {
  const onDisk = graph.get(file);
  if (onDisk && sameSet(onDisk, imports)) {
    let components = componentsOnDisk.get(graph);
    if (!components) {
      components = cyclicComponents(graph);
      componentsOnDisk.set(graph, components);
    }
    return { overlay: graph, components };
  }
  const overlay = new Map(graph);
  overlay.set(file, imports);
  return { overlay, components: cyclicComponents(overlay) };
}

/** @param {string[]} a @param {string[]} b */
function sameSet(a, b) {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** @param {string} cwd @param {string[]} roots @param {string} file */
export function inRoots(cwd, roots, file) {
  const rel = path.relative(cwd, file).split(path.sep).join('/');
  return roots.some((r) => rel === r || rel.startsWith(`${r}/`));
}
