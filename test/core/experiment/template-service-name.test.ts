import { describe, expect, it } from 'vitest';
import { templateServiceName } from '../../../src/core/experiment/index.js';
import { anExperiment } from './builders.js';

// A template's Service is named after its ReplicaSet (spec §3), but a Service name is a DNS label.
describe('templateServiceName', () => {
  const ex = (name: string) => ({
    ...anExperiment(),
    metadata: { name, namespace: 'default', uid: 'u' },
  });
  const t = { name: 'candidate' };

  it('is the ReplicaSet name when that fits, or service.name when given', () => {
    expect(templateServiceName(ex('shop-5566d6c6bf-2-1'), t)).toBe('shop-5566d6c6bf-2-1-candidate');
    expect(templateServiceName(ex('shop'), { ...t, service: { name: 'preview' } })).toBe('preview');
  });

  it('shortens a long name to 63 characters, keeping it distinct with a hash of the whole name', () => {
    const long = `${'storefront-checkout-service'.repeat(2)}-5566d6c6bf-12-3`;
    const a = templateServiceName(ex(long), t);
    const b = templateServiceName(ex(`${long}0`), t);
    expect(a.length).toBeLessThanOrEqual(63);
    expect(a).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
    expect(a).not.toBe(b);
    expect(templateServiceName(ex(long), t)).toBe(a);
  });
});
