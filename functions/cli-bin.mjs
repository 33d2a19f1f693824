#!/usr/bin/env node
// The `rollouts` and `kubectl-rollouts` executables (package.json "bin"): loads tsx from this
// package, wherever the command is run from, then runs functions/cli.ts.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./cli.ts');
await main();
