/**
 * Fault figures for `npm run bench` (issue 15): the same canary with analysis (the scenario of
 * test/controller/canary-through-faults.test.ts) fault-free and with 15 % of the controller's API
 * requests failing through the fault proxy. Wall time from the image change until Healthy on the
 * new revision, medians of BENCH_FAULT_RUNS runs (default 3, a new proxy seed each), for two pause
 * lengths: 1 s (nearly all the time is API work) and 10 s (pauses dominate, as in a real canary).
 */
import { runCanaryThroughFaults } from '../test/support/canary-through-faults.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const STEPS = 7;

async function profile(pauseSeconds: number, runs: number): Promise<Array<[string, string]>> {
  const clean: number[] = [];
  const faulty: number[] = [];
  const noticed: number[] = [];
  let events = '';
  let faults = { injected: 0, requests: 0, retryAfters: 0 };
  for (let i = 0; i < runs; i++) {
    clean.push((await runCanaryThroughFaults({ faultRate: 0, seed: i + 1, pauseSeconds })).ms);
    const run = await runCanaryThroughFaults({ faultRate: 0.15, seed: 100 + i, pauseSeconds });
    faulty.push(run.ms);
    noticed.push(run.noticedMs);
    const f = run.proxy.faults;
    faults = {
      injected: faults.injected + f['500'] + f['503'] + f['429'] + f['409'] + f.drop,
      requests: faults.requests + run.proxy.requests,
      retryAfters: faults.retryAfters + f['429'],
    };
    events += `${new Set(run.stepEvents).size === STEPS && run.stepEvents.length === STEPS && run.rollout.status?.phase === 'Healthy' ? 'ok' : 'WRONG'} `;
  }
  const label = `canary with analysis, ${pauseSeconds} s pauses`;
  return [
    [
      `${label}: fault-free / 15 % faults (median s)`,
      `${(median(clean) / 1000).toFixed(1)} / ${(median(faulty) / 1000).toFixed(1)}`,
    ],
    [`${label}: ratio (target ≤ 1.5)`, (median(faulty) / median(clean)).toFixed(2)],
    [`${label}: image change noticed after (median ms, 15 % faults)`, median(noticed).toFixed(0)],
    [
      `${label}: faults injected / requests, 429s (Retry-After: 1), over ${runs} runs`,
      `${faults.injected} / ${faults.requests}, ${faults.retryAfters}`,
    ],
    [`${label}: end state and ${STEPS} step Events once each, per run`, events.trim()],
  ];
}

export async function benchFaults(): Promise<Array<[string, string]>> {
  const runs = Number(process.env.BENCH_FAULT_RUNS ?? 3);
  return [...(await profile(1, runs)), ...(await profile(10, runs))];
}
