import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevGitHub, type DevGitHub } from '../../src/devgithub/index.js';
import { startEntry } from './entry-support.js';

/**
 * Issue 18: the GitHub emulator's client commands (`npx tsx functions/devgithub.ts …`, README
 * "GitOps from a GitHub push") find the emulator through DEVGITHUB_URL and DEVGITHUB_TOKEN.
 */
let gh: DevGitHub;
beforeAll(async () => {
  gh = await startDevGitHub({ host: '127.0.0.1', port: 0, tokens: ['entry-dev-token'] });
  gh.createRepo('dev/shop');
  await gh.push('dev/shop', 'main', { files: { 'README.md': 'entry' } });
});
afterAll(() => gh?.close());

async function devgithub(
  env: Record<string, string>,
): Promise<{ code: number | null; out: string }> {
  const p = startEntry(['--import', 'tsx', 'functions/devgithub.ts', 'statuses', 'main'], env);
  const code = await p.exited;
  return { code, out: p.output() };
}

describe('functions/devgithub.ts', () => {
  it('DEVGITHUB_URL: the client commands talk to the emulator at that address', async () => {
    const { code, out } = await devgithub({
      DEVGITHUB_URL: gh.url,
      DEVGITHUB_TOKEN: 'entry-dev-token',
    });
    expect(out).toMatch(/^dev\/shop @ [0-9a-f]{12}: combined pending \(0 contexts\)$/m);
    expect(code).toBe(0);
  });

  it('DEVGITHUB_TOKEN: the client commands authenticate with it', async () => {
    const { code, out } = await devgithub({
      DEVGITHUB_URL: gh.url,
      DEVGITHUB_TOKEN: 'not-a-token',
    });
    expect(code).toBe(1);
    expect(out).toContain(`GET ${gh.url}/_dev/statuses?repo=dev%2Fshop&ref=main: 401`);
  });
});
