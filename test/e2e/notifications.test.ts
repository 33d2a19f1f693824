import { afterAll, beforeAll } from 'vitest';
import { describeOnBackends } from '../support/backends.js';
import {
  itFollowsTheNotificationJourney,
  type NotificationJourney,
  startNotificationJourney,
} from './support/notification-journey.js';

// Issue 20's acceptance on both backends: an upstream-format notification ConfigMap and an
// annotated Rollout; a local endpoint receives the canary's messages once each, and a Slack
// `block_actions` request signed with the configured secret promotes the paused Rollout, while a
// forged or replayed one changes nothing. test/e2e/workers.test.ts runs the same steps on the Worker.

describeOnBackends('notifications journey', {}, (bed) => {
  let j: NotificationJourney;

  beforeAll(async () => {
    j = await startNotificationJourney(
      bed,
      'notify-shop',
      `http://127.0.0.1:${bed.controller?.port ?? 0}`,
    );
  }, 120_000);

  afterAll(() => j?.sink.close());

  itFollowsTheNotificationJourney(() => j);
});
