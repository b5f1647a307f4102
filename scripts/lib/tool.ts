// What the file-writing tools (shots, video) share: one-line failure and exit, output written whole
// or not at all, and the start that checks arguments, the build and Chromium before any work.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { firstLine } from './args.ts';
import { chromiumPath } from './chromium.ts';
import type { ToolStory } from '../shots-args.ts';

/** What a tool's exit path cleans up: a half-written file and the browser and server. */
export interface ToolState {
  partial: string | null;
  close: () => Promise<void>;
}

/**
 * Returns a command-line tool's exit path: `fail(message, code)` prints one line on stderr as
 * "<name>: message", removes any half-written file (`state.partial`), runs `state.close` (browser
 * and server) and exits non-zero. SIGINT and SIGTERM take the same path once `watchSignals()` is called.
 */
export function toolExit(name: string) {
  const state: ToolState = { partial: null, close: async () => {} };
  const fail = async (message: unknown, code = 1): Promise<never> => {
    if (state.partial) rmSync(state.partial, { force: true });
    state.partial = null;
    process.stderr.write(`${name}: ${firstLine(message)}\n`);
    await state.close().catch(() => {});
    process.exit(code);
  };
  const watchSignals = () => {
    for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => void fail(`stopped by ${sig}`, 130));
  };
  return { state, fail, watchSignals };
}

/**
 * Writes `buf` to `dir/name` through a `.partial` file renamed into place (a failed run leaves no
 * half file: `state.partial` names it for `fail`) and returns the path to print: relative to the
 * working directory when inside it, else absolute.
 */
export function writeOutput(state: ToolState, dir: string, name: string, buf: Buffer): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  state.partial = `${file}.partial`;
  writeFileSync(state.partial, buf);
  renameSync(state.partial, file);
  state.partial = null;
  const shown = relative(process.cwd(), file);
  return shown.startsWith('..') ? file : shown;
}

/**
 * Returns a tool's options and work list: parses argv with `parse`, prints `usage` and returns
 * null for --help, checks that the app is built and Chromium is there, and plans the work from the
 * built story with `plan(opts, story)`. Any problem goes to `fail` (one line, non-zero exit).
 */
export async function startTool<O extends { help: boolean }, I>(
  dist: string,
  argv: string[],
  { parse, plan, usage }: { parse: (argv: string[]) => O; plan: (opts: O, story: ToolStory) => I[]; usage: string },
  fail: (message: unknown) => Promise<never>,
): Promise<{ opts: O; items: I[] } | null> {
  let opts: O;
  try {
    opts = parse(argv);
  } catch (e) {
    return fail(e);
  }
  if (opts.help) {
    console.log(usage);
    return null;
  }
  if (!existsSync(join(dist, 'index.html'))) return fail('dist/ not found: run npm run build first');
  try {
    const items = plan(opts, JSON.parse(readFileSync(join(dist, 'data', 'story.json'), 'utf8')));
    chromiumPath();
    return { opts, items };
  } catch (e) {
    return fail(e);
  }
}
