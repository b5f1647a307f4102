// The one command-line parser of the scripts (shots, video, kiosk, soak, bench, load, build-data,
// check-sources): node:util's parseArgs reads the tokens, and every problem becomes one line in the
// same words: unexpected argument, unknown option, needs a value, takes no value, given twice, and
// a value of the wrong form.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ID_PATTERN } from '../../src/data/schema.ts';
import { parseUtcInstant } from '../../src/time/instant.ts';

/** The flags a command takes, by name without dashes: 'string' takes a value (`--runs 5`, `--runs=5`), 'boolean' is a switch (`--all`). */
export type FlagSpecs = Record<string, 'string' | 'boolean'>;

/** The flags found: each value flag's text, `true` for each switch given; `help` for --help or -h. */
export type Flags<S extends FlagSpecs> = { [K in keyof S]?: S[K] extends 'string' ? string : true } & { help: boolean; positionals: string[] };

/**
 * Returns the flags in argv (without node and the script). `--help` and `-h` are always accepted;
 * `positionals` is how many bare arguments the command takes (none by default). Throws an Error
 * with a one-line reason for an unexpected argument, an unknown or repeated flag, a value flag
 * without a value (`--size` last, or followed by another `--flag`) and a switch given a value.
 */
export function parseFlags<S extends FlagSpecs>(argv: readonly string[], specs: S, { positionals = 0 } = {}): Flags<S> {
  const options = Object.fromEntries(Object.entries(specs).map(([name, type]) => [name, { type }]));
  const { tokens } = parseArgs({
    args: [...argv],
    options: { ...options, help: { type: 'boolean', short: 'h' } },
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const out: Record<string, string | true | boolean | string[]> = { help: false };
  const bare: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'option-terminator') throw new Error('unexpected argument "--"');
    if (token.kind === 'positional') {
      if (bare.length >= positionals) throw new Error(`unexpected argument "${token.value}"`);
      bare.push(token.value);
      continue;
    }
    const flag = `--${token.name}`;
    if (token.name === 'help') {
      out.help = true;
      continue;
    }
    const type = Object.hasOwn(specs, token.name) ? specs[token.name] : undefined;
    if (!type) throw new Error(`unknown option "${token.rawName}"`);
    if (Object.hasOwn(out, token.name)) throw new Error(`${flag} given twice`);
    if (type === 'boolean') {
      if (token.inlineValue) throw new Error(`${flag} takes no value`);
      out[token.name] = true;
    } else {
      const value = token.value;
      if (value === undefined || value === '' || (!token.inlineValue && value.startsWith('--'))) throw new Error(`${flag} needs a value`);
      out[token.name] = value;
    }
  }
  out.positionals = bare;
  return out as Flags<S>;
}

/** Returns `value` as a whole number from `min` to `max`, or throws "<flag> must be a whole number from … (got "…")". */
export function intFlag(flag: string, value: string, min: number, max: number): number {
  const n = /^-?\d+$/.test(value) ? Number(value) : NaN;
  if (!(n >= min && n <= max)) throw new Error(`${flag} must be a whole number from ${min} to ${max} (got "${value}")`);
  return n;
}

/** Returns `value` as a number above `min` (exclusive) up to `max`, or throws "<flag> must be a number above … (got "…")". */
export function numberFlag(flag: string, value: string, min: number, max: number): number {
  const n = /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
  if (!(n > min && n <= max)) throw new Error(`${flag} must be a number above ${min} and at most ${max} (got "${value}")`);
  return n;
}

/** Returns [width, height] from a `WIDTHxHEIGHT` value given to `flag`, or throws a one-line reason naming `example`. */
export function sizeFlag(flag: string, value: string, example: string): [number, number] {
  const m = /^(\d{1,5})x(\d{1,5})$/.exec(value);
  if (!m) throw new Error(`${flag} must be WIDTHxHEIGHT in pixels such as ${example} (got "${value}")`);
  return [Number(m[1]), Number(m[2])];
}

/** Returns epoch ms of a strict ISO 8601 UTC time given to `flag` (as the page's `t` accepts it), or throws a one-line reason. */
export function isoFlag(flag: string, value: string): number {
  const t = parseUtcInstant(value);
  if (t === null) throw new Error(`${flag} must be an ISO 8601 UTC time such as 2025-06-01T11:35Z (got "${value}")`);
  return t;
}

/** How an id is written, for errors that have no id of the built story to show. */
export const ID_FORM = 'lower-case letters and digits in words joined by hyphens';

/** Returns an id given to `flag` (the data files' kebab-case id), or throws a one-line reason naming `example` (one of the built story's ids) if given. */
export function idFlag(flag: string, value: string, example?: string): string {
  if (!ID_PATTERN.test(value)) throw new Error(`${flag} must be an event id ${example ? `such as ${example}` : `(${ID_FORM})`} (got "${value}")`);
  return value;
}

/** Returns the first event id of the story built into `dist` (dist/data/story.json), to name in help and errors, or undefined when there is none to read. */
export function builtEventExample(dist: string): string | undefined {
  try {
    const story = JSON.parse(readFileSync(join(dist, 'data', 'story.json'), 'utf8')) as { events?: { id?: unknown }[] };
    const id = story.events?.[0]?.id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

/** Throws "--a and --b cannot be combined: choose one" when more than one of `names` (labels of flags given) is present. */
export function exclusive(names: readonly (string | false)[]): void {
  const given = names.filter((n): n is string => !!n);
  if (given.length > 1) throw new Error(`${given.join(' and ')} cannot be combined: choose one`);
}

/**
 * Returns a command's options from the command line with `parse`, or, for --help, prints `usage`
 * and returns null. A parse error prints "<name>: <reason>" on one line and exits with code 1. Every
 * tool calls it first, so it also makes the tool end quietly on a closed output pipe (`endOnClosedPipe`).
 */
export function commandLine<T extends { help: boolean }>(name: string, usage: string, parse: (argv: string[]) => T, argv = process.argv.slice(2)): T | null {
  endOnClosedPipe();
  let opts: T;
  try {
    opts = parse(argv);
  } catch (e) {
    process.stderr.write(`${name}: ${firstLine(e)}\n`);
    process.exit(1);
  }
  if (!opts.help) return opts;
  console.log(usage);
  return null;
}

/**
 * Ends the process quietly (status 0) when its standard output is a pipe that the reader closed
 * (`npx tsx scripts/heap-diff.ts A B | head`), as a Unix tool ends on SIGPIPE; Node instead emits an
 * EPIPE error that would print a stack trace. Any other write error is thrown as before.
 */
export function endOnClosedPipe(stream: NodeJS.WriteStream = process.stdout): void {
  if (stream.listeners('error').includes(closedPipe)) return;
  stream.on('error', closedPipe);
}

function closedPipe(e: NodeJS.ErrnoException): void {
  if (e.code !== 'EPIPE') throw e;
  process.exit(0);
}

/** Returns the first line of an error's message (or of the value thrown). */
export function firstLine(e: unknown): string {
  return String(e instanceof Error ? e.message : e).split('\n')[0];
}
