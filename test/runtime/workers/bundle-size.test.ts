import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const LIMIT_GZIP = 400 * 1024;
const out = mkdtempSync(join(tmpdir(), 'wrangler-dry-run-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

// DESIGN §7: client-node bundled into a Worker is 4.4 MB and ~0.6 s of startup; keep its values out.
describe('Worker bundle (wrangler deploy --dry-run)', () => {
  it('builds under 400 KB gzipped with no @kubernetes/client-node code', async () => {
    const wrangler = join(ROOT, 'node_modules/.bin/wrangler');
    await promisify(execFile)(
      wrangler,
      ['deploy', '--dry-run', '--outdir', out, '--metafile', join(out, 'meta.json')],
      {
        cwd: ROOT,
        env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1' },
      },
    );
    const code = readFileSync(join(out, 'worker.js'));
    const gzip = gzipSync(code).byteLength;
    console.log(
      `worker.js: ${(code.byteLength / 1024).toFixed(1)} KiB raw, ${(gzip / 1024).toFixed(1)} KiB gzip`,
    );
    const inputs = Object.keys(
      (
        JSON.parse(readFileSync(join(out, 'meta.json'), 'utf8')) as {
          inputs: Record<string, unknown>;
        }
      ).inputs,
    );
    expect(inputs.some((p) => p.includes('functions/worker.ts'))).toBe(true);
    expect(inputs.filter((p) => p.includes('@kubernetes/client-node'))).toEqual([]);
    expect(gzip).toBeLessThan(LIMIT_GZIP);
  }, 120_000);
});
