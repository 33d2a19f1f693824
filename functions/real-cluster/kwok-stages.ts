import { stringify } from 'yaml';
import { NODE_LABELS } from '../../src/domain/keys.js';
import { SIM } from '../../src/devcluster/simulator/conventions.js';

/**
 * kwok's Stage configuration for the real control plane: the pod lifecycle the devcluster's
 * simulated kubelet plays (src/devcluster/simulator/kubelet.ts), with the same annotations, so
 * one manifest behaves alike on both backends:
 *   - Pending → Running + Ready after POD_READY_SECONDS (or the ready-after-seconds annotation);
 *   - never-ready: Running, Ready=False;
 *   - images tagged :bad/:missing/:notfound/:doesnotexist stay Pending in ImagePullBackOff;
 *   - restartPolicy Never/OnFailure pods (Job pods) end after run-seconds (or `sleep N` in the
 *     command, default 1 s) with the exit-code annotation (or `exit N` in the command, default 0);
 *   - a pod being deleted goes at once (no kubelet grace period).
 * kwok's own default stages (kwokctl's "fast" set) complete Job pods immediately with exit 0 and
 * make every pod Ready at once, which is why we write our own.
 */

const BAD_IMAGE =
  '[.spec.containers[].image | test(":(bad|missing|notfound|doesnotexist)$")] | any';
const annotation = (key: string): string => `.metadata.annotations["${key}"]`;
/** The containers' command and args as one string, as the devcluster's plannedExit reads them. */
const COMMAND_JQ =
  '[.spec.containers[] | ((.command // []) + (.args // []))[] | tostring] | join(" ")';

const notDeleting = { key: '.metadata.deletionTimestamp', operator: 'DoesNotExist' };
const unstarted = { key: '.status.podIP', operator: 'DoesNotExist' };

const podStage = (name: string, matchExpressions: object[], next: object, delay?: object) => ({
  apiVersion: 'kwok.x-k8s.io/v1alpha1',
  kind: 'Stage',
  metadata: { name },
  spec: {
    resourceRef: { apiGroup: 'v1', kind: 'Pod' },
    selector: { matchExpressions },
    ...(delay ? { delay } : {}),
    next,
  },
});

/** Running status; `ready` is a template expression ("true"/"false"). */
const runningTemplate = (ready: 'true' | 'false') => `
{{ $now := Now }}
conditions:
- {type: Initialized, status: "True", lastTransitionTime: {{ $now | Quote }}}
- {type: Ready, status: "${ready === 'true' ? 'True' : 'False'}", lastTransitionTime: {{ $now | Quote }}${ready === 'true' ? '' : ', reason: ContainersNotReady'}}
- {type: ContainersReady, status: "${ready === 'true' ? 'True' : 'False'}", lastTransitionTime: {{ $now | Quote }}}
containerStatuses:
{{ range .spec.containers }}
- name: {{ .name | Quote }}
  image: {{ .image | Quote }}
  imageID: {{ printf "docker.io/%s@sha256:kwok" .image | Quote }}
  ready: ${ready}
  started: true
  restartCount: 0
  state: {running: {startedAt: {{ $now | Quote }}}}
{{ end }}
{{ with NodeIPWith .spec.nodeName }}
hostIP: {{ . | Quote }}
hostIPs: [{ip: {{ . | Quote }}}]
{{ end }}
{{ with PodIPWith .spec.nodeName ( or .spec.hostNetwork false ) ( or .metadata.uid "" ) ( or .metadata.name "" ) ( or .metadata.namespace "" ) }}
podIP: {{ . | Quote }}
podIPs: [{ip: {{ . | Quote }}}]
{{ end }}
phase: Running
startTime: {{ $now | Quote }}
`;

const pullBackOffTemplate = `
{{ $now := Now }}
conditions:
- {type: Ready, status: "False", reason: ContainersNotReady, lastTransitionTime: {{ $now | Quote }}}
containerStatuses:
{{ range .spec.containers }}
- name: {{ .name | Quote }}
  image: {{ .image | Quote }}
  imageID: ""
  ready: false
  started: false
  restartCount: 0
  state: {waiting: {reason: ImagePullBackOff, message: Back-off pulling image}}
{{ end }}
phase: Pending
`;

const terminatedTemplate = `
{{ $now := Now }}
{{ $cmd := "" }}
{{ range .spec.containers }}{{ $cmd = printf "%s %s %s" $cmd (join " " (default list .command)) (join " " (default list .args)) }}{{ end }}
{{ $code := regexFind "[0-9]+" (regexFind "\\\\bexit\\\\s+[0-9]+\\\\b" $cmd) }}
{{ with .metadata.annotations }}{{ with index . "${SIM.exitCode}" }}{{ $code = . }}{{ end }}{{ end }}
{{ $code = atoi (default "0" $code) }}
{{ $started := or .status.startTime $now }}
conditions:
- {type: Ready, status: "False", reason: PodCompleted, lastTransitionTime: {{ $now | Quote }}}
- {type: ContainersReady, status: "False", reason: PodCompleted, lastTransitionTime: {{ $now | Quote }}}
containerStatuses:
{{ range .spec.containers }}
- name: {{ .name | Quote }}
  image: {{ .image | Quote }}
  imageID: {{ printf "docker.io/%s@sha256:kwok" .image | Quote }}
  ready: false
  started: false
  restartCount: 0
  state:
    terminated:
      exitCode: {{ $code }}
      reason: {{ if eq $code 0 }}Completed{{ else }}Error{{ end }}
      startedAt: {{ $started | Quote }}
      finishedAt: {{ $now | Quote }}
{{ end }}
phase: {{ if eq $code 0 }}Succeeded{{ else }}Failed{{ end }}
`;

