/** Said when CONTROLLER=off: the reconciling is another runtime's (also in the fleet's banner). */
export const CONTROLLER_OFF =
  'controller: off (CONTROLLER=off) — run the Worker with `npx wrangler dev` and the relay (see README)';
/** The banner's last line: what the tests and a user wait for. */
export const STOP_HINT = 'Ctrl-C stops everything.';

/** What `npm start` prints once everything runs: where things are and what to try next. */
export function printDevBanner(
  out: (line: string) => void,
  at: { controllerPort?: number; gitops: boolean; local: boolean; devgithubUrl?: string },
): void {
  const port = at.controllerPort;
  if (port !== undefined) {
    out(
      `controller: http://127.0.0.1:${port} (/healthz, /readyz, /metrics, /api/v1${at.gitops ? ', /hooks/github' : ''})`,
    );
    out(`  dashboard: http://127.0.0.1:${port}/ (sign in with the token in .rollouts/api-token)`);
    out(
      `  API token in .rollouts/api-token: curl -H "Authorization: Bearer $(cat .rollouts/api-token)" 127.0.0.1:${port}/api/v1/rollouts/_all/info`,
    );
  } else out(CONTROLLER_OFF);
  out('');
  if (at.local) {
    out('Next, in another terminal:');
    out(
      '  export KUBECONFIG=$PWD/.rollouts/kubeconfig   # or pass --kubeconfig .rollouts/kubeconfig',
    );
    out('  kubectl apply -f test/fixtures/manifests/rollout-canary.yaml');
    out('  kubectl get rollouts,services');
    out('  kubectl create deployment web --image=nginx:1.25 --replicas=3 && kubectl get pods -w');
  }
  if (at.devgithubUrl) {
    const gh = `npx tsx functions/devgithub.ts`;
    const url = at.devgithubUrl === 'http://127.0.0.1:9000' ? '' : ` --url ${at.devgithubUrl}`;
    out('GitOps demo:');
    out(`  ${gh} push examples/gitops --to deploy${url}      # applies the Rollout`);
    out(`  ${gh} statuses main${url}                        # deployments and commit statuses`);
  }
  out(STOP_HINT);
}
