#!/usr/bin/env node
// `npm run build`: the Node entry points (controller, relay, CLI) and every source they import, as
// plain JavaScript with source maps, into dist/. Run: node --enable-source-maps dist/functions/node.js
//
//   node scripts/build.mjs [--outdir dist] [--standalone]
//
// --standalone makes an outdir outside the checkout runnable (tests, bench): it links this
// checkout's node_modules into it and marks it as ES modules.
// Each file of functions/ stays a file of its own (dist/functions/<name>.js), so the
// `import.meta.url === file://argv[1]` main guards keep working: node.js imports relay.js without
// starting a relay. What they import, from src/ and from packages, is bundled into shared chunks
// (dist/chunks/), one copy of each module: loading ~400 sources one by one took about twice as
// long and ~6 MB more, and bundling the packages too saves another ~30% of CPU at start and ~5 MB
// (bench/controller-footprint.ts). undici stays a package import: only a kubeconfig with a
// proxy-url loads it.
/* global process, performance, console */
import { build } from 'esbuild';
import { rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

export const ENTRY_POINTS = ['functions/node.ts', 'functions/relay.ts', 'functions/cli.ts'];
const root = resolve(import.meta.dirname, '..');
const functionsDir = resolve(root, 'functions');

/** An import from one functions/ file of another stays an import: each keeps its own import.meta.url. */
const functionsApart = {
  name: 'functions-apart',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.kind === 'entry-point' || dirname(args.importer) !== functionsDir) return undefined;
      return dirname(resolve(args.resolveDir, args.path)) === functionsDir
        ? { path: args.path, external: true }
        : undefined;
    });
  },
};

const common = {
  absWorkingDir: root,
  bundle: true,
  external: ['undici'],
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // CommonJS packages (yaml) bundled into ES modules still call require() for Node's built-ins.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
};

/** Builds into `outdir` (emptied first); returns the functions/ files it wrote and the sources it read. */
export async function buildNode(outdir, { standalone = false } = {}) {
  // Which functions/ files the entry points reach (node.ts imports relay.ts, node-kube.ts, …).
  const probe = await build({
    ...common,
    entryPoints: ENTRY_POINTS,
    write: false,
    metafile: true,
    outdir: 'probe',
    logLevel: 'silent',
  });
  const sources = Object.keys(probe.metafile.inputs);
  const entries = sources.filter((p) => p.startsWith('functions/'));
  rmSync(resolve(root, outdir), { recursive: true, force: true });
  await build({
    ...common,
    entryPoints: entries,
    outbase: '.',
    outdir,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    plugins: [functionsApart],
    sourcemap: true,
    sourcesContent: false,
    logLevel: 'warning',
  });
  if (standalone) {
    symlinkSync(join(root, 'node_modules'), resolve(root, outdir, 'node_modules'), 'dir');
    writeFileSync(resolve(root, outdir, 'package.json'), '{ "type": "module" }\n');
  }
  return { entries, sources };
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  const { values } = parseArgs({
    options: {
      outdir: { type: 'string', default: 'dist' },
      standalone: { type: 'boolean', default: false },
    },
  });
  const started = performance.now();
  const { entries, sources } = await buildNode(values.outdir, { standalone: values.standalone });
  console.log(
    `built ${entries.length} entry files from ${sources.length} sources into ${values.outdir}/ in ${Math.round(performance.now() - started)} ms`,
  );
}
