import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { buildKwokStages } from '../../functions/real-cluster/kwok-stages.js';
import { SIM } from '../../src/devcluster/simulator/conventions.js';

interface Stage {
  kind: string;
  metadata: { name: string };
  spec: {
    resourceRef: { kind: string };
    delay?: { durationMilliseconds?: number; durationFrom?: { jq?: { expression: string } } };
    next: { statusTemplate?: string; delete?: boolean };
  };
}

const stagesFor = (podReadySeconds: number): Stage[] =>
  parseAllDocuments(buildKwokStages({ podReadySeconds, kubeletVersion: 'v1.37.2' })).map(
    (d) => d.toJS() as Stage,
  );

describe('kwok stages for the real control plane', () => {
  it('plays the node and the pod lifecycle the devcluster simulates', () => {
    expect(stagesFor(1).map((s) => `${s.spec.resourceRef.kind}/${s.metadata.name}`)).toEqual([
      'Node/node-initialize',
      'Pod/pod-image-pull-backoff',
      'Pod/pod-ready',
      'Pod/pod-never-ready',
      'Pod/pod-complete',
      'Pod/pod-delete',
    ]);
  });

  it.each([
    [0, 0],
    [0.5, 500],
    [2, 2000],
  ])('makes pods Ready after POD_READY_SECONDS=%s (%s ms)', (seconds, ms) => {
    const ready = stagesFor(seconds).find((s) => s.metadata.name === 'pod-ready');
    expect(ready?.spec.delay?.durationMilliseconds).toBe(ms);
    expect(ready?.spec.delay?.durationFrom?.jq?.expression).toContain(SIM.readyAfterSeconds);
  });

  it('ends Job pods with the devcluster conventions: exit-code annotation, else `exit N` in the command', () => {
    const complete = stagesFor(1).find((s) => s.metadata.name === 'pod-complete');
    expect(complete?.spec.next.statusTemplate).toContain(SIM.exitCode);
    expect(complete?.spec.next.statusTemplate).toContain('regexFind');
    expect(complete?.spec.delay?.durationFrom?.jq?.expression).toContain(SIM.runSeconds);
  });

  it("reports the control plane release as the nodes' kubelet version", () => {
    expect(stagesFor(1)[0]?.spec.next.statusTemplate).toContain('kubeletVersion: "v1.37.2"');
  });
});
