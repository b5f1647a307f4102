import { createServer, type Server } from 'node:http';
import { join, resolve } from 'node:path';
import sirv from 'sirv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newContext, useHarness, waitReady } from './harness.ts';

// A bare static host that sends no security header: what a deployment of dist/ gets before it
// configures any. The <meta> CSP the build writes must then hold on its own, in every mode.
// The suite's Chromium, with this file's own server.
const h = useHarness();
let server: Server;
let url: string;

beforeAll(async () => {
  const files = sirv(join(resolve(import.meta.dirname, '../..'), 'dist'), { dev: true });
  server = createServer((req, res) => files(req, res));
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  url = `http://127.0.0.1:${(server.address() as import('node:net').AddressInfo).port}/`;
});
afterAll(async () => {
  await new Promise((ok) => server?.close(ok));
});

describe('the built page on a host that sends no headers', () => {
  for (const query of ['?t=2025-06-02T12:00Z', '?mode=kiosk', '?mode=screenshot&t=2025-06-01T11:35Z', '?embed=1&t=2025-06-01T11:35Z']) {
    it(`enforces its meta CSP and draws with no violation: ${query}`, async () => {
      const context = await newContext(h, { viewport: { width: 1280, height: 760 } });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('pageerror', (e) => errors.push(e.message));
      await page.addInitScript(() => {
        const w = window as unknown as { __csp: string[] };
        w.__csp = [];
        document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
      });
      const res = await page.goto(url + query);
      expect(res?.headers()['content-security-policy']).toBeUndefined();
      await waitReady(page);
      expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
      expect(errors).toEqual([]);
      // The policy is live: an inline script added now is refused and reported.
      await page.evaluate(() => {
        const s = document.createElement('script');
        s.textContent = 'window.__inlineRan = true';
        document.head.append(s);
      });
      await page.waitForFunction(() => (window as unknown as { __csp: string[] }).__csp.length > 0);
      expect(await page.evaluate(() => (window as unknown as { __inlineRan?: boolean }).__inlineRan)).toBeUndefined();
      expect((await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp))[0]).toMatch(/^script-src/);
      await context.close();
    });
  }

  it('links the licence notices from the credit line under the sources', async () => {
    const page = await (await newContext(h, { viewport: { width: 1280, height: 760 } })).newPage();
    await page.goto(`${url}?t=2025-06-02T12:00Z`);
    await waitReady(page);
    await page.getByRole('button', { name: 'Sources', exact: true }).click();
    const link = page.getByRole('link', { name: 'licences and notices' });
    expect(await link.isVisible()).toBe(true);
    const href = await link.evaluate((a) => (a as HTMLAnchorElement).href);
    expect(href).toBe(`${url}THIRD-PARTY-NOTICES.txt`);
    const text = await page.evaluate(async (u) => (await fetch(u)).text(), href);
    expect(text).toMatch(/^maplibre-gl@\d/m);
    await page.context().close();
  });
});
