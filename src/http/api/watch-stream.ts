import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';

export interface WatchSettings {
  /** How often the Kubernetes API is read (default 1 s). */
  intervalMs: number;
  /** Polls before the stream ends; EventSource clients reconnect on their own (default 5 min worth). */
  maxPolls: number;
}

/** What one poll found: data to send, a terminal condition, or a passing failure. */
export type Poll = { data: unknown } | { gone: unknown } | { failed: unknown };

/**
 * Server-sent events from polling (spec §5 `…/info/watch`): `load` runs every interval and its
 * result is sent as an `info` event when it differs from the last one sent, ignoring ages (which
 * change every second and are recomputed by clients). A `gone` result is sent as an `error` event
 * and ends the stream; a `failed` one is sent as an `error` event and polling goes on. Only
 * `setTimeout` and web streams: it runs the same on Node and in Workers.
 */
export function pollAsEvents(
  c: Context,
  settings: WatchSettings,
  load: () => Promise<Poll>,
): Response {
  return streamSSE(c, async (stream) => {
    let last = '';
    for (let i = 0; i < settings.maxPolls && !stream.aborted && !stream.closed; i++) {
      const poll = await load();
      if ('gone' in poll) {
        await stream.writeSSE({ event: 'error', data: JSON.stringify(poll.gone) });
        return;
      }
      if ('failed' in poll) {
        await stream.writeSSE({ event: 'error', data: JSON.stringify(poll.failed) });
      } else {
        const key = JSON.stringify(poll.data, withoutAges);
        if (key !== last) {
          last = key;
          await stream.writeSSE({
            event: 'info',
            data: JSON.stringify(poll.data),
            ...(i === 0 ? { retry: settings.intervalMs } : {}),
          });
        }
      }
      await stream.sleep(settings.intervalMs);
    }
  });
}

function withoutAges(key: string, value: unknown): unknown {
  return key === 'ageSeconds' || key === 'scaleDownDelaySeconds' ? undefined : value;
}
