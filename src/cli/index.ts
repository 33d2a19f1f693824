export type { CliDeps, CliIo, CliKube, ConnectOptions } from './cli-deps.js';
export { EXIT } from './cli-errors.js';
export { runCli } from './run-cli.js';
