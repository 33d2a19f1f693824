import type { KubeClient } from '../adapters/kube/index.js';

/** Where the CLI writes; `isTTY` is stdout's (colour and in-place redraw only on a terminal). */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  isTTY: boolean;
}

/** The kubeconfig flags (spec §5 global flags). */
export interface ConnectOptions {
  kubeconfig?: string;
  context?: string;
}

/** A connection to the cluster the kubeconfig names. */
export interface CliKube {
  kube: KubeClient;
  /** The API server URL, for "unreachable" messages. */
  server: string;
  /** The current context's namespace, if it names one. */
  namespace?: string;
}

/**
 * Everything the CLI touches outside itself, injected so commands run in tests against a
 * devcluster: output, environment, the cluster, time, sleeping and files.
 */
export interface CliDeps {
  io: CliIo;
  env: Readonly<Record<string, string | undefined>>;
  /** Loads the kubeconfig; throws an Error whose message says what is wrong with it. */
  connect(opts: ConnectOptions): CliKube;
  /** The kubeconfig's context names (`freeze --fleet` reaches each); throws as `connect` does. */
  contexts(opts: Pick<ConnectOptions, 'kubeconfig'>): string[];
  now(): number;
  /** Waits between polls of `--watch`; resolves early (or not at all) once `signal` aborts. */
  sleep(ms: number): Promise<void>;
  readFile(path: string): Promise<string>;
  /** Aborted on Ctrl-C: watches stop and the command returns. */
  signal?: AbortSignal;
  /** Who is running the CLI, recorded in the operation events (e.g. `cli:alice`). */
  actor: string;
}
