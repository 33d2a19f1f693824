import { execFileSync } from 'node:child_process';
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AuditLogReader,
  buildAuditPolicy,
  countRequests,
  parseAuditLine,
} from '../../bench/vs-upstream/audit-log.js';
import { writeUserKubeconfig } from '../../bench/vs-upstream/identity.js';
import { formatRatio, formatRatioLines } from '../../bench/vs-upstream/report.js';
import { createPki } from '../../functions/real-cluster/certs.js';
import { parse } from 'yaml';
import {
  hasReachedFirstPause,
  isSettled,
  type RolloutView,
} from '../../bench/vs-upstream/workload.js';

/** One audit event as kube-apiserver writes it with `--audit-log-format=json` at Metadata level. */
function anEvent(o: {
  user: string;
  verb: string;
  at: string;
  resource?: string;
  subresource?: string;
}): string {
  return JSON.stringify({
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: 'Metadata',
    stage: 'ResponseComplete',
    verb: o.verb,
    user: { username: o.user, groups: ['system:masters', 'system:authenticated'] },
    userAgent: 'whatever/1.0',
    objectRef: {
      resource: o.resource ?? 'rollouts',
      ...(o.subresource ? { subresource: o.subresource } : {}),
      namespace: 'bench',
    },
    responseStatus: { code: 200 },
    requestReceivedTimestamp: o.at,
    stageTimestamp: o.at,
  });
}

describe('audit log counting', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });

  it('records only the named users, once per request', () => {
    const policy = buildAuditPolicy(['bench:ours', 'bench:upstream']);
    expect(policy).toContain('- bench:ours');
    expect(policy).toMatch(/omitStages:\n\s+- RequestReceived\n\s+- ResponseStarted/);
    expect(policy).toMatch(/- level: None\s*$/);
  });

  it('counts requests and writes of one user inside the window, by verb and resource', () => {
    const lines = [
      anEvent({ user: 'bench:ours', verb: 'get', at: '2026-12-07T02:00:00.100000Z' }),
      anEvent({
        user: 'bench:ours',
        verb: 'patch',
        subresource: 'status',
        at: '2026-12-07T02:00:00.200000Z',
      }),
      anEvent({
        user: 'bench:ours',
        verb: 'create',
        resource: 'events',
        at: '2026-12-07T02:00:00.300000Z',
      }),
      anEvent({ user: 'bench:upstream', verb: 'patch', at: '2026-12-07T02:00:00.250000Z' }),
      // Outside the window.
      anEvent({ user: 'bench:ours', verb: 'get', at: '2026-12-07T02:00:01.000000Z' }),
    ];
    const requests = lines.flatMap((l) => parseAuditLine(l) ?? []);
    const from = Date.parse('2026-12-07T02:00:00Z');
    const count = countRequests(requests, 'bench:ours', from, from + 1000);
    expect(count.requests).toBe(3);
    expect(count.writes).toBe(2);
    expect(Object.fromEntries(count.byKind)).toEqual({
      'get rollouts': 1,
      'patch rollouts/status': 1,
      'create events': 1,
    });
    expect(countRequests(requests, 'bench:upstream', from, from + 1000).writes).toBe(1);
  });

  it('follows the file as it grows, a line split across reads included', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'audit-'));
    dirs.push(dir);
    const file = join(dir, 'audit.log');
    const reader = new AuditLogReader(file);
    expect(await reader.load()).toHaveLength(0);
    const first = anEvent({ user: 'a', verb: 'list', at: '2026-12-07T02:00:00Z' });
    const second = anEvent({ user: 'a', verb: 'update', at: '2026-12-07T02:00:02Z' });
    await appendFile(file, `${first}\n${second.slice(0, 40)}`);
    expect((await reader.load()).map((r) => r.verb)).toEqual(['list']);
    await appendFile(file, `${second.slice(40)}\n`);
    expect((await reader.load()).map((r) => [r.verb, r.write])).toEqual([
      ['list', false],
      ['update', true],
    ]);
  });
});

