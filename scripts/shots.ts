// npm run shots: PNGs of ?mode=screenshot from the built app, one line per file (see the README).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIST, openReadyPage, startSession } from './lib/session.ts';
import { SOCIAL_IMAGE } from './lib/story-html.ts';
import { startTool, toolExit, writeOutput } from './lib/tool.ts';
import { eventsInOrder, parseShotsArgs, planShots, USAGE, usageWithEvents, type ToolStory } from './shots-args.ts';

/** Returns [width, height] from a PNG's IHDR chunk, or null when the bytes are not a PNG. */
export function pngSize(buf: Buffer): [number, number] | null {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (buf.length < 24 || sig.some((b, i) => buf[i] !== b) || buf.toString('latin1', 12, 16) !== 'IHDR') return null;
  return [buf.readUInt32BE(16), buf.readUInt32BE(20)];
}

const { state, fail, watchSignals } = toolExit('shots');

/** Returns the built story's event ids in time order, or null when the app is not built (or its story unreadable). */
export function builtEventIds(dist: string): string[] | null {
  try {
    return eventsInOrder(JSON.parse(readFileSync(join(dist, 'data', 'story.json'), 'utf8')) as ToolStory).map((e) => e.id);
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  // The help text and the --event errors name this build's own events: the tool knows no story.
  const ids = builtEventIds(DIST);
  const parse = (argv: string[]) => parseShotsArgs(argv, ids ?? []);
  const tool = await startTool(DIST, process.argv.slice(2), { parse, plan: planShots, usage: usageWithEvents(USAGE, ids) }, fail);
  if (!tool) return;
  const { opts, items: shots } = tool;
  // --social: the link-preview image, into the built app by default (index.html's og:image names it).
  const out = resolve(opts.out ?? DIST);
  watchSignals();
  const session = await startSession();
  state.close = session.close;
  const { page, pageErrors } = await openReadyPage(session, shots[0].query, opts);

  for (const [i, shot] of shots.entries()) {
    const started = Date.now();
    if (i > 0) await page.evaluate((t) => window.explainer!.store.getState().set({ t, playing: false }), shot.t);
    const r = await page.evaluate((o) => {
      if (!window.explainerExport) throw new Error('window.explainerExport is missing from the page: rebuild with npm run build');
      return window.explainerExport(o);
    }, { width: opts.width, height: opts.height, scale: opts.scale });
    const buf = Buffer.from(r.base64, 'base64');
    const size = pngSize(buf);
    const want = [opts.width * opts.scale, opts.height * opts.scale];
    if (!size || size[0] !== want[0] || size[1] !== want[1]) throw new Error(`${shot.label}: expected a ${want.join('×')} PNG, got ${size ? size.join('×') : 'no PNG'}`);
    if (pageErrors.length) throw new Error(`${shot.label}: page error: ${pageErrors[0]}`);
    const shown = writeOutput(state, out, opts.social ? SOCIAL_IMAGE : r.fileName, buf);
    console.log(`${shown}  ${size[0]}×${size[1]} px  (${shot.label}, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  await session.close();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => fail(e));
}
