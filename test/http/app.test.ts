import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';

describe('probes', () => {
  it('reports ready when readiness has no reason', async () => {
    const app = buildApp({
      runtime: 'node',
      version: 't',
      readiness: () => Promise.resolve(undefined),
    });
    const res = await app.request('/readyz');
    expect(res.status).toBe(200);
  });

  it('reports 503 with the reason when not ready', async () => {
    const app = buildApp({
      runtime: 'node',
      version: 't',
      readiness: () => Promise.resolve('kube API unreachable'),
    });
    const res = await app.request('/readyz');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'unready', reason: 'kube API unreachable' });
  });
});
