import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/** Runs a script through tsx as npm would and returns its exit code and output. */
function run(script: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((ok) => {
    execFile(process.execPath, ['--import', 'tsx', `scripts/${script}`, ...args], { cwd: ROOT, env: { ...process.env, ...env }, timeout: 60_000 }, (err, stdout, stderr) =>
      ok({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

// Each refusal happens before a server, a browser or a build starts: these runs are quick and start no Chromium.
describe('every command refuses bad arguments with one line and exit code 1', () => {
  it.each([
    ['bench.ts', ['--runs', 'x'], 'bench: --runs must be a whole number from 1 to 100 (got "x")'],
    ['bench.ts', ['--soak-loops', '1'], 'bench: --soak-loops must be 0 (no soak) or at least 2 (got "1")'],
    ['load.ts', ['--duration', '0'], 'load: --duration must be a whole number from 1 to 60 (got "0")'],
    ['load.ts', ['--connections', '100,lots'], 'load: --connections must be a whole number from 1 to 1000 (got "lots")'],
    ['soak.ts', ['--loops'], 'soak: --loops needs a value'],
    ['kiosk.ts', ['--idle', 'x'], 'kiosk: --idle must be a whole number of seconds from 1 to 3600 (got "x")'],
    ['shots.ts', ['--colour', 'red'], 'shots: unknown option "--colour"'],
    ['video.ts', ['--fps', '0'], 'video: --fps must be a whole number from 1 to 60 (got "0")'],
    ['build-data.ts', ['--data'], 'data: --data needs a value'],
    ['check-sources.ts', ['a', 'b'], 'check-sources: unexpected argument "b"'],
    ['heap-diff.ts', ['loop-1.heapsnapshot'], 'heap-diff: needs two snapshot files'],
  ])('%s %j', async (script, args, line) => {
    const r = await run(script, args);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${line}\n`);
  });

  it('kiosk refuses a PORT that is not a port, naming what was given', async () => {
    const r = await run('kiosk.ts', [], { PORT: 'abc', DISPLAY: ':99' });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('kiosk: PORT must be a whole number from 0 to 65535, not "abc"\n');
  });

  it.each([['bench.ts'], ['load.ts'], ['soak.ts'], ['kiosk.ts'], ['shots.ts'], ['video.ts']])('%s --help prints its usage and exits 0', async (script) => {
    const r = await run(script, ['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: npm run \w+/);
    expect(r.stderr).toBe('');
  });
});
