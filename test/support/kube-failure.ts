import { expect } from 'vitest';
import { KubeApiError } from '../../src/adapters/kube/index.js';

/** Awaits a call that must fail with a `KubeApiError`, and returns the error for further checks. */
export async function failure(p: Promise<unknown>): Promise<KubeApiError> {
  const e: unknown = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(KubeApiError);
  return e as KubeApiError;
}
