import { expect, it } from 'vitest';
import { describeOnBackends } from '../support/backends.js';
import { JOURNEY_TIMEOUT_MS, replicaSetsUntil } from './support/journey.js';

// A stand-alone Experiment on wall-clock time: its templates as ReplicaSets, Running once their
// pods are, Successful after `duration`, then scaled to 0 after `scaleDownDelaySeconds`.

function aTemplate(name: string, image: string, replicas: number): object {
  const labels = { app: 'exp-demo', variant: name };
  return {
    name,
    replicas,
    selector: { matchLabels: labels },
    template: {
      metadata: { labels },
      spec: { containers: [{ name: 'web', image, ports: [{ containerPort: 80 }] }] },
    },
  };
}

const experiment = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Experiment',
  metadata: { name: 'exp-demo' },
  spec: {
    duration: '4s',
    scaleDownDelaySeconds: 1,
    templates: [aTemplate('baseline', 'nginx:1.25', 1), aTemplate('candidate', 'nginx:1.26', 2)],
  },
};

describeOnBackends('experiment journey', {}, (bed) => {
  it(
    'runs both templates: Running with their ReplicaSets ready',
    async () => {
      await bed.apply(experiment);
      expect(await bed.until(['experiment', 'exp-demo'], '{.status.phase}', 'Running')).toBe(
        'Running',
      );
      expect(
        await replicaSetsUntil(bed, 'app=exp-demo', ['nginx:1.25=1/1', 'nginx:1.26=2/2']),
      ).toEqual(['nginx:1.25=1/1', 'nginx:1.26=2/2']);
      const templates = await bed.ok(
        'get',
        'experiment',
        'exp-demo',
        '-o',
        'jsonpath={range .status.templateStatuses[*]}{.name}={.status} {end}',
      );
      expect(templates.trim().split(' ').sort()).toEqual(['baseline=Running', 'candidate=Running']);
    },
    JOURNEY_TIMEOUT_MS,
  );

  it(
    'ends Successful after its duration and scales its ReplicaSets to 0',
    async () => {
      expect(await bed.until(['experiment', 'exp-demo'], '{.status.phase}', 'Successful')).toBe(
        'Successful',
      );
      expect(
        await replicaSetsUntil(bed, 'app=exp-demo', ['nginx:1.25=0/0', 'nginx:1.26=0/0']),
      ).toEqual(['nginx:1.25=0/0', 'nginx:1.26=0/0']);
    },
    JOURNEY_TIMEOUT_MS,
  );
});
