#!/usr/bin/env node
// The `rollouts` and `kubectl-rollouts` executables (package.json "bin"). Runs the built CLI
// (dist/functions/cli.js from `npm run build`) when there is one, else loads tsx from this package,
// wherever the command is run from, and runs functions/cli.ts, so `npm link` works from a checkout.
// A dist/ older than the sources is still preferred: rebuild, or delete dist/, after editing.
/* global process, URL */
import { existsSync } from 'node:fs';

const built = new URL('../dist/functions/cli.js', import.meta.url);
let cli;
if (existsSync(built)) {
  process.setSourceMapsEnabled(true);
  cli = await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import('./cli.ts');
}
await cli.main();
