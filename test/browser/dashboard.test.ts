import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevCluster } from '../../src/devcluster/index.js';
import { aCanaryRollout } from '../controller/world.js';
import {
  artifacts,
  CHROMIUM,
  type DashboardBed,
  hasChromium,
  startDashboardBed,
} from './dashboard-bed.js';

// The dashboard in Debian's headless Chromium against what `npm start` runs: a devcluster and the
// Node server with real timers. Never downloads a browser: without /usr/bin/chromium it is skipped
// (`apt-get install chromium` un-skips it).
const TOKEN = 'browser-test-token';

let bed: DashboardBed;
let cluster: DevCluster;
let browser: Browser;
let base: string;
const pageErrors: string[] = [];

const roDef = () => cluster.api.resource('argoproj.io', 'v1alpha1', 'rollouts');

if (!hasChromium)
  console.warn(
    `test/browser skipped: ${CHROMIUM} is missing (apt-get install -y chromium; browsers are never downloaded)`,
  );

describe.skipIf(!hasChromium)(
  hasChromium
    ? 'dashboard in headless Chromium'
    : `dashboard in headless Chromium — SKIPPED: ${CHROMIUM} missing`,
  () => {
    beforeAll(async () => {
      bed = await startDashboardBed({
        crds: [
          'rollout.yaml',
          'analysis-run.yaml',
          'analysis-template.yaml',
          'cluster-analysis-template.yaml',
          'experiment.yaml',
        ],
        token: TOKEN,
      });
      ({ cluster, browser, base } = bed);
      const steps = [{ setWeight: 20 }, { pause: {} }, { setWeight: 60 }, { pause: {} }];
      cluster.api.create(roDef(), 'default', aCanaryRollout('shop', { replicas: 5, steps }));
      await eventually(() => phase('shop') === 'Healthy', 'shop Healthy');
      addFinishedAnalysisRun();
    }, 30_000);

    afterAll(() => bed?.close());

    it('lists, follows a rollout live, promotes and aborts it, at desktop and phone widths', async () => {
      const page = await openPage(1280);
      await page.goto(`${base}/#token=${TOKEN}`);
      // The token leaves the address bar at once and is kept for the next visit.
      expect(page.url()).not.toContain(TOKEN);
      const card = page.locator('#rollouts a.card[data-name="shop"]');
      await card.getByText('Healthy').waitFor();
      await card.getByText('registry.example/shop:v1').waitFor();
      await page.screenshot({ path: join(artifacts, 'list-1280.png'), fullPage: true });

      await card.click();
      const status = page.locator('#rollout .head .status');
      await status.getByText('Healthy').waitFor();
      await page.evaluate('window.notReloaded = true');
      // The finished run of revision 1, its measurements charted over time.
      await page.locator('#analysis svg.chart circle.Successful').nth(4).waitFor();
      await page.locator('#analysis').getByText('5 measurements', { exact: false }).waitFor();

      // Set image from the page: the stream brings the canary in without a reload.
      await page.locator('#set-image input[name=image]').fill('registry.example/shop:v2');
      await page.locator('#set-image button[type=submit]').click();
      await status.getByText('Paused').waitFor({ timeout: 15_000 });
      await page.locator('#summary').getByText('1/4').waitFor();
      await page.locator('#steps li.current').getByText('Pause (until promoted)').waitFor();
      await page.locator('#revisions .tag.canary').first().waitFor();
      await page.locator('#revisions .pod.ok').nth(4).waitFor();
      expect(await page.evaluate('window.notReloaded === true')).toBe(true);
      await page.screenshot({ path: join(artifacts, 'rollout-paused-1280.png'), fullPage: true });

      await page.locator('button[data-action="Promote"]').click();
      await page.locator('#summary').getByText('3/4').waitFor({ timeout: 15_000 });
      await page
        .locator('#summary')
        .getByText('set 60%', { exact: false })
        .or(page.locator('#summary').getByText('60%').first())
        .first()
        .waitFor();

      await page.locator('button[data-action="Abort"]').click();
      await status.getByText('Degraded').waitFor({ timeout: 15_000 });
      await page.locator('#message').getByText('RolloutAborted', { exact: false }).waitFor();
      expect(phase('shop')).toBe('Degraded');
      expect(await page.evaluate('window.notReloaded === true')).toBe(true);
      await page.screenshot({ path: join(artifacts, 'rollout-aborted-1280.png'), fullPage: true });

      // Phone width: same pages, token remembered from localStorage.
      const phone = await openPage(390, page);
      await phone.goto(`${base}/`);
      await phone.locator('#rollouts a.card[data-name="shop"]').getByText('Degraded').waitFor();
      await phone.screenshot({ path: join(artifacts, 'list-390.png'), fullPage: true });
      await phone.goto(`${base}/#/ro/default/shop`);
      await phone.locator('#rollout .head .status').getByText('Degraded').waitFor();
      await phone.locator('#steps').waitFor();
      const overflow = await phone.evaluate<number>(
        'document.documentElement.scrollWidth - window.innerWidth',
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await phone.screenshot({ path: join(artifacts, 'rollout-390.png'), fullPage: true });

      expect(pageErrors).toEqual([]);
    }, 60_000);

    it('asks for a token, and says so clearly when the API refuses it', async () => {
      const context = await browser.newContext({ viewport: { width: 390, height: 800 } });
      const page = await context.newPage();
      await page.goto(`${base}/`);
      await page.locator('#token-input').fill('wrong-token');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.locator('#banner').getByText('refused the token').waitFor();
      await page.locator('#token-input').fill(TOKEN);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.locator('#rollouts a.card[data-name="shop"]').waitFor();
      await context.close();
    }, 20_000);

    // Issue 19: a one-shot capture right after `load` saw "Loading…". The server now renders the first
    // view for a browser holding the sign-in cookie (set when the page signs in, here by #token=).
    it('shows the rollout in a one-shot screenshot right after load, and without JavaScript at all', async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const signIn = await context.newPage();
      await signIn.goto(`${base}/#token=${TOKEN}`);
      await signIn.locator('#rollouts a.card[data-name="shop"]').waitFor();
      const viewCookie = async () =>
        (await context.cookies()).find((c) => c.name === 'rollouts_view');
      for (let i = 0; i < 100 && !(await viewCookie()); i++)
        await new Promise((r) => setTimeout(r, 50));
      expect(await viewCookie()).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });

      const page = await context.newPage();
      const response = await page.goto(`${base}/`, { waitUntil: 'load' });
      await page.screenshot({ path: join(artifacts, 'first-view-1280.png') });
      expect(await page.locator('main').innerText()).toContain('shop');
      expect(await response?.text()).toContain('data-name="shop"');

      const noScript = await browser.newContext({
        javaScriptEnabled: false,
        viewport: { width: 390, height: 844 },
      });
      await noScript.addCookies(await context.cookies());
      const still = await noScript.newPage();
      await still.goto(`${base}/?rollout=default/shop`, { waitUntil: 'load' });
      await still.screenshot({
        path: join(artifacts, 'first-view-rollout-no-js-390.png'),
        fullPage: true,
      });
      expect(await still.locator('#rollout h1').innerText()).toBe('shop');
      expect(await still.locator('main').innerText()).not.toContain('Loading…');
      const signedOut = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
      await signedOut.goto(`${base}/`, { waitUntil: 'load' });
      expect(await signedOut.locator('main h2').innerText()).toBe('Sign in');
      await Promise.all([context.close(), noScript.close(), signedOut.context().close()]);
    }, 30_000);
  },
);

