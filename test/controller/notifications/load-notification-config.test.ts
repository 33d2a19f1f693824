import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KubeClient } from '../../../src/adapters/kube/index.js';
import {
  loadNotificationConfig,
  type NotificationConfigCache,
} from '../../../src/controller/notifications/index.js';
import { NOTIFICATION_CONFIG } from '../../../src/domain/notification.js';
import { type Harness, startHarness } from '../../devcluster/harness.js';

const NS = NOTIFICATION_CONFIG.namespace;
const CM = `/api/v1/namespaces/${NS}/configmaps`;
let h: Harness;
let kube: KubeClient;
beforeEach(async () => {
  h = await startHarness();
  kube = new KubeClient({ server: h.url });
  await h.req('POST', '/api/v1/namespaces', { metadata: { name: NS } });
});
afterEach(() => h.close());

const putConfigMap = (data: Record<string, string>) =>
  h.req('POST', CM, { metadata: { name: NOTIFICATION_CONFIG.configMap, namespace: NS }, data });

describe('loadNotificationConfig', () => {
  it('points approval links at the public URL without approvals.url, and lists approvals with none', async () => {
    await putConfigMap({ approvals: 'linkKey: a-key-long-enough-for-hmac' });
    const withUrl = await loadNotificationConfig(
      kube,
      NS,
      h.clock.now(),
      {},
      undefined,
      'https://rollouts.example.com/',
    );
    expect(withUrl.config.approvals?.url).toBe('https://rollouts.example.com');
    expect(withUrl.problems).toEqual([]);
    const without = await loadNotificationConfig(kube, NS, h.clock.now());
    expect(without.problems.map((p) => p.key)).toEqual(['approvals.url']);
  });

  it('parses once per version of the ConfigMap and Secret', async () => {
    await putConfigMap({ 'service.webhook.hooks': 'url: http://127.0.0.1:9/' });
    const cache: NotificationConfigCache = {};
    const first = await loadNotificationConfig(kube, NS, h.clock.now(), cache);
    expect([...first.services.keys()]).toEqual(['hooks']);
    expect(await loadNotificationConfig(kube, NS, h.clock.now(), cache)).toBe(first);

    await h.req(
      'PATCH',
      `${CM}/${NOTIFICATION_CONFIG.configMap}`,
      { data: { 'service.webhook.ops': 'url: http://127.0.0.1:9/ops' } },
      'application/merge-patch+json',
    );
    const changed = await loadNotificationConfig(kube, NS, h.clock.now(), cache);
    expect(changed).not.toBe(first);
    expect([...changed.services.keys()].sort()).toEqual(['hooks', 'ops']);

    await h.req('POST', `/api/v1/namespaces/${NS}/secrets`, {
      metadata: { name: NOTIFICATION_CONFIG.secret, namespace: NS },
      stringData: { token: 'abc' },
    });
    expect(await loadNotificationConfig(kube, NS, h.clock.now(), cache)).not.toBe(changed);
  });

  it('lists an unknown service type and refused settings by key; the rest stays usable', async () => {
    await putConfigMap({
      'service.webhook.hooks': 'url: http://127.0.0.1:9/',
      'service.carrier-pigeon': 'loft: roof',
      'service.webhook.nourl': 'headers: []',
    });
    const loaded = await loadNotificationConfig(kube, NS, h.clock.now());
    expect([...loaded.services.keys()]).toEqual(['hooks']);
    const keys = loaded.problems.map((p) => p.key);
    expect(keys).toContain('service.carrier-pigeon');
    expect(keys).toContain('service.webhook.nourl');
    expect(loaded.problems.find((p) => p.key === 'service.carrier-pigeon')?.message).toMatch(
      /unknown service type "carrier-pigeon"/,
    );
  });

  it('without a ConfigMap: the built-in catalog, no services, no problems', async () => {
    const loaded = await loadNotificationConfig(kube, NS, h.clock.now());
    expect(loaded.services.size).toBe(0);
    expect(loaded.problems).toEqual([]);
    expect(loaded.config.triggers.has('on-rollout-completed')).toBe(true);
    expect(loaded.configMap).toBeUndefined();
  });
});
