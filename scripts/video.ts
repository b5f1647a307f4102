// npm run video: a captioned video of a span of the story from the built app, one line per file (see the README).
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { VideoInfo } from '../src/export/video-api.ts';
import { DIST, openReadyPage, startSession } from './lib/session.ts';
import { startTool, toolExit, writeOutput } from './lib/tool.ts';
import { parseVideoArgs, planVideos, USAGE } from './video-args.ts';
/** Bytes read from the page per call (base64 over the DevTools protocol). */
const READ_BYTES = 4 * 1024 * 1024;

/** Returns "mp4" or "webm" from a file's first bytes, or null when it is neither. */
export function containerOf(buf: Buffer): 'mp4' | 'webm' | null {
  if (buf.length >= 12 && buf.toString('latin1', 4, 8) === 'ftyp') return 'mp4';
  if (buf.length >= 4 && buf.readUInt32BE(0) === 0x1a45dfa3) return 'webm';
  return null;
}

const { state, fail, watchSignals } = toolExit('video');

/** Returns "1:05"-style text for a duration in ms. */
const clock = (ms: number): string => {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

async function main(): Promise<void> {
  const tool = await startTool(DIST, process.argv.slice(2), { parse: parseVideoArgs, plan: planVideos, usage: USAGE }, fail);
  if (!tool) return;
  const { opts, items: videos } = tool;
  const out = resolve(opts.out);
  watchSignals();
  const session = await startSession();
  state.close = session.close;
  const { page, pageErrors } = await openReadyPage(session, videos[0].query, opts);
  const tty = process.stderr.isTTY;

  for (const video of videos) {
    const started = Date.now();
    await page.evaluate(() => delete window.explainerVideoProgress);
    const ticker = setInterval(async () => {
      const p = await page.evaluate(() => window.explainerVideoProgress).catch(() => null);
      if (p && tty) process.stderr.write(`\r${video.label}: frame ${p.frame}/${p.frames}${p.leftMs === null ? '' : `, about ${clock(p.leftMs)} left`}   `);
    }, 1000);
    let info: VideoInfo;
    try {
      info = await page.evaluate((req) => {
        if (!window.explainerVideo) throw new Error('window.explainerVideo is missing from the page: rebuild with npm run build');
        return window.explainerVideo(req);
      }, video.request);
    } finally {
      clearInterval(ticker);
      if (tty) process.stderr.write('\r\x1b[K');
    }
    const parts = [];
    for (let at = 0; at < info.bytes; at += READ_BYTES) parts.push(Buffer.from(await page.evaluate(([o, n]) => window.explainerVideoBytes!(o, n), [at, READ_BYTES]), 'base64'));
    const buf = Buffer.concat(parts);
    const kind = containerOf(buf);
    if (buf.length !== info.bytes || !kind || !info.fileName.endsWith(`.${kind}`)) throw new Error(`${video.label}: expected a ${info.label} file of ${info.bytes} bytes, got ${buf.length} bytes (${kind ?? 'neither MP4 nor WebM'})`);
    if (pageErrors.length) throw new Error(`${video.label}: page error: ${pageErrors[0]}`);
    const shown = writeOutput(state, out, info.fileName, buf);
    console.log(
      `${shown}  ${info.width}×${info.height} px  ${info.seconds.toFixed(2)} s  ${info.frames} frames at ${info.fps} fps  ${info.label}  (${video.label}, ${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
  }
  await session.close();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => fail(e));
}