async function openPage(width: number, sameStorageAs?: Page): Promise<Page> {
  const storageState = sameStorageAs ? await sameStorageAs.context().storageState() : undefined;
  const context = await browser.newContext({
    viewport: { width, height: width < 500 ? 844 : 900 },
    ...(storageState ? { storageState } : {}),
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/EventSource|net::ERR|401/.test(m.text()))
      pageErrors.push(m.text());
  });
  return page;
}

/** A finished run with a few measurements, as the analysis of revision 1 would have left it: the page charts it. */
function addFinishedAnalysisRun(): void {
  const uid = (cluster.api.get(roDef(), 'default', 'shop') as { metadata: { uid: string } })
    .metadata.uid;
  const arDef = cluster.api.resource('argoproj.io', 'v1alpha1', 'analysisruns');
  const owner = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    name: 'shop',
    uid,
    controller: true,
    blockOwnerDeletion: true,
  };
  const revision = { 'rollout.argoproj.io/revision': '1' };
  const metadata = {
    name: 'shop-success-rate-1',
    labels: revision,
    annotations: revision,
    ownerReferences: [owner],
  };
  const spec = {
    metrics: [
      {
        name: 'success-rate',
        successCondition: 'result[0] >= 0.95',
        provider: { prometheus: { address: 'http://prometheus.invalid', query: 'rate' } },
      },
    ],
  };
  cluster.api.create(arDef, 'default', {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AnalysisRun',
    metadata,
    spec,
  });
  const t0 = Date.now() - 5 * 60_000;
  const at = (i: number) => new Date(t0 + i * 60_000).toISOString();
  const values = ['[0.97]', '[0.99]', '[0.96]', '[0.98]', '[0.995]'];
  const measurements = values.map((value, i) => ({
    phase: 'Successful',
    value,
    startedAt: at(i),
    finishedAt: at(i),
  }));
  const status = {
    phase: 'Successful',
    startedAt: at(0),
    metricResults: [
      { name: 'success-rate', phase: 'Successful', count: 5, successful: 5, measurements },
    ],
  };
  cluster.api.patch(
    arDef,
    'default',
    'shop-success-rate-1',
    'merge',
    { status },
    { subresource: 'status' },
  );
}

function phase(name: string): string | undefined {
  return (
    cluster.api.list(roDef(), 'default').items as Array<{
      metadata: { name: string };
      status?: { phase?: string };
    }>
  ).find((r) => r.metadata.name === name)?.status?.phase;
}

async function eventually(probe: () => boolean, what: string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
