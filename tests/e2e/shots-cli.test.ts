import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { slugify } from '../../src/export/naming.ts';

const TITLE = (JSON.parse(readFileSync('data/story.json', 'utf8')) as { title: string }).title;
const dirs: string[] = [];

/** Returns a new empty directory for one test's output. */
function createOutDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'shots-'));
  dirs.push(d);
  return d;
}

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Runs `scripts/shots.ts` (through tsx) with arguments and returns its exit code and output. */
function shots(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((ok) => {
    execFile(process.execPath, ['--import', 'tsx', 'scripts/shots.ts', ...args], { env: { ...process.env, ...env }, timeout: 400_000 }, (err, stdout, stderr) => {
      ok({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('npm run shots', () => {
  it('writes one PNG of 2400×1350 for --event --size 1200x675 --scale 2, named for the story, the moment and the size', async () => {
    const out = createOutDir();
    const r = await shots(['--event', 'operation-spiderweb', '--size', '1200x675', '--scale', '2', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const files = readdirSync(out);
    expect(files).toEqual([`${slugify(TITLE)}_2025-06-01T0600Z_1200x675@2x.png`]);
    const png = readFileSync(join(out, files[0]));
    expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([2400, 1350]);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(files[0]);
    expect(lines[0]).toContain('2400×1350 px');
  });

  it.each([
    [['--size', '12x'], /^shots: --size must be WIDTHxHEIGHT/],
    [['--event', 'nope'], /^shots: unknown event "nope"/],
    [['--scale', '5'], /^shots: --scale must be 1, 2 or 3/],
    [['--at', '2025-06-01T06:00Z', '--all-events'], /^shots: --at and --all-events cannot be combined/],
    [['--size', '8000x4000', '--scale', '2'], /^shots: .*each side must be at most 8192/],
  ])('exits non-zero with one line and writes nothing for %j', async (args, reason) => {
    const out = createOutDir();
    const r = await shots([...(args as string[]), '--out', join(out, 'sub')]);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(reason);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(readdirSync(out)).toEqual([]);
  });

  it('exits non-zero with the install hint when Chromium is missing, writing nothing', async () => {
    const out = createOutDir();
    const r = await shots(['--event', 'operation-spiderweb', '--out', out], { CHROMIUM_PATH: join(out, 'no-chromium') });
    expect(r.code).not.toBe(0);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^shots: Chromium not found at .*apt-get install -y chromium/);
    expect(readdirSync(out)).toEqual([]);
  });
});
