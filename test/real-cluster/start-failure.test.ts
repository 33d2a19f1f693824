import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../functions/real-cluster/processes.js';
import {
  ComponentExitError,
  startRealCluster,
} from '../../functions/real-cluster/start-real-cluster.js';
import { realSkipReason } from '../support/backends.js';
import { testClusterOptions } from '../support/real-cluster-bed.js';

/** Starts the real control plane with extra kube-apiserver flags; resolves to what it threw. */
async function failedStart(
  dir: string,
  apiServerArgs: string[],
  lines: string[],
): Promise<unknown> {
  try {
    const cluster = await startRealCluster(
      testClusterOptions(dir, { apiServerArgs, log: (line) => lines.push(line) }),
    );
    await cluster.close();
    return undefined;
  } catch (e) {
    return e;
  }
}

describe.skipIf(realSkipReason)(
  `a real control plane that cannot start${realSkipReason ? ` (skipped: ${realSkipReason})` : ''}`,
  () => {
    let dir: string;
    let held: Server;
    let heldPort: number;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'start-failure-'));
      heldPort = await freePort();
      held = createServer();
      await new Promise<void>((done) => held.listen(heldPort, '127.0.0.1', done));
    });
    afterAll(async () => {
      await new Promise((done) => held.close(done));
      await rm(dir, { recursive: true, force: true });
    });

    it('says why a component exited, from its log, though the state directory is removed', async () => {
      const lines: string[] = [];
      const err = await failedStart(dir, ['--no-such-flag=1'], lines);
      expect(err).toBeInstanceOf(ComponentExitError);
      const exit = err as ComponentExitError;
      expect(exit.component).toBe('kube-apiserver');
      expect(exit.code).toBe(1);
      expect(exit.message).toContain('unknown flag: --no-such-flag');
      expect(exit.portTaken).toBe(false);
      // Not a port lost to a race: one start only.
      expect(lines.filter((l) => l.includes('starting again'))).toEqual([]);
    });

    it('starts again when a component lost its port, and gives up after three starts', async () => {
      // The later --secure-port wins: kube-apiserver binds a port this test holds, every time.
      const lines: string[] = [];
      const err = await failedStart(dir, [`--secure-port=${heldPort}`], lines);
      expect(err).toBeInstanceOf(ComponentExitError);
      const exit = err as ComponentExitError;
      expect(exit.portTaken).toBe(true);
      expect(exit.message).toMatch(/address already in use/);
      expect(lines.filter((l) => l.includes('lost its port to another process'))).toHaveLength(2);
    });
  },
);
