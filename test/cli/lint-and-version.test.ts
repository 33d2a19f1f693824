import { describe, expect, it } from 'vitest';
import { type CliDeps, runCli } from '../../src/cli/index.js';
import { VERSION } from '../../src/version.js';

// `lint` and `version` need no cluster: connect must never be called.
async function offline(argv: string[], files: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const deps: CliDeps = {
    io: { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTTY: false },
    env: {},
    connect: () => {
      throw new Error('no cluster in this test');
    },
    contexts: () => [],
    now: () => 0,
    sleep: () => Promise.resolve(),
    readFile: (p) =>
      p in files
        ? Promise.resolve(files[p] ?? '')
        : Promise.reject(new Error(`open ${p}: no such file or directory`)),
    actor: 'cli:test',
  };
  return { code: await runCli(argv, deps), stdout, stderr };
}

const rollout = (steps: string, extra = '') => `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers: [{ name: web, image: nginx:1.25 }]
  strategy:
    canary:
${extra}      steps: ${steps}
`;
const service = (name: string, app: string) => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  selector: { app: ${app} }
`;

const NGINX =
  '      stableService: web-stable\n      canaryService: web-canary\n      trafficRouting:\n        nginx: { stableIngress: web }\n';
const INGRESS = (backend: string) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  rules:
    - http:
        paths:
          - { path: /, pathType: Prefix, backend: { service: { name: ${backend}, port: { number: 80 } } } }
`;

describe('lint', () => {
  it.each([
    ['a valid rollout', rollout('[{ setWeight: 20 }, { pause: {} }]'), []],
    [
      'setWeight over 100',
      rollout('[{ setWeight: 200 }]'),
      [
        'm.yaml: Rollout web: spec.strategy.steps[0].setWeight: Invalid value: 200: SetWeight needs to be between 0 and 100',
      ],
    ],
    [
      'a step with two kinds',
      rollout('[{ setWeight: 20, pause: {} }]'),
      [
        expect.stringContaining(
          'Step must have one of the following set: experiment, setWeight, setCanaryScale, plugin or pause',
        ),
      ],
    ],
    [
      'a Service in the file whose selector does not fit the template',
      `${rollout('[{ setWeight: 20 }]', '      stableService: web-stable\n      canaryService: web-canary\n')}---\n${service('web-stable', 'other')}`,
      [expect.stringContaining('web-stable')],
    ],
    [
      'Services not in the file (they may be in the cluster)',
      rollout('[{ setWeight: 20 }]', '      stableService: a\n      canaryService: b\n'),
      [],
    ],
    [
      'an Ingress not in the file (it may be in the cluster)',
      rollout('[{ setWeight: 20 }]', NGINX),
      [],
    ],
    [
      'an Ingress in the file without a rule for the stable Service',
      `${rollout('[{ setWeight: 20 }]', NGINX)}---\n${INGRESS('other')}`,
      [expect.stringMatching(/^m\.yaml: Rollout web: nginx: .*web-stable/)],
    ],
    [
      'an Ingress in the file routing to the stable Service',
      `${rollout('[{ setWeight: 20 }]', NGINX)}---\n${INGRESS('web-stable')}`,
      [],
    ],
    [
      'an unknown router plugin',
      rollout(
        '[{ setWeight: 20 }]',
        '      stableService: a\n      canaryService: b\n      trafficRouting:\n        plugins:\n          acme/teleport: {}\n',
      ),
      [expect.stringContaining("traffic router plugin 'acme/teleport' is not supported")],
    ],
  ])('%s', async (_name, text, problems) => {
    const r = await offline(['lint', '-f', 'm.yaml'], { 'm.yaml': text });
    expect(r.stderr.split('\n').filter((l) => l !== '')).toEqual(problems);
    expect(r.code).toBe(problems.length ? 1 : 0);
  });

  it('reports unreadable files and YAML errors', async () => {
    expect(await offline(['lint', '-f', 'missing.yaml'])).toMatchObject({
      code: 1,
      stderr: 'error: open missing.yaml: no such file or directory\n',
    });
    const r = await offline(['lint', '-f', 'bad.yaml'], { 'bad.yaml': 'kind: [unclosed' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^bad\.yaml: YAML: /);
    expect((await offline(['lint'])).code).toBe(2);
  });
});

describe('version', () => {
  it('prints the version without touching a cluster', async () => {
    expect((await offline(['version', '--short'])).stdout).toBe(`v${VERSION}\n`);
    expect((await offline(['version'])).stdout).toMatch(
      new RegExp(`^rollouts: v${VERSION.replace(/\./g, '\\.')}\n`),
    );
  });
});
