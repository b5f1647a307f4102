import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtEventExample, exclusive, idFlag, intFlag, isoFlag, numberFlag, parseFlags, sizeFlag } from '../../scripts/lib/args.ts';
import { parseKioskArgs } from '../../scripts/kiosk.ts';
import { parseSoakArgs } from '../../scripts/soak.ts';

const SPECS = { runs: 'string', size: 'string', all: 'boolean' } as const;

/** Returns the message `fn` throws, failing the test when it does not throw. */
function thrown(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

describe('parseFlags', () => {
  it('reads "--flag value", "--flag=value" and switches, and -h or --help anywhere', () => {
    expect(parseFlags(['--runs', '3', '--size=1200x675', '--all'], SPECS)).toEqual({ runs: '3', size: '1200x675', all: true, help: false, positionals: [] });
    expect(parseFlags(['-h'], SPECS).help).toBe(true);
    expect(parseFlags(['--runs', '3', '--help'], SPECS).help).toBe(true);
    expect(parseFlags([], SPECS)).toEqual({ help: false, positionals: [] });
  });

  it('takes a value that starts with one dash (a negative number is the value, then refused by its check)', () => {
    expect(parseFlags(['--runs', '-1'], SPECS).runs).toBe('-1');
  });

  it('takes as many bare arguments as the command allows', () => {
    expect(parseFlags(['../sources', '--runs', '2'], SPECS, { positionals: 1 }).positionals).toEqual(['../sources']);
  });

  it.each([
    [['--colour', 'red'], 'unknown option "--colour"'],
    [['--colour=red'], 'unknown option "--colour"'],
    [['-x'], 'unknown option "-x"'],
    [['runs'], 'unexpected argument "runs"'],
    [['--', '--runs'], 'unexpected argument "--"'],
    [['--runs'], '--runs needs a value'],
    [['--runs='], '--runs needs a value'],
    [['--runs', '--all'], '--runs needs a value'],
    [['--all=yes'], '--all takes no value'],
    [['--runs', '2', '--runs=3'], '--runs given twice'],
    [['--all', '--all'], '--all given twice'],
  ])('refuses %j: %s', (argv, message) => {
    expect(thrown(() => parseFlags(argv, SPECS))).toBe(message);
  });

  it('refuses a second bare argument where one is allowed', () => {
    expect(thrown(() => parseFlags(['a', 'b'], SPECS, { positionals: 1 }))).toBe('unexpected argument "b"');
  });
});

describe('value checks', () => {
  it('reads whole numbers in range and refuses anything else, naming the flag, the range and the text', () => {
    expect(intFlag('--runs', '5', 1, 100)).toBe(5);
    for (const bad of ['x', '', '1.5', '0', '101', '5x', ' 5'])
      expect(thrown(() => intFlag('--runs', bad, 1, 100))).toBe(`--runs must be a whole number from 1 to 100 (got "${bad}")`);
  });

  it('reads positive numbers up to a maximum', () => {
    expect(numberFlag('--speed', '0.5', 0, 1024)).toBe(0.5);
    for (const bad of ['0', 'fast', '2000', '-1', '1e3'])
      expect(thrown(() => numberFlag('--speed', bad, 0, 1024))).toBe(`--speed must be a number above 0 and at most 1024 (got "${bad}")`);
  });

  it('reads WIDTHxHEIGHT', () => {
    expect(sizeFlag('--size', '1080x1920', '1080x1920')).toEqual([1080, 1920]);
    expect(thrown(() => sizeFlag('--size', '1080 x 1920', '1200x675'))).toBe('--size must be WIDTHxHEIGHT in pixels such as 1200x675 (got "1080 x 1920")');
  });

  it('reads times as the page reads t: strict UTC, no rolled-over dates', () => {
    expect(isoFlag('--at', '2025-06-01T11:35Z')).toBe(Date.parse('2025-06-01T11:35Z'));
    for (const bad of ['2025-06-01T11:35', '2025-02-30T11:35Z', 'yesterday'])
      expect(thrown(() => isoFlag('--at', bad))).toBe(`--at must be an ISO 8601 UTC time such as 2025-06-01T11:35Z (got "${bad}")`);
  });

  it("reads ids as the data files' schema defines them", () => {
    expect(idFlag('--event', 'first-event')).toBe('first-event');
    expect(thrown(() => idFlag('--event', 'First_Event'))).toBe('--event must be an event id (lower-case letters and digits in words joined by hyphens) (got "First_Event")');
    expect(thrown(() => idFlag('--event', 'First_Event', 'talks-open'))).toBe('--event must be an event id such as talks-open (got "First_Event")');
  });

  it('refuses flags that exclude each other, naming those given', () => {
    expect(() => exclusive(['--at', false, false])).not.toThrow();
    expect(thrown(() => exclusive(['--at', false, '--all-events']))).toBe('--at and --all-events cannot be combined: choose one');
  });
});

describe('kiosk arguments', () => {
  it('turns each flag into a URL parameter of the kiosk page', () => {
    expect(parseKioskArgs(['--idle', '30', '--t=2025-06-02T12:00Z', '--follow', '0'])).toMatchObject({ help: false, query: '?mode=kiosk&t=2025-06-02T12%3A00Z&idle=30&follow=0' });
  });

  it.each([
    [['--idle', 'soon'], '--idle must be a whole number of seconds from 1 to 3600 (got "soon")'],
    [['--idle', '5000'], '--idle must be a whole number of seconds from 1 to 3600 (got "5000")'],
    [['--t', '2025-06-31T00:00Z'], '--t must be an ISO 8601 UTC time such as 2025-06-01T11:35Z (got "2025-06-31T00:00Z")'],
    [['--view', '4/95/30'], '--view must be zoom/lat/lon such as 4/50.5/30.5 (got "4/95/30")'],
    [['--follow', 'yes'], '--follow must be 0 or 1 (got "yes")'],
    [['--loadtimeout', '0'], '--loadtimeout must be a whole number of seconds from 1 to 300 (got "0")'],
    [['--event', 'Not an id'], '--event must be an id (lower-case letters and digits in words joined by hyphens) (got "Not an id")'],
    [['--mode', 'explore'], 'unknown option "--mode"'],
    [['--idle'], '--idle needs a value'],
  ])('refuses %j: %s', (argv, message) => {
    expect(thrown(() => parseKioskArgs(argv))).toBe(message);
  });

  it("names the built story's first event as the example of an id", () => {
    expect(thrown(() => parseKioskArgs(['--place', 'Not an id'], 'talks-open'))).toBe('--place must be an id such as talks-open (got "Not an id")');
    const dist = mkdtempSync(join(tmpdir(), 'args-'));
    try {
      expect(builtEventExample(dist)).toBeUndefined();
      mkdirSync(join(dist, 'data'));
      writeFileSync(join(dist, 'data', 'story.json'), JSON.stringify({ events: [{ id: 'water-builds-up' }, { id: 'dam-flow-disputed' }] }));
      expect(builtEventExample(dist)).toBe('water-builds-up');
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  });
});

describe('soak arguments', () => {
  it('defaults to 200 loops at 512× after a real-time first loop, and reads every flag', () => {
    expect(parseSoakArgs([])).toMatchObject({ loops: 200, warmUp: 50, speed: 512, firstSpeed: 1, visitEvery: 25, width: 1280, height: 720, heapSnapshots: null });
    expect(parseSoakArgs(['--loops', '2', '--warm-up', '0', '--first-speed', '512', '--visit-every', '0', '--size', '800x600', '--heap-snapshots', 'heap'])).toMatchObject({
      loops: 2,
      warmUp: 0,
      firstSpeed: 512,
      visitEvery: 0,
      width: 800,
      height: 600,
      heapSnapshots: 'heap',
    });
  });

  it.each([
    [['--loops', '1'], '--loops must be a whole number from 2 to 100000 (got "1")'],
    [['--speed', 'x'], '--speed must be a number above 0 and at most 1024 (got "x")'],
    [['--warm-up', '-1'], '--warm-up must be a whole number from 0 to 100000 (got "-1")'],
    [['--size', '100x100'], '--size sides must be from 320 to 8192 px (got 100x100)'],
    [['--loop', '5'], 'unknown option "--loop"'],
  ])('refuses %j: %s', (argv, message) => {
    expect(thrown(() => parseSoakArgs(argv))).toBe(message);
  });
});
