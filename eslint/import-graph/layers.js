import path from 'node:path';
import { importVisitors, settingsOf } from './imports.js';
import { inRoots } from './no-cycle.js';
import { projectGraph, resolveSpecifier } from './project-graph.js';

/**
 * Each file belongs to one room (a folder or file listed in a layer, longest match wins). A room
 * may import from itself and from rooms of lower layers; never upward, and never sideways into
 * another room of its own layer. A file in no room is reported, so a new folder gets a place.
 *
 * @type {import('eslint').Rule.RuleModule}
 */
export const layers = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports go down the layers listed in settings.importGraph.layers' },
    schema: [],
    messages: {
      upward: '{{from}} ({{fromLayer}}) imports {{to}} ({{toLayer}}), a higher layer.',
      sideways:
        '{{from}} ({{fromLayer}}) imports {{to}}, another room of the same layer. Move the shared piece down.',
      unplaced:
        '{{file}} is in no layer. Give its folder a place in settings.importGraph.layers (eslint/layers.js).',
    },
  },
  create(context) {
    const { roots, layers: order } = settingsOf(context);
    const file = path.resolve(context.cwd, context.filename);
    if (!inRoots(context.cwd, roots, file)) return {};
    const rel = (/** @type {string} */ f) =>
      path.relative(context.cwd, f).split(path.sep).join('/');
    const rooms = order.flatMap((layer, rank) =>
      layer.rooms.map((room) => ({ room, rank, layer })),
    );
    const roomOf = (/** @type {string} */ f) => {
      const r = rel(f);
      return rooms
        .filter(({ room }) => r === room || r.startsWith(`${room}/`))
        .sort((a, b) => b.room.length - a.room.length)[0];
    };
    const here = roomOf(file);
    const graph = projectGraph(context.cwd, roots);
    const exists = (/** @type {string} */ f) => graph.has(f) || f === file;
    return {
      Program(node) {
        if (!here) context.report({ node, messageId: 'unplaced', data: { file: rel(file) } });
      },
      ...importVisitors(({ node, specifier }) => {
        const target = resolveSpecifier(file, specifier, exists);
        const there = target && roomOf(target);
        if (!here || !target || !there || there.room === here.room || there.rank < here.rank)
          return;
        context.report({
          node,
          messageId: there.rank > here.rank ? 'upward' : 'sideways',
          data: {
            from: rel(file),
            fromLayer: here.layer.name,
            to: rel(target),
            toLayer: there.layer.name,
          },
        });
      }),
    };
  },
};
