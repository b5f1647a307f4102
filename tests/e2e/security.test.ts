import { describe, expect, it } from 'vitest';
import { newContext, openApp, state, useHarness, waitReady, type OpenedPage } from './harness.ts';

const h = useHarness();

const HOSTILE = [
  '<img src=x onerror="window.__pwned=1">',
  '"><script>window.__pwned=1</script>',
  '1e400',
  '-1',
  'NaN',
  '',
  'x'.repeat(1000),
  '%00%0a',
  '../../../etc/passwd',
  '{"t":1}',
  'javascript:alert(1)',
  '9999999999999999999999',
];
const PARAMS = ['t', 'event', 'place', 'view', 'layers', 'mode', 'embed', 'follow', 'idle'];

describe('security in Chromium', () => {
  it('runs under the strict Content-Security-Policy with no violation reported', async () => {
    const context = await newContext(h, { viewport: { width: 1280, height: 760 } });
    const page = await context.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { __csp: string[] };
      w.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const res = await page.goto(`${h.url}?t=2025-06-02T12:00Z`);
    const csp = res?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
    await page.locator('.event-list button').nth(8).click();
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
    await context.close();
  });

  it('treats hostile URL parameters as absent: no error, no injected markup, defaults used', async () => {
    // One page, loaded again for each value (a new document each time; the browser's cache spares
    // fetching and compiling the app twelve times). A small window: only the parsing is at stake, and
    // a software-rendered first frame costs by the pixel.
    let opened: OpenedPage | null = null;
    let dialogs = 0;
    for (const value of HOSTILE) {
      const query = `?${PARAMS.map((p) => `${p}=${encodeURIComponent(value)}`).join('&')}`;
      if (!opened) {
        opened = await openApp(h, query, { width: 480, height: 360 });
        opened.page.on('dialog', (d) => {
          dialogs++;
          void d.dismiss();
        });
      } else {
        opened.errors.length = 0;
        await opened.page.goto(h.url + query);
        await waitReady(opened.page);
      }
      const { page, errors } = opened;
      const s = await state(page);
      expect(s.mode, value).toBe('explore');
      expect(s.place, value).toBeNull();
      expect(s.view, value).toBeNull();
      expect(s.t, value).toBe(Date.parse('2025-05-15T00:00Z'));
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? 0), value).toBe(0);
      expect(await page.locator('img[src="x"], script:not([src])').count(), value).toBe(0);
      expect(errors, value).toEqual([]);
      expect(dialogs, value).toBe(0);
    }
    await opened?.page.context().close();
  });

  it('shows a visible message naming the file when a data file fails to load', async () => {
    const context = await newContext(h, { viewport: { width: 1000, height: 700 } });
    const page = await context.newPage();
    await page.route('**/data/places.json', (r) => r.fulfill({ status: 500, body: 'boom' }));
    await page.goto(h.url);
    const alert = page.locator('[role="alert"]');
    await alert.waitFor({ state: 'visible' });
    expect(await alert.textContent()).toContain('places.json');
    expect(await page.evaluate(() => document.documentElement.dataset.ready)).toBe('false');
    await context.close();
  });

  it('says so when a data file is not JSON', async () => {
    const context = await newContext(h, { viewport: { width: 1000, height: 700 } });
    const page = await context.newPage();
    await page.route('**/data/story.json', (r) => r.fulfill({ status: 200, body: '<html>oops', contentType: 'text/html' }));
    await page.goto(h.url);
    const alert = page.locator('[role="alert"]');
    await alert.waitFor({ state: 'visible' });
    expect(await alert.textContent()).toContain('story.json: is not valid JSON');
    await context.close();
  });
});
