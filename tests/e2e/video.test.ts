import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_FORMATS, BufferSource, Input } from 'mediabunny';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { slugify } from '../../src/export/naming.ts';
import { createTimeScale } from '../../src/time/time-scale.ts';
import { downloadBytes, newContext, openApp, state, useHarness } from './harness.ts';

interface StoryFile {
  title: string;
  start: string;
  end: string;
  defaultDwell: number;
  focus: { start: string; end: string; share: number }[];
  events: { id: string; start: string; dwell?: number }[];
}
const STORY = JSON.parse(readFileSync('data/story.json', 'utf8')) as StoryFile;
/** The player's pace: the whole track in 90 s (src/player.ts TRACK_SECONDS). */
const TRACK_SECONDS = 90;
const dirs: string[] = [];

const h = useHarness();
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Returns a new empty directory for one test's output. */
function createOutDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'video-'));
  dirs.push(d);
  return d;
}

/** Runs a node script with arguments and returns its exit code and output. */
function run(script: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((ok) => {
    execFile(process.execPath, ['--import', 'tsx', script, ...args], { timeout: 400_000, maxBuffer: 1 << 24 }, (err, stdout, stderr) => {
      ok({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** Returns what mediabunny reads from a video file: container, codec, size, duration (s) and packet count. */
async function probe(bytes: Buffer) {
  const input = new Input({ formats: ALL_FORMATS, source: new BufferSource(bytes) });
  const track = await input.getPrimaryVideoTrack();
  if (!track) throw new Error('no video track');
  const stats = await track.computePacketStats();
  return { mime: await input.getMimeType(), codec: track.codec, width: track.displayWidth, height: track.displayHeight, seconds: await input.computeDuration(), packets: stats.packetCount };
}

/**
 * Plays a video in a `<video>` element of a blank page and returns its size and duration as
 * Chromium reports them, and for each still (a PNG, with the video time to compare it at) the mean
 * absolute difference of the RGB channels (0–255) between that video frame and the still.
 */
async function playAndCompare(page: Page, video: Buffer, mime: string, stills: { at: number; png: Buffer }[]) {
  await page.goto('about:blank');
  return page.evaluate(
    async ([v64, type, shots]) => {
      const bytes = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const video = document.createElement('video');
      video.muted = true;
      video.src = URL.createObjectURL(new Blob([bytes(v64)], { type }));
      await new Promise((ok, ko) => {
        video.onloadeddata = ok;
        video.onerror = () => ko(new Error(`the video did not load: ${video.error?.message}`));
      });
      const pixels = (src: CanvasImageSource, w: number, h: number) => {
        const c = document.createElement('canvas');
        c.width = w;
        c.height = h;
        const g = c.getContext('2d', { willReadFrequently: true })!;
        g.drawImage(src, 0, 0);
        return g.getImageData(0, 0, w, h).data;
      };
      const diffs: number[] = [];
      for (const s of shots) {
        video.currentTime = s.at;
        await new Promise((ok) => (video.onseeked = ok));
        const img = await createImageBitmap(new Blob([bytes(s.png)], { type: 'image/png' }));
        const a = pixels(video, video.videoWidth, video.videoHeight);
        const b = pixels(img, img.width, img.height);
        let sum = 0;
        for (let i = 0; i < a.length; i += 4) sum += Math.abs(a[i] - b[i]) + Math.abs(a[i + 1] - b[i + 1]) + Math.abs(a[i + 2] - b[i + 2]);
        diffs.push(img.width === video.videoWidth && img.height === video.videoHeight ? sum / ((a.length / 4) * 3) : Infinity);
      }
      return { width: video.videoWidth, height: video.videoHeight, duration: video.duration, diffs };
    },
    [video.toString('base64'), mime, stills.map((s) => ({ at: s.at, png: s.png.toString('base64') }))] as const,
  );
}

/** Returns PNGs of a video's frames at the given times (s), decoded by Chromium. */
async function videoFrames(page: Page, video: Buffer, mime: string, times: number[]): Promise<Buffer[]> {
  await page.goto('about:blank');
  const pngs = await page.evaluate(
    async ([v64, type, at]) => {
      const video = document.createElement('video');
      video.muted = true;
      video.src = URL.createObjectURL(new Blob([Uint8Array.from(atob(v64), (c) => c.charCodeAt(0))], { type }));
      await new Promise((ok) => (video.onloadeddata = ok));
      const out: string[] = [];
      for (const t of at) {
        video.currentTime = t;
        await new Promise((ok) => (video.onseeked = ok));
        const c = document.createElement('canvas');
        c.width = video.videoWidth;
        c.height = video.videoHeight;
        c.getContext('2d')!.drawImage(video, 0, 0);
        out.push(c.toDataURL('image/png').split(',')[1]);
      }
      return out;
    },
    [video.toString('base64'), mime, times] as const,
  );
  return pngs.map((b) => Buffer.from(b, 'base64'));
}

/** Returns the story's event with this id. */
function eventOf(id: string) {
  const e = STORY.events.find((x) => x.id === id);
  if (!e) throw new Error(`no event ${id} in data/story.json`);
  return e;
}

/** Returns an event's start as the shots file name writes it (2025-06-01T0600Z). */
function fileMoment(id: string): string {
  return eventOf(id).start.replace(/T(\d\d):(\d\d)/, 'T$1$2');
}

/** Returns the expected length (s) of Operation Spiderweb's clip, worked out here from the data: its dwell, then the slider's move to the next event at the player's pace. */
function spiderwebSeconds(): number {
  const scale = createTimeScale(
    Date.parse(STORY.start),
    Date.parse(STORY.end),
    STORY.focus.map((f) => ({ start: Date.parse(f.start), end: Date.parse(f.end), share: f.share })),
  );
  const events = [...STORY.events].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const i = events.findIndex((e) => e.id === 'operation-spiderweb');
  const from = Date.parse(events[i].start);
  const next = Date.parse(events[i + 1].start);
  return (events[i].dwell ?? STORY.defaultDwell) + (scale.toPos(next) - scale.toPos(from)) * TRACK_SECONDS;
}

describe('npm run video', () => {
  it('writes the Operation Spiderweb clip at 1080×1920 of the expected length, playable, whose middle frame matches the shots still of that moment', async () => {
    const fps = 5;
    const out = createOutDir();
    const r = await run('scripts/video.ts', ['--event', 'operation-spiderweb', '--size', '1080x1920', '--fps', String(fps), '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const files = readdirSync(out);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(new RegExp(`^${slugify(STORY.title)}_operation-spiderweb_1080x1920\\.(mp4|webm)$`));
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(files[0]);
    expect(lines[0]).toMatch(/1080×1920 px .* at 5 fps {2}(H\.264 MP4|VP9 WebM)/);

    const bytes = readFileSync(join(out, files[0]));
    const info = await probe(bytes);
    const mp4 = files[0].endsWith('.mp4');
    expect(info.codec).toBe(mp4 ? 'avc' : 'vp9');
    expect(info.mime).toMatch(mp4 ? /^video\/mp4/ : /^video\/webm/);
    expect([info.width, info.height]).toEqual([1080, 1920]);
    const expected = spiderwebSeconds();
    expect(Math.abs(info.seconds - expected)).toBeLessThanOrEqual(1 / fps);
    expect(Math.abs(info.packets / fps - expected)).toBeLessThanOrEqual(1 / fps);

    const shotsOut = createOutDir();
    const same = await run('scripts/shots.ts', ['--event', 'operation-spiderweb', '--follow', '--size', '1080x1920', '--out', shotsOut]);
    const other = await run('scripts/shots.ts', ['--event', 'second-round-ciragan', '--follow', '--size', '1080x1920', '--out', shotsOut]);
    expect([same.code, other.code]).toEqual([0, 0]);
    const still = (moment: string) => readFileSync(join(shotsOut, readdirSync(shotsOut).find((f) => f.includes(moment))!));
    const middle = Math.floor((info.seconds * fps) / 2) / fps + 0.5 / fps;
    expect(middle, 'the middle frame is in the hold on the event').toBeLessThan(eventOf('operation-spiderweb').dwell ?? STORY.defaultDwell);
    const page = await (await newContext(h)).newPage();
    const played = await playAndCompare(page, bytes, mp4 ? 'video/mp4' : 'video/webm', [
      { at: middle, png: still(fileMoment('operation-spiderweb')) },
      { at: middle, png: still(fileMoment('second-round-ciragan')) },
    ]);
    await page.context().close();
    expect([played.width, played.height]).toEqual([1080, 1920]);
    expect(Math.abs(played.duration - expected)).toBeLessThanOrEqual(1 / fps);
    const [match, control] = played.diffs;
    expect(match, 'the middle frame against the still of the same moment').toBeLessThan(4);
    expect(control, 'the same frame against another moment, so the comparison can fail').toBeGreaterThan(match * 3);
  });

  it.each([
    [['--size', '1081x1920'], /^video: --size sides must be even/],
    [['--event', 'nope'], /^video: unknown event "nope"/],
    [['--fps', '120'], /^video: --fps must be a whole number from 1 to 60/],
    [['--event', 'operation-spiderweb', '--all'], /^video: --event and --all cannot be combined/],
    [['--from', '2025-06-02T18:00Z', '--to', '2025-06-01T18:00Z'], /^video: --to .* must come after --from/],
  ])('exits non-zero with one line and writes nothing for %j', async (args, reason) => {
    const out = createOutDir();
    const r = await run('scripts/video.ts', [...(args as string[]), '--out', join(out, 'sub')]);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(reason);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(readdirSync(out)).toEqual([]);
  });
});

/** Returns the map's canvas size, centre and zoom. */
const mapState = (page: Page) =>
  page.evaluate(() => {
    const { map } = window.explainer!.mapView;
    return { canvas: [map.getCanvas().width, map.getCanvas().height], center: map.getCenter().toArray(), zoom: map.getZoom(), exporting: window.explainer!.exporting.active };
  });

describe('Export video (page)', () => {
  it('loads the video code only when asked, downloads the file and puts the map and the time back', async () => {
    const { page, errors } = await openApp(h, '?t=2025-06-01T11:35Z&follow=1');
    const scripts: string[] = [];
    page.on('request', (q) => {
      if (q.resourceType() === 'script') scripts.push(q.url());
    });
    const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    expect(loaded.filter((u) => /video-/.test(u)), 'the first load carries no video code').toEqual([]);
    const before = await mapState(page);
    const t0 = (await state(page)).t;

    await page.getByRole('button', { name: 'Export video' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export video' });
    await dialog.waitFor({ state: 'visible' });
    expect(scripts.some((u) => /video-export/.test(u)), 'the video code loads on the first click').toBe(true);
    await dialog.getByLabel('From, UTC').fill('2025-06-02T12:10');
    await dialog.getByLabel('To, UTC').fill('2025-06-02T12:20');
    await dialog.getByLabel(/1080 × 1080/).check();
    await expect.poll(() => dialog.locator('.export-output').textContent()).toMatch(/^0\.1 s · 4 frames · (H\.264 MP4|VP9 WebM) · [a-z0-9-]+_2025-06-02T1210Z-2025-06-02T1220Z_1080x1080\.(mp4|webm)$/);
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export', exact: true }).click()]);
    expect(download.suggestedFilename()).toMatch(/^[a-z0-9-]+_2025-06-02T1210Z-2025-06-02T1220Z_1080x1080\.(mp4|webm)$/);
    const info = await probe(await downloadBytes(download));
    expect([info.width, info.height, info.packets]).toEqual([1080, 1080, 4]);
    await expect.poll(() => dialog.locator('.export-status').textContent()).toMatch(/^Saved .*\((H\.264 MP4|VP9 WebM), 0\.1 s/);
    expect(await dialog.locator('.video-progress').evaluate((p: HTMLProgressElement) => [p.value, p.max])).toEqual([4, 4]);

    const after = await mapState(page);
    expect(after.canvas).toEqual(before.canvas);
    expect(after.zoom).toBeCloseTo(before.zoom, 6);
    expect(after.center[0]).toBeCloseTo(before.center[0], 6);
    expect(after.center[1]).toBeCloseTo(before.center[1], 6);
    expect(after.exporting).toBe(false);
    expect((await state(page)).t).toBe(t0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('cancels: nothing is downloaded, the dialog says so and the map is put back', async () => {
    const { page, errors } = await openApp(h, '?t=2025-06-01T11:35Z');
    const before = await mapState(page);
    let downloads = 0;
    page.on('download', () => downloads++);
    await page.getByRole('button', { name: 'Export video' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export video' });
    await dialog.getByLabel(/Whole story/).check();
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    await expect.poll(() => dialog.locator('.video-left').textContent()).toMatch(/^Frame \d+ of \d+ · about \d+:\d\d left$/);
    expect(await dialog.getByRole('status').textContent()).toMatch(/^Rendering 1080 × 1920…$/);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog.locator('.export-status').textContent()).toMatch(/^Cancelled/);
    expect(await dialog.locator('.video-left').textContent()).toBe('');
    expect(downloads).toBe(0);
    const after = await mapState(page);
    expect(after.canvas).toEqual(before.canvas);
    expect(after.zoom).toBeCloseTo(before.zoom, 6);
    expect(after.exporting).toBe(false);
    expect(await dialog.getByRole('button', { name: 'Export', exact: true }).isEnabled()).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('writes the same file under prefers-reduced-motion', async () => {
    const render = async (reducedMotion: boolean) => {
      // a flight (from "terms on the table" to the humanitarian agreements' frame) and the hold after it
      const t0 = Date.parse(eventOf('humanitarian-agreements').start);
      const [from, to] = [t0 - 60_000, t0 + 60_000].map((t) => new Date(t).toISOString().replace(':00.000Z', 'Z'));
      const { page } = await openApp(h, `?mode=screenshot&t=${from}`, { width: 640, height: 640 }, { reducedMotion });
      const info = await page.evaluate((span) => window.explainerVideo!({ ...span, width: 640, height: 640, fps: 5 }), { from, to });
      const b64 = await page.evaluate((n) => window.explainerVideoBytes!(0, n), info.bytes);
      await page.context().close();
      return { info, bytes: Buffer.from(b64, 'base64') };
    };
    const plain = await render(false);
    const reduced = await render(true);
    expect(plain.info.drawn, 'the span has a camera flight').toBeGreaterThan(5);
    expect({ ...reduced.info, ms: 0, bytes: 0 }).toEqual({ ...plain.info, ms: 0, bytes: 0 });
    // The encoder's output may differ by a few bytes between runs; the pictures may not.
    const page = await (await newContext(h)).newPage();
    const times = [0.1, 0.5, 0.9, 1.3, 1.7, 5.1];
    const frames = await videoFrames(page, plain.bytes, plain.info.mime, times);
    const played = await playAndCompare(page, reduced.bytes, reduced.info.mime, times.map((at, i) => ({ at, png: frames[i] })));
    const moving = await playAndCompare(page, reduced.bytes, reduced.info.mime, [{ at: 0.5, png: frames[4] }]);
    await page.context().close();
    expect(Math.max(...played.diffs), 'each frame, with and without reduced motion').toBeLessThan(1);
    expect(moving.diffs[0], 'two frames of the flight differ, so the comparison can fail').toBeGreaterThan(5);
  });
});
