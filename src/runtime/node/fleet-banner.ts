import { CONTROLLER_OFF, STOP_HINT } from './dev-banner.js';

/** One running member of the local fleet, as the banner lists it. */
export interface FleetMemberAt {
  name: string;
  kubeUrl: string;
  controllerPort?: number;
}

/** What `FLEET=<n> npm start` prints once everything runs: which cluster is where, what to try. */
export function printFleetBanner(
  out: (line: string) => void,
  members: FleetMemberAt[],
  devgithubUrl?: string,
): void {
  const first = members[0]?.name ?? 'fleet-1';
  const second = members[1]?.name ?? first;
  out(
    `fleet: ${members.length} cluster${members.length === 1 ? '' : 's'}, contexts in .rollouts/kubeconfig (current: ${first})`,
  );
  for (const m of members)
    out(
      `  ${m.name}: Kubernetes API ${m.kubeUrl}${m.controllerPort === undefined ? '' : `, controller http://127.0.0.1:${m.controllerPort}`}`,
    );
  if (members.some((m) => m.controllerPort !== undefined))
    out(
      '  each controller serves /healthz, /metrics, /api/v1 and the dashboard for its own cluster (token in .rollouts/api-token)',
    );
  else out(CONTROLLER_OFF);
  if (devgithubUrl !== undefined)
    out(
      `  devgithub: ${devgithubUrl}, repository dev/shop: a push to deploy/ goes out to ${members.map((m) => m.name).join(' → ')} in waves (the first controller is the home of the Release objects: kubectl --context ${first} get releases)`,
    );
  out('');
  out('Next, in another terminal:');
  out('  export KUBECONFIG=$PWD/.rollouts/kubeconfig');
  out(`  kubectl --context ${second} apply -f test/fixtures/manifests/rollout-canary.yaml`);
  out(`  kubectl --context ${second} get rollouts   # the others do not have it`);
  out(STOP_HINT);
}
