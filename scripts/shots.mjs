import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumPath, launchChromium } from './lib/chromium.mjs';
import { startServer } from './serve.mjs';
import { parseArgs, planShots, USAGE } from './shots-args.mjs';

const DIST = resolve(fileURLToPath(new URL('..', import.meta.url)), 'dist');
const PAGE_TIMEOUT_MS = 120_000;

/** Returns [width, height] from a PNG's IHDR chunk, or null when the bytes are not a PNG. */
function pngSize(buf) {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (buf.length < 24 || sig.some((b, i) => buf[i] !== b) || buf.toString('latin1', 12, 16) !== 'IHDR') return null;
  return [buf.readUInt32BE(16), buf.readUInt32BE(20)];
}

let partial = null;
let closeAll = async () => {};

/** Prints one line on stderr, removes any half-written file, closes the browser and server, and exits non-zero. */
async function fail(message, code = 1) {
  if (partial) rmSync(partial, { force: true });
  partial = null;
  process.stderr.write(`shots: ${String(message).split('\n')[0]}\n`);
  await closeAll().catch(() => {});
  process.exit(code);
}

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    return fail(e.message);
  }
  if (opts.help) {
    console.log(USAGE);
    return;
  }
  if (!existsSync(join(DIST, 'index.html'))) return fail('dist/ not found: run npm run build first');
  let shots;
  try {
    shots = planShots(opts, JSON.parse(readFileSync(join(DIST, 'data', 'story.json'), 'utf8')));
    chromiumPath();
  } catch (e) {
    return fail(e.message);
  }
  const out = resolve(opts.out);
  const { server, url } = await startServer({ root: DIST });
  let browser = null;
  closeAll = async () => {
    await browser?.close();
    await new Promise((ok) => server.close(ok));
  };
  for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => void fail(`stopped by ${sig}`, 130));
  browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: opts.width, height: opts.height }, deviceScaleFactor: 1 });
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  let missing = null;
  const missed = new Promise((_, ko) => {
    missing = ko;
  });
  missed.catch(() => {});
  page.on('response', (r) => {
    if (r.status() >= 400) missing(new Error(`the page could not load ${r.url().replace(url, '')} (HTTP ${r.status()}); rebuild with npm run build`));
  });

  for (const [i, shot] of shots.entries()) {
    const started = Date.now();
    if (i === 0) {
      await page.goto(url + shot.query);
      await Promise.race([
        page.waitForFunction(() => document.documentElement.dataset.ready === 'true' || document.documentElement.dataset.error === 'true', null, {
          timeout: PAGE_TIMEOUT_MS,
        }),
        missed,
      ]);
      const failed = await page.evaluate(() => (document.documentElement.dataset.error === 'true' ? (document.querySelector('.load-error p')?.textContent ?? 'load error') : null));
      if (failed) throw new Error(`the page failed to load: ${failed}`);
    } else await page.evaluate((t) => window.explainer.store.getState().set({ t, playing: false }), shot.t);
    const r = await page.evaluate((o) => {
      if (!window.explainerExport) throw new Error('window.explainerExport is missing from the page: rebuild with npm run build');
      return window.explainerExport(o);
    }, { width: opts.width, height: opts.height, scale: opts.scale });
    const buf = Buffer.from(r.base64, 'base64');
    const size = pngSize(buf);
    const want = [opts.width * opts.scale, opts.height * opts.scale];
    if (!size || size[0] !== want[0] || size[1] !== want[1]) throw new Error(`${shot.label}: expected a ${want.join('×')} PNG, got ${size ? size.join('×') : 'no PNG'}`);
    if (pageErrors.length) throw new Error(`${shot.label}: page error: ${pageErrors[0]}`);
    mkdirSync(out, { recursive: true });
    const file = join(out, r.fileName);
    partial = `${file}.partial`;
    writeFileSync(partial, buf);
    renameSync(partial, file);
    partial = null;
    const shown = relative(process.cwd(), file);
    console.log(`${shown.startsWith('..') ? file : shown}  ${size[0]}×${size[1]} px  (${shot.label}, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  await closeAll();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => fail(e instanceof Error ? e.message : String(e)));
}
