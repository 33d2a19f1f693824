import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILD_COMMAND, findMissingBinaries } from '../../functions/real-cluster/index.js';
import { kubectlVersion } from '../support/kubectl-session.js';

// Issue 19: the README's walk-throughs run as scripts, in order, against one fresh `npm start`
// (scripts/walkthrough/run.sh). The scripts hold the README's commands verbatim, with waits and
// assertions between them; the first test keeps the two from drifting apart.
const root = resolve(import.meta.dirname, '../..');
const dir = join(root, 'scripts/walkthrough');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** The ```sh blocks of the README section under `## heading`. */
function blocksOf(heading: string): string[] {
  const start = readme.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`README has no section "## ${heading}"`);
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
}

/** Shell text as commands: continuation lines joined, comments and repeated blanks dropped. */
function commandsOf(text: string): string[] {
  return text
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((line) =>
      line
        .replace(/(^|\s+)#\s.*$/, '')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((line) => line !== '');
}

const first = (line: string) => (blocks: string[]) =>
  blocks.filter((b) => commandsOf(b)[0] === line);

/** Which README blocks each script walks through, in the order they run. */
const SECTIONS: Array<{ script: string; heading: string; pick: (blocks: string[]) => string[] }> = [
  {
    script: '10-quickstart-canary.sh',
    heading: 'Quickstart',
    pick: first('export KUBECONFIG=$PWD/.rollouts/kubeconfig'),
  },
  {
    script: '20-analysis.sh',
    heading: 'Quickstart',
    pick: (b) => b.filter((x) => x.includes('rollout-analysis-step.yaml')),
  },
  {
    script: '21-analysis-outcomes.sh',
    heading: 'Quickstart',
    pick: (b) => b.filter((x) => x.includes('"job-fails"')),
  },
  {
    script: '30-blue-green.sh',
    heading: 'Quickstart',
    pick: first('kubectl apply -f test/fixtures/manifests/rollout-bluegreen.yaml'),
  },
  { script: '40-cli-and-rest-api.sh', heading: 'CLI and REST API', pick: (b) => b },
  { script: '45-dashboard-and-metrics.sh', heading: 'Dashboard and metrics', pick: (b) => b },
  { script: '50-traffic.sh', heading: 'Traffic routing', pick: (b) => b },
  { script: '60-experiments.sh', heading: 'Experiments', pick: (b) => b },
  {
    script: '70-notifications.sh',
    heading: 'Notifications',
    pick: first('node scripts/notification-sink.mjs --port 9099 --out /tmp/notifications.jsonl &'),
  },
];

describe('the walk-through scripts', () => {
  it('are the sections listed here, each found in the README', () => {
    expect(
      readdirSync(dir)
        .filter((f) => /^\d\d-.*\.sh$/.test(f))
        .sort(),
    ).toEqual(SECTIONS.map((s) => s.script));
  });

  it.each(SECTIONS)(
    '$script runs every command of README "$heading", in order',
    ({ script, heading, pick }) => {
      const wanted = pick(blocksOf(heading)).flatMap(commandsOf);
      expect(wanted.length).toBeGreaterThan(0);
      const lines = commandsOf(readFileSync(join(dir, script), 'utf8'));
      let at = 0;
      for (const command of wanted) {
        const found = lines.findIndex((line, i) => i >= at && line.includes(command));
        expect(found, `${script} lacks, after line ${at}: ${command}`).toBeGreaterThanOrEqual(0);
        at = found + 1;
      }
    },
  );
});

/** What the walk-throughs need besides Node: the README's own kubectl and curl. */
const missing = [
  kubectlVersion ? undefined : "kubectl (.ci/run installs Debian's kubernetes-client)",
  onPath('curl') ? undefined : 'curl (apt-get install curl)',
].filter(Boolean);

function onPath(tool: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
}

const realMissing = await findMissingBinaries();
/** The same scripts against each backend `npm start` offers (issue 16: the walk-throughs on both). */
const BACKENDS = [
  { name: 'a fresh npm start', env: {}, skip: undefined },
  {
    name: 'a fresh CLUSTER=real npm start',
    env: { WALKTHROUGH_CLUSTER: 'real' },
    skip:
      realMissing.length > 0
        ? `real control plane not built (${realMissing.join(', ')} missing): run \`${BUILD_COMMAND}\``
        : undefined,
  },
];

// About 3 minutes each on a 2-core machine: the canary's 30 s + 15 s pauses and the CLI's start-ups dominate.
describe.skipIf(missing.length > 0)(
  missing.length
    ? `the README walk-throughs — SKIPPED: not on PATH: ${missing.join(', ')}`
    : 'the README walk-throughs',
  () => {
    for (const backend of BACKENDS)
      it.skipIf(backend.skip !== undefined)(
        `pass against ${backend.name}, every section in order${backend.skip ? ` (skipped: ${backend.skip})` : ''}`,
        async () => {
          const { code, output } = await new Promise<{ code: number | null; output: string }>(
            (done) => {
              const child = spawn('bash', [join(dir, 'run.sh')], {
                cwd: root,
                env: { ...process.env, WALKTHROUGH_KEEP: '0', ...backend.env },
                stdio: ['ignore', 'pipe', 'pipe'],
              });
              let output = '';
              child.stdout.on('data', (d: Buffer) => (output += d.toString()));
              child.stderr.on('data', (d: Buffer) => (output += d.toString()));
              child.on('close', (c) => done({ code: c, output }));
            },
          );
          expect(code, output.slice(-6000)).toBe(0);
          expect(output).toContain(`=== all ${SECTIONS.length} sections passed`);
        },
        600_000,
      );
  },
);
