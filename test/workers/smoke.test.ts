import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';

describe('worker in workerd', () => {
  it('answers /healthz with the workers runtime', async () => {
    const res = await SELF.fetch('https://rollouts.test/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', runtime: 'workers' });
  });

  it('answers unknown routes with a JSON 404', async () => {
    const res = await SELF.fetch('https://rollouts.test/nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'NotFound' });
  });
});
