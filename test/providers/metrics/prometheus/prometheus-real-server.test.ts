import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prometheus } from '../../../../src/providers/metrics/prometheus/index.js';
import type { ProviderOutcome } from '../../../../src/providers/metrics/types.js';
import { aContext, aMetric } from '../support/context.js';
import { aClosedAddress } from '../support/fake-service.js';

/**
 * The provider against a real Prometheus (Debian's `prometheus` package) scraping a gauge this test
 * serves. Skipped when the binary is missing: `apt-get install -y prometheus` un-skips it.
 */
const binary = spawnSync('sh', ['-c', 'command -v prometheus'], { encoding: 'utf8' }).stdout.trim();

describe.skipIf(binary === '')(
  `prometheus provider against a real Prometheus (${binary || 'skipped: no `prometheus` on PATH; install with `apt-get install -y prometheus`'})`,
  () => {
    let gauge = 0.97;
    let target: Server;
    let child: ChildProcess;
    let address: string;
    let dir: string;
    let log = '';

    beforeAll(async () => {
      target = createServer((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' });
        res.end(
          `# HELP demo_success_ratio Share of successful requests.\n# TYPE demo_success_ratio gauge\ndemo_success_ratio{service="checkout"} ${gauge}\n`,
        );
      });
      await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
      const targetPort = (target.address() as AddressInfo).port;

      dir = mkdtempSync(join(tmpdir(), 'prom-provider-'));
      writeFileSync(
        join(dir, 'prometheus.yml'),
        `global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nscrape_configs:\n  - job_name: demo\n    static_configs:\n      - targets: ['127.0.0.1:${targetPort}']\n`,
      );
      address = await aClosedAddress();
      child = spawn(binary, [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=${address.replace('http://', '')}`,
        '--log.level=warn',
      ]);
      child.stderr?.on('data', (c: Buffer) => (log += c.toString()));
      const first = await until(
        (o) => o.kind === 'value' && Array.isArray(o.result) && o.result.length === 1,
        'demo_success_ratio',
        12_000,
      );
      if (first.kind !== 'value')
        throw new Error(`Prometheus never scraped the target: ${JSON.stringify(first)}\n${log}`);
    }, 20_000);

    afterAll(async () => {
      if (child && child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await new Promise<void>((resolve) => (target ? target.close(() => resolve()) : resolve()));
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    function measure(query: string, extra: Record<string, unknown> = {}): Promise<ProviderOutcome> {
      return prometheus.run(
        aContext({ now: Date.now() }),
        aMetric('prometheus', { address, query, timeout: 5, ...extra }),
      );
    }

    /** Measures every 250 ms until `done` holds or `ms` pass; answers the last outcome. */
    async function until(
      done: (o: ProviderOutcome) => boolean,
      query: string,
      ms: number,
    ): Promise<ProviderOutcome> {
      const deadline = Date.now() + ms;
      let last = await measure(query);
      while (!done(last) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 250));
        last = await measure(query);
      }
      return last;
    }

    it('returns the scraped gauge as a one-element vector', async () => {
      expect(await measure('demo_success_ratio')).toEqual({
        kind: 'value',
        result: [0.97],
        value: '[0.97]',
      });
      expect(await measure('scalar(demo_success_ratio) * 100')).toEqual({
        kind: 'value',
        result: 97,
        value: '97',
      });
    });

    it('follows the gauge when it changes', async () => {
      gauge = 0.42;
      const outcome = await until(
        (o) => o.kind === 'value' && o.value === '[0.42]',
        'demo_success_ratio{service="checkout"}',
        6_000,
      );
      expect(outcome).toEqual({ kind: 'value', result: [0.42], value: '[0.42]' });
    });

    it('runs a range query and returns every sample', async () => {
      const outcome = await measure('demo_success_ratio', {
        rangeQuery: { start: 'now() - duration("5s")', end: 'now()', step: '1s' },
      });
      expect(outcome.kind).toBe('value');
      const values = outcome.kind === 'value' ? (outcome.result as number[]) : [];
      // One sample per 1 s step since the first scrape: the older ones saw 0.97, the latest 0.42.
      expect(values.length).toBeGreaterThanOrEqual(2);
      expect(values.every((v) => v === 0.97 || v === 0.42)).toBe(true);
      expect(values.at(-1)).toBe(0.42);
      expect(outcome.kind === 'value' && outcome.value).toBe(`[${values.join(',')}]`);
    });

    it('reports a PromQL parse error as bad_data', async () => {
      const outcome = await measure('sum(demo_success_ratio');
      expect(outcome.kind).toBe('error');
      expect(outcome.kind === 'error' && outcome.message).toMatch(
        /^bad_data: invalid parameter "query": 1:\d+: parse error: /,
      );
    });
  },
);
