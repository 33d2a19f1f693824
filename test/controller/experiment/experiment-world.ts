import { reconcileAnalysisRun } from '../../../src/controller/reconcile-analysis-run.js';
import {
  type ExperimentReconcileResult,
  reconcileExperiment,
} from '../../../src/controller/reconcile-experiment.js';
import type { Experiment, ExperimentSpec } from '../../../src/domain/experiment.js';
import type { ReplicaSet, Service } from '../../../src/domain/index.js';
import { metricProviders } from '../../../src/providers/metrics/index.js';
import { startWorld, type World } from '../world.js';

export const EXP = '/apis/argoproj.io/v1alpha1/namespaces/default/experiments';
export const AT = '/apis/argoproj.io/v1alpha1/namespaces/default/analysistemplates';
export const AR = '/apis/argoproj.io/v1alpha1/namespaces/default/analysisruns';

export interface ExperimentWorld {
  w: World;
  create(spec: Partial<ExperimentSpec>, name?: string): Promise<void>;
  /** Reconciles the Experiment and its AnalysisRuns until a pass changes nothing. */
  settle(name?: string, max?: number): Promise<ExperimentReconcileResult>;
  /** Moves the manual clock forward in steps, settling after each. */
  advance(ms: number, stepMs?: number, name?: string): Promise<void>;
  experiment(name?: string): Promise<Experiment>;
  replicaSets(name?: string): Promise<Record<string, number>>;
  services(): Promise<Service[]>;
  close(): Promise<void>;
}

/** A pod template for `variant`, optionally never Ready and with container ports. */
export function aTemplate(
  name: string,
  opts: {
    replicas?: number;
    neverReady?: boolean;
    ports?: number[];
    service?: { name?: string };
  } = {},
) {
  const labels = { app: 'banner', variant: name };
  return {
    name,
    ...(opts.replicas !== undefined ? { replicas: opts.replicas } : {}),
    selector: { matchLabels: labels },
    template: {
      metadata: {
        labels,
        ...(opts.neverReady
          ? { annotations: { 'devcluster.rollouts.serverless.dev/never-ready': 'true' } }
          : {}),
      },
      spec: {
        containers: [
          {
            name: 'web',
            image: `registry.example/banner:${name}`,
            ...(opts.ports
              ? { ports: opts.ports.map((p) => ({ name: `p${p}`, containerPort: p })) }
              : {}),
          },
        ],
      },
    },
    ...(opts.service ? { service: opts.service } : {}),
  };
}

/** A job-metric AnalysisTemplate whose Job exits with `exit` after `seconds`. */
export function aJobTemplate(name: string, exit: number, seconds = 1) {
  const command = ['sh', '-c', `sleep ${seconds}; exit ${exit}`];
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AnalysisTemplate',
    metadata: { name },
    spec: {
      metrics: [
        {
          name,
          provider: {
            job: {
              spec: {
                backoffLimit: 0,
                template: {
                  spec: {
                    restartPolicy: 'Never',
                    containers: [{ name: 'check', image: 'busybox:1.36', command }],
                  },
                },
              },
            },
          },
        },
      ],
    },
  };
}

export async function startExperimentWorld(defaultName = 'banner'): Promise<ExperimentWorld> {
  const w = await startWorld(defaultName);
  const { h, kube } = w;
  const deps = { kube, now: () => h.clock.now() };
  const analysisDeps = {
    ...deps,
    providers: metricProviders(),
    fetch: (input: string, init?: RequestInit) => fetch(input, init),
  };
  const e: ExperimentWorld = {
    w,
    async create(spec, name = defaultName) {
      const res = await h.req('POST', EXP, {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Experiment',
        metadata: { name },
        spec: { templates: [], ...spec },
      });
      if (res.status !== 201)
        throw new Error(`create experiment: ${res.status} ${JSON.stringify(res.body)}`);
    },
    async settle(name = defaultName, max = 40) {
      let last: ExperimentReconcileResult = { outcome: 'unchanged' };
      for (let i = 0; i < max; i++) {
        last = await reconcileExperiment(deps, { namespace: 'default', name });
        await h.settle();
        let runsChanged = false;
        for (const run of (await kube.list<{ metadata: { name: string } }>(AR)).items) {
          const r = await reconcileAnalysisRun(analysisDeps, {
            kind: 'AnalysisRun',
            namespace: 'default',
            name: run.metadata.name,
          });
          runsChanged ||= r.outcome === 'committed';
          await h.settle();
        }
        if ((last.outcome === 'unchanged' || last.outcome === 'gone') && !runsChanged) return last;
      }
      throw new Error(`experiment did not settle in ${max} passes: ${last.plan?.reason ?? ''}`);
    },
    async advance(ms, stepMs = 1000, name) {
      for (let t = 0; t < ms; t += stepMs) {
        h.clock.advance(Math.min(stepMs, ms - t));
        await h.settle();
        await e.settle(name);
      }
    },
    experiment: (name = defaultName) => kube.get<Experiment>(`${EXP}/${name}`),
    async replicaSets(name = defaultName) {
      const all = (await kube.list<ReplicaSet>('/apis/apps/v1/namespaces/default/replicasets'))
        .items;
      const mine = all.filter((rs) =>
        rs.metadata.ownerReferences?.some((o) => o.kind === 'Experiment' && o.name === name),
      );
      return Object.fromEntries(mine.map((rs) => [rs.metadata.name, rs.spec.replicas ?? 0]));
    },
    services: async () =>
      (await kube.list<Service>('/api/v1/namespaces/default/services')).items.filter((s) =>
        s.metadata.ownerReferences?.some((o) => o.kind === 'Experiment'),
      ),
    close: () => w.close(),
  };
  return e;
}
