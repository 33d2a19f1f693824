import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubeClient } from '../../src/adapters/kube/index.js';
import {
  createReleases,
  failedRelease,
  heldRelease,
  minutesFrom,
} from '../support/builders/release.js';
import {
  artifacts,
  CHROMIUM,
  type DashboardBed,
  hasChromium,
  startDashboardBed,
} from './dashboard-bed.js';

// The dashboard's Releases view (issue 21 §6) in Debian's headless Chromium against a devcluster
// holding two Release objects, served by the Node server. Never downloads a browser: without
// /usr/bin/chromium it is skipped (`apt-get install chromium` un-skips it).
const TOKEN = 'browser-releases-token';

let bed: DashboardBed;
let now: number;

describe.skipIf(!hasChromium)(
  hasChromium
    ? 'releases view in headless Chromium'
    : `releases view in headless Chromium — SKIPPED: ${CHROMIUM} missing`,
  () => {
    beforeAll(async () => {
      bed = await startDashboardBed({ crds: ['rollout.yaml', 'release.yaml'], token: TOKEN });
      now = Date.now();
      await createReleases(new KubeClient({ server: bed.cluster.url }), [
        failedRelease(now),
        heldRelease(now),
      ]);
    }, 30_000);

    afterAll(() => bed?.close());

    it('shows each release with its phase, wave chips, hold and failure, and the figures', async () => {
      const pageErrors: string[] = [];
      const context = await bed.browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      page.on('pageerror', (e) => pageErrors.push(e.message));
      await page.goto(`${bed.base}/?namespace=_all#token=${TOKEN}`);
      await page.locator('#nav-releases').click();

      const failed = page.locator('#releases section.release[data-name="shop-b2c3d4e"]');
      await failed.waitFor({ timeout: 15_000 });
      expect(await failed.locator('.head .status').innerText()).toBe('Failed');
      expect(await failed.locator('.wave-label').allInnerTexts()).toEqual([
        'Wave 1 · passed',
        'Wave 2 · failed',
        'Wave 3 · pending',
      ]);
      expect(await failed.locator('.chip.c-failed').innerText()).toMatch(/^prod-eu\s+failed$/);
      expect(await failed.locator('.chip.c-healthy').innerText()).toMatch(/^staging\s+healthy$/);
      expect(await failed.locator('.chip.c-pending').count()).toBe(2);
      expect(await failed.locator('.msg.failure').innerText()).toBe(
        `Failed in prod-eu, shop/web: the Rollout is Degraded (${minutesFrom(now, -30)})`,
      );

      const held = page.locator('#releases section.release[data-name="billing-c3d4e5f"]');
      expect(await held.locator('.head .status').innerText()).toBe('Held');
      expect(await held.locator('.msg.held').innerText()).toBe(
        `Held by window: deny window "0 18 * * 5" (Europe/Paris), until ${minutesFrom(now, 120)}`,
      );
      // Newest first: the held release was committed after the failed one.
      expect(
        await page
          .locator('#releases section.release')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-name'))),
      ).toEqual(['billing-c3d4e5f', 'shop-b2c3d4e']);

      const figures = page.locator('#figures');
      expect(await figures.locator('h3').innerText()).toBe('Delivery, last 30d');
      expect(await figures.innerText()).toContain('100% (1 of 1)');
      await page.screenshot({ path: join(artifacts, 'releases-1280.png'), fullPage: true });

      await page.setViewportSize({ width: 390, height: 844 });
      const overflow = await page.evaluate<number>(
        'document.documentElement.scrollWidth - window.innerWidth',
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: join(artifacts, 'releases-390.png'), fullPage: true });
      expect(pageErrors).toEqual([]);
      await context.close();
    }, 60_000);
  },
);
