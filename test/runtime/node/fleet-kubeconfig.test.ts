import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { kubeconfigFor } from '../../../src/devcluster/index.js';
import {
  loadKubeconfig,
  nodeKubeconfigEnvironment,
} from '../../../src/runtime/node/kubeconfig/index.js';
import { buildFleetKubeconfig } from '../../../src/runtime/node/fleet-kubeconfig.js';
import { aSingleKubeconfig, b64 } from './kubeconfig/builders.js';

/** Loads `text` as kubectl would, from an in-memory file, for `context` (or the current one). */
function load(text: string, context?: string) {
  const environment = {
    ...nodeKubeconfigEnvironment(),
    env: {},
    readFile: () => text,
    exists: (p: string) => p === '/fleet/kubeconfig',
  };
  return loadKubeconfig('/fleet/kubeconfig', context ? { context } : {}, environment).target;
}

// Two devclusters' kubeconfigs name their cluster, context and user alike ("devcluster"), and
// a real control plane's carries inline certificates: the merged file keeps them all apart.
const devcluster = (port: number) => kubeconfigFor(`http://127.0.0.1:${port}`);
const real = aSingleKubeconfig({
  cluster: { server: 'https://127.0.0.1:7443', 'certificate-authority-data': b64('CA') },
  user: { token: undefined, 'client-certificate-data': b64('CERT'), 'client-key-data': b64('KEY') },
  context: { namespace: 'shop' },
});

describe('buildFleetKubeconfig', () => {
  const merged = buildFleetKubeconfig([
    { name: 'fleet-1', kubeconfig: devcluster(6443) },
    { name: 'fleet-2', kubeconfig: devcluster(6444) },
    { name: 'fleet-3', kubeconfig: real },
  ]);

  it.each([
    ['fleet-1', 'http://127.0.0.1:6443', 'default'],
    ['fleet-2', 'http://127.0.0.1:6444', 'default'],
    ['fleet-3', 'https://127.0.0.1:7443', 'shop'],
  ])('--context %s reaches %s (namespace %s)', (context, server, namespace) => {
    expect(load(merged, context)).toMatchObject({ context, server, namespace });
  });

  it('the current context is the first member', () => {
    expect(load(merged).server).toBe('http://127.0.0.1:6443');
  });

  it("keeps each member's credentials with its own cluster", () => {
    expect(load(merged, 'fleet-1').token).toBe('devcluster');
    const third = load(merged, 'fleet-3');
    expect(third.token).toBeUndefined();
    expect(third.clientCertificate).toEqual({ data: Buffer.from('CERT') });
    expect(third.ca).toEqual({ data: Buffer.from('CA') });
  });

  it('holds one cluster, context and user per member, named for it', () => {
    const doc = parse(merged) as Record<string, Array<{ name: string }>>;
    for (const list of ['clusters', 'contexts', 'users'])
      expect(doc[list]?.map((e) => e.name)).toEqual(['fleet-1', 'fleet-2', 'fleet-3']);
  });

  it('refuses a member whose kubeconfig has no usable current context', () => {
    const broken = aSingleKubeconfig({ context: { user: 'nobody' } });
    expect(() => buildFleetKubeconfig([{ name: 'fleet-1', kubeconfig: broken }])).toThrow(
      'fleet-1: its kubeconfig has no complete current context',
    );
  });
});
