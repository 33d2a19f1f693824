// The layers of src/ and functions/, lowest first (README "## Architecture"). A room imports its
// own files and lower layers only: pure decisions sit low, I/O adapters above them, composition
// on top. Rooms of one layer do not import each other.
export const LAYERS = [
  // Vocabulary: resource types, label/annotation keys, time, Go durations, phase predicates.
  { name: 'domain', rooms: ['src/domain', 'src/version.ts'] },
  // Traffic routers' planners: pure, called by the core for weights and routes.
  { name: 'traffic planners', rooms: ['src/providers/traffic'] },
  // Pure decisions: planRollout(observed, now) → Plan, Experiments, AnalysisRuns, gitops plans.
  { name: 'core', rooms: ['src/core'] },
  // I/O clients: the Kubernetes REST client, GitHub.
  { name: 'adapters', rooms: ['src/adapters'] },
  // I/O to metric backends (the job provider runs Jobs through the Kubernetes client), and the
  // notification services (the github service posts through the GitHub client).
  { name: 'providers', rooms: ['src/providers/metrics', 'src/providers/notifications'] },
  // Use cases: load → decide → claim → act → commit, the scheduler, dispatch.
  { name: 'controller', rooms: ['src/controller'] },
  // Ways in (the hono app, Request → Response; the CLI) and the emulated outside systems the dev
  // stack and tests talk to (an embedded Kubernetes API, a GitHub emulator).
  { name: 'edges', rooms: ['src/http', 'src/cli', 'src/devcluster', 'src/devgithub'] },
  // The watch relay: watches the cluster and posts signed batches to the kube hook.
  { name: 'relay', rooms: ['src/relay'] },
  // Hosts of the rest: Workers Durable Objects, the Node server (which starts the relay).
  { name: 'runtime', rooms: ['src/runtime'] },
  // Entry points and composition.
  { name: 'functions', rooms: ['functions'] },
];

export const ROOTS = ['src', 'functions'];
