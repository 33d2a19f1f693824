import { describe, expect, it } from 'vitest';
import { readNodeEnv } from '../../../src/runtime/node/read-node-env.js';

// PUBLIC_URL (issue 20 §6): approval links point at it, else at where this process serves.
describe('readNodeEnv: the public URL approval links use', () => {
  const dev = { host: '127.0.0.1', port: 8080 };
  it.each([
    [{ PUBLIC_URL: 'https://rollouts.example.com/' }, 'https://rollouts.example.com'],
    [{}, 'http://127.0.0.1:8080'],
    [{ HOST: 'rollouts.lan', PORT: '9000' }, 'http://rollouts.lan:9000'],
    [{ HOST: '0.0.0.0', PORT: '9000' }, 'http://127.0.0.1:9000'],
    [{ HOST: '::1' }, 'http://[::1]:8080'],
    [{ PORT: '0' }, undefined],
  ])('%j → %s', (env, url) => {
    const { settings, problems } = readNodeEnv(env, dev);
    expect(problems).toEqual([]);
    expect(settings.notifications.publicUrl).toBe(url);
  });
});
