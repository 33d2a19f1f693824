import { randomBytes, randomUUID } from 'node:crypto';
import type { Hook, Repo } from '../model.js';
import { fullName } from '../model.js';
import type { EventSink } from '../server/router.js';
import { computeSignatureHeaders } from './sign.js';

/** One webhook delivery as the in-process API reports it. */
export interface Delivery {
  /** The `X-GitHub-Delivery` uuid; a redelivery keeps it. */
  id: string;
  event: string;
  /** The hook's HTTP status; 0 when it could not be reached or timed out. */
  status: number;
  /** The hook's answer (or the connection error). */
  body: string;
  payload: unknown;
}

export interface DeliveryRecord extends Delivery {
  hookId: number;
  url: string;
  repo: string;
  redelivery: boolean;
  deliveredAt: number;
  durationMs: number;
}

interface Sent {
  repo: Repo;
  hook: Hook;
  event: string;
  body: string;
  payload: unknown;
}

const KEEP = 500;
const MAX_ANSWER = 64 * 1024;

/** Matches hooks to events, signs and POSTs the payloads, and keeps a log for `redeliver` and the CLI. */
export class WebhookDispatcher implements EventSink {
  readonly log: DeliveryRecord[] = [];
  private readonly sent = new Map<string, Sent>();
  private readonly pending = new Set<Promise<unknown>>();
  private readonly userAgent = `GitHub-Hookshot/${randomBytes(4).toString('hex').slice(0, 7)}`;

  constructor(
    private readonly opts: {
      now: () => number;
      installation?: { id: number; node_id: string };
      timeoutMs?: number;
    },
  ) {}

  /** Delivers to every active hook subscribed to `event` (or `*`), one after the other. */
  async deliver(
    repo: Repo,
    event: string,
    payload: unknown,
    { asGiven = false } = {},
  ): Promise<Delivery[]> {
    const withInstallation =
      !asGiven &&
      this.opts.installation &&
      payload &&
      typeof payload === 'object' &&
      !Array.isArray(payload)
        ? { ...payload, installation: this.opts.installation }
        : payload;
    const body = JSON.stringify(withInstallation);
    const out: Delivery[] = [];
    for (const hook of repo.hooks.filter(
      (h) => h.active && (h.events.includes('*') || h.events.includes(event)),
    )) {
      const id = randomUUID();
      this.sent.set(id, { repo, hook, event, body, payload: withInstallation });
      if (this.sent.size > KEEP) this.sent.delete(this.sent.keys().next().value as string);
      out.push(await this.send(id, { repo, hook, event, body, payload: withInstallation }, false));
    }
    return out;
  }

  /** API-caused events (a comment posted through the API…): delivered after the answer, tracked for `settle`. */
  emit(repo: Repo, event: string, payload: Record<string, unknown>): void {
    if (!repo.hooks.some((h) => h.active && (h.events.includes('*') || h.events.includes(event))))
      return;
    const p: Promise<unknown> = this.deliver(repo, event, payload).finally(() =>
      this.pending.delete(p),
    );
    this.pending.add(p);
  }

  async redeliver(id: string): Promise<Delivery | undefined> {
    const s = this.sent.get(id);
    return s ? this.send(id, s, true) : undefined;
  }

  /** Waits for background deliveries, including ones they cause. */
  async settle(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  private async send(id: string, s: Sent, redelivery: boolean): Promise<Delivery> {
    const headers: Record<string, string> = {
      accept: '*/*',
      'content-type': 'application/json',
      'user-agent': this.userAgent,
      'x-github-delivery': id,
      'x-github-event': s.event,
      'x-github-hook-id': String(s.hook.id),
      'x-github-hook-installation-target-id': String(s.repo.id),
      'x-github-hook-installation-target-type': 'repository',
      ...(s.hook.secret ? computeSignatureHeaders(s.hook.secret, s.body) : {}),
    };
    const started = this.opts.now();
    const t0 = performance.now();
    let status = 0;
    let answer = '';
    try {
      const res = await fetch(s.hook.url, {
        method: 'POST',
        headers,
        body: s.body,
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 10_000),
      });
      status = res.status;
      answer = (await res.text()).slice(0, MAX_ANSWER);
    } catch (e) {
      answer =
        e instanceof Error
          ? `${e.name}: ${e.message}${e.cause instanceof Error ? ` (${e.cause.message})` : ''}`
          : String(e);
    }
    const delivery: Delivery = { id, event: s.event, status, body: answer, payload: s.payload };
    this.log.push({
      ...delivery,
      hookId: s.hook.id,
      url: s.hook.url,
      repo: fullName(s.repo),
      redelivery,
      deliveredAt: started,
      durationMs: Math.round(performance.now() - t0),
    });
    if (this.log.length > KEEP) this.log.splice(0, this.log.length - KEEP);
    return delivery;
  }
}
