import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSession } from './lib/session.ts';
import { writeScaledApp } from './lib/synthetic-story.ts';
const n = Number(process.argv[2] ?? 100);
const dir = mkdtempSync(join(tmpdir(), 's17-prof-'));
writeScaledApp('/work/wt-s17/dist', dir, n);
const session = await startSession({ root: dir });
try {
  const ctx = await session.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion: 'reduce' });
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  const t0 = Date.now();
  await page.goto(`${session.url}?t=2025-05-31T18:00Z&follow=0`);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 300_000, polling: 100 });
  console.log(`x${n} data-ready ${Date.now() - t0} ms`);
  const load = await cdp.send('Profiler.stop');
  writeFileSync(`/tmp/s17prof/page-load-x${n}.cpuprofile`, JSON.stringify(load.profile));
  await cdp.send('Profiler.start');
  const t1 = Date.now();
  const steps = 10;
  for (let i = 0; i < steps; i++) {
    await page.keyboard.press('ArrowRight');
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  }
  console.log(`x${n} ${steps} event steps: ${(Date.now() - t1) / steps} ms each`);
  const st = await cdp.send('Profiler.stop');
  writeFileSync(`/tmp/s17prof/page-steps-x${n}.cpuprofile`, JSON.stringify(st.profile));
  console.log('elements', await page.evaluate(() => document.getElementsByTagName('*').length));
} finally {
  await session.close();
  rmSync(dir, { recursive: true, force: true });
}
