import type { ReconcilerEnv } from '../../src/runtime/workers/reconciler-object.js';

declare global {
  namespace Cloudflare {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface Env extends ReconcilerEnv {}
  }
}
