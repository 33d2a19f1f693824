/**
 * No test reaches the network (DESIGN §8: every test runs on a fresh machine, offline). Loaded by
 * the node project's `setupFiles`: `fetch` and every socket (undici, node:http, TLS, client
 * libraries) may reach loopback only. Anything else is refused, and the test that tried fails even
 * when the code under test turned the refusal into an error of its own (a provider's measurement).
 */
import net from 'node:net';
import { afterAll, afterEach } from 'vitest';

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|0\.0\.0\.0|::1?|::ffff:127(\.\d{1,3}){3})$/i;
const attempts: string[] = [];

function isLoopback(host: string): boolean {
  return LOOPBACK.test(host.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, ''));
}

function refusal(target: string): Error {
  attempts.push(target);
  return new Error(`network access in a test: ${target} (only loopback is allowed; inject fetch)`);
}

const realFetch = globalThis.fetch;
globalThis.fetch = (input: string | URL | Request, init?: RequestInit) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  const remote =
    (url.protocol === 'http:' || url.protocol === 'https:') && !isLoopback(url.hostname);
  return remote ? Promise.reject(refusal(url.origin)) : realFetch(input, init);
};

/** Where a `Socket#connect` call goes: a host, or undefined for a local (IPC) path. */
function hostOf(args: unknown[]): string | undefined {
  // net.connect hands over its normalised arguments as a one-element array.
  const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  if (typeof first === 'object' && first !== null) {
    const { host, path } = first as { host?: string; path?: string | null };
    return path ? undefined : (host ?? 'localhost');
  }
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first)))
    return typeof args[1] === 'string' ? args[1] : 'localhost';
  return undefined;
}

const realConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
  const host = hostOf(args);
  if (host !== undefined && !isLoopback(host)) {
    const error = refusal(`socket to ${host}`);
    process.nextTick(() => this.destroy(error));
    return this;
  }
  return (realConnect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;

/** The refused attempts so far, forgotten (for the guard's own test, which makes them on purpose). */
export function takeNetworkAttempts(): string[] {
  return attempts.splice(0);
}

function failOnAttempts(): void {
  const seen = takeNetworkAttempts();
  if (seen.length === 0) return;
  throw new Error(`network access in a test: ${[...new Set(seen)].join(', ')}`);
}

afterEach(failOnAttempts);
afterAll(failOnAttempts);