describe('ratios ours/upstream', () => {
  it.each([
    [50, 100, '0.50'],
    [5, 100, '0.050'],
    [0, 0, '1.00'],
    [3, 0, 'inf'],
    [undefined, 2, 'n/a'],
    [Number.NaN, 2, 'n/a'],
  ])('%s / %s is %s', (ours, upstream, expected) => {
    expect(formatRatio(ours, upstream)).toBe(expected);
  });

  it('prints one line per figure, skipping informational ones', () => {
    const text = formatRatioLines([
      { id: 'rss-mib@100', what: '', values: { ours: 20, upstream: 80 } },
      { id: 'settle-s@100', what: '', values: { ours: 1, upstream: 2 }, informational: true },
    ]);
    expect(text).toBe('ratio rss-mib@100 0.25');
  });
});

function aRolloutView(o: {
  image?: string;
  generation?: number;
  status?: RolloutView['status'];
}): RolloutView {
  return {
    metadata: { name: 'r-00000', generation: o.generation ?? 2 },
    spec: { template: { spec: { containers: [{ image: o.image ?? 'nginx:1.25.1' }] } } },
    ...(o.status ? { status: o.status } : {}),
  };
}

describe('image change progress', () => {
  it.each([
    [
      'not yet observed',
      { phase: 'Healthy', observedGeneration: '1', stableRS: 'a', currentPodHash: 'a' },
      false,
      false,
    ],
    [
      'at the first pause',
      {
        phase: 'Paused',
        observedGeneration: '2',
        currentStepIndex: 1,
        pauseConditions: [{}],
        stableRS: 'a',
        currentPodHash: 'b',
      },
      true,
      false,
    ],
    [
      'at step 1 before the pause is set',
      {
        phase: 'Progressing',
        observedGeneration: '2',
        currentStepIndex: 1,
        stableRS: 'a',
        currentPodHash: 'b',
      },
      false,
      false,
    ],
    [
      'past the first pause',
      {
        phase: 'Progressing',
        observedGeneration: 2,
        currentStepIndex: 3,
        stableRS: 'a',
        currentPodHash: 'b',
      },
      true,
      false,
    ],
    [
      'done',
      {
        phase: 'Healthy',
        observedGeneration: '2',
        currentStepIndex: 4,
        stableRS: 'b',
        currentPodHash: 'b',
      },
      true,
      true,
    ],
  ])('%s', (_, status, paused, settled) => {
    const r = aRolloutView({ status });
    expect(hasReachedFirstPause(r, 'nginx:1.25.1')).toBe(paused);
    expect(isSettled(r)).toBe(settled);
  });

  it('does not count a pause on another image', () => {
    const r = aRolloutView({
      status: { observedGeneration: '2', currentStepIndex: 1, pauseConditions: [{}] },
    });
    expect(hasReachedFirstPause(r, 'nginx:1.25.2')).toBe(false);
  });
});

describe('controller identities', () => {
  it('signs a client certificate in system:masters named for the controller', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'identity-'));
    try {
      const pki = await createPki(join(dir, 'pki'));
      const file = await writeUserKubeconfig({
        server: 'https://127.0.0.1:6443',
        pkiDir: pki.dir,
        dir,
        user: 'bench:ours',
      });
      const config = parse(await readFile(file, 'utf8')) as {
        users: Array<{ name: string; user: { 'client-certificate-data': string } }>;
      };
      expect(config.users[0]?.name).toBe('bench:ours');
      const pem = Buffer.from(config.users[0]?.user['client-certificate-data'] ?? '', 'base64');
      const subject = execFileSync('openssl', ['x509', '-noout', '-subject'], { input: pem });
      expect(subject.toString()).toMatch(/O\s*=\s*system:masters, CN\s*=\s*bench:ours/);
      execFileSync('openssl', ['verify', '-CAfile', pki.ca.certFile], { input: pem });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
