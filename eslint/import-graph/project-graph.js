// The import graph of the files under the configured roots, read once per ESLint process: a CLI run
// lints every file against the same snapshot, and the file being linted always overlays its own
// imports from the AST (so an editor sees its unsaved edits; other files' edits need a restart).
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const SOURCE = /\.(ts|mts|cts|js|mjs)$/;
/** @type {Map<string, Graph>} */
const snapshots = new Map();

/**
 * @typedef {Map<string, string[]>} Graph  absolute file → absolute files it imports (roots only)
 */

/**
 * @param {string} cwd
 * @param {string[]} roots folders relative to cwd
 * @returns {Graph}
 */
export function projectGraph(cwd, roots) {
  const key = `${cwd}\0${roots.join('\0')}`;
  let graph = snapshots.get(key);
  if (!graph) {
    graph = readGraph(cwd, roots);
    snapshots.set(key, graph);
  }
  return graph;
}

/** @param {string} cwd @param {string[]} roots @returns {Graph} */
function readGraph(cwd, roots) {
  /** @type {string[]} */
  const files = [];
  for (const root of roots) listSources(path.resolve(cwd, root), files);
  const known = new Set(files);
  /** @type {Graph} */
  const graph = new Map();
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const specifiers = ts.preProcessFile(text, true, true).importedFiles.map((i) => i.fileName);
    graph.set(
      file,
      resolveAll(file, specifiers, (f) => known.has(f)),
    );
  }
  return graph;
}

/** @param {string} dir @param {string[]} out */
function listSources(dir, out) {
  /** @type {fs.Dirent[]} */
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // a root that does not exist (yet) has no imports
  }
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules') listSources(full, out);
    } else if (SOURCE.test(e.name) && !e.name.endsWith('.d.ts')) {
      out.push(full);
    }
  }
}

/**
 * Relative specifiers resolved as `moduleResolution: Bundler` does for this repo's sources:
 * `./x.js` is `./x.ts`, a folder is its `index.ts`. Package imports are not part of the graph.
 *
 * @param {string} from absolute importing file
 * @param {string[]} specifiers
 * @param {(file: string) => boolean} exists
 * @returns {string[]}
 */
export function resolveAll(from, specifiers, exists) {
  /** @type {Set<string>} */
  const out = new Set();
  for (const s of specifiers) {
    const target = resolveSpecifier(from, s, exists);
    if (target) out.add(target);
  }
  return [...out];
}

/**
 * @param {string} from
 * @param {string} specifier
 * @param {(file: string) => boolean} exists
 * @returns {string | undefined}
 */
export function resolveSpecifier(from, specifier, exists) {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), specifier);
  const candidates = [
    base.replace(/\.js$/, '.ts'),
    base.replace(/\.mjs$/, '.mts'),
    base,
    `${base}.ts`,
    path.join(base, 'index.ts'),
  ];
  return candidates.find(exists);
}