/** The Stage documents for `kwok --config`, pods first Ready after `podReadySeconds`. */
export function buildKwokStages(opts: { podReadySeconds: number; kubeletVersion: string }): string {
  const readyDelay = {
    durationMilliseconds: Math.round(opts.podReadySeconds * 1000),
    durationFrom: {
      jq: { expression: `${annotation(SIM.readyAfterSeconds)} | select(. != null) | "\\(.)s"` },
    },
  };
  const runDelay = {
    durationMilliseconds: 1000,
    durationFrom: {
      jq: {
        expression: `(${annotation(SIM.runSeconds)} // (${COMMAND_JQ} | capture("\\\\bsleep\\\\s+(?<n>[0-9.]+)") | .n)) | select(. != null) | "\\(.)s"`,
      },
    },
  };
  const stages = [
    nodeInitialize(opts.kubeletVersion),
    podStage(
      'pod-image-pull-backoff',
      [
        notDeleting,
        unstarted,
        { key: BAD_IMAGE, operator: 'In', values: ['true'] },
        {
          key: '.status.containerStatuses.[].state.waiting.reason',
          operator: 'NotIn',
          values: ['ImagePullBackOff'],
        },
      ],
      { statusTemplate: pullBackOffTemplate },
    ),
    podStage(
      'pod-ready',
      [
        notDeleting,
        unstarted,
        { key: BAD_IMAGE, operator: 'NotIn', values: ['true'] },
        { key: annotation(SIM.neverReady), operator: 'NotIn', values: ['true'] },
      ],
      { statusTemplate: runningTemplate('true') },
      readyDelay,
    ),
    podStage(
      'pod-never-ready',
      [
        notDeleting,
        unstarted,
        { key: BAD_IMAGE, operator: 'NotIn', values: ['true'] },
        { key: annotation(SIM.neverReady), operator: 'In', values: ['true'] },
      ],
      { statusTemplate: runningTemplate('false') },
      readyDelay,
    ),
    podStage(
      'pod-complete',
      [
        notDeleting,
        { key: '.status.phase', operator: 'In', values: ['Running'] },
        { key: '.spec.restartPolicy', operator: 'In', values: ['Never', 'OnFailure'] },
      ],
      { statusTemplate: terminatedTemplate },
      runDelay,
    ),
    podStage('pod-delete', [{ key: '.metadata.deletionTimestamp', operator: 'Exists' }], {
      delete: true,
    }),
  ];
  return stages.map((s) => stringify(s, { lineWidth: 0 })).join('---\n');
}

/** Nodes kwok manages become Ready with room for any number of pods (kwok keeps their leases). */
const nodeInitialize = (kubeletVersion: string) => ({
  apiVersion: 'kwok.x-k8s.io/v1alpha1',
  kind: 'Stage',
  metadata: { name: 'node-initialize' },
  spec: {
    resourceRef: { apiGroup: 'v1', kind: 'Node' },
    selector: {
      matchExpressions: [
        {
          key: '.status.conditions.[] | select( .type == "Ready" ) | .status',
          operator: 'NotIn',
          values: ['True'],
        },
      ],
    },
    next: {
      statusTemplate: `
{{ $now := Now }}
conditions:
{{ range NodeConditions }}
- {type: {{ .type | Quote }}, status: {{ .status | Quote }}, reason: {{ .reason | Quote }}, message: {{ .message | Quote }}, lastHeartbeatTime: {{ $now | Quote }}, lastTransitionTime: {{ $now | Quote }}}
{{ end }}
addresses:
- {type: InternalIP, address: {{ NodeIP | Quote }}}
- {type: Hostname, address: {{ NodeName | Quote }}}
allocatable: {cpu: 1k, memory: 1Ti, pods: 1M}
capacity: {cpu: 1k, memory: 1Ti, pods: 1M}
nodeInfo:
  architecture: amd64
  operatingSystem: linux
  kubeletVersion: ${JSON.stringify(kubeletVersion)}
  containerRuntimeVersion: kwok
phase: Running
`,
    },
  },
});

export const KWOK_NODE_ANNOTATION = 'kwok.x-k8s.io/node';

/** A fake node for kwok to manage (created through the API; kwok only plays its status). */
export function buildFakeNode(name: string): object {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      annotations: { [KWOK_NODE_ANNOTATION]: 'fake', 'node.alpha.kubernetes.io/ttl': '0' },
      labels: {
        [NODE_LABELS.hostname]: name,
        [NODE_LABELS.os]: 'linux',
        'kubernetes.io/arch': 'amd64',
        type: 'kwok',
      },
    },
    spec: {},
  };
}
