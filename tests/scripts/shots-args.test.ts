import { describe, expect, it } from 'vitest';
import { parseShotsArgs as parseArgs, planShots, USAGE, usageWithEvents } from '../../scripts/shots-args.ts';
import { createToolStory } from '../fixtures/tool-story.ts';

const createStory = createToolStory;

const fails = (argv: string[]) => {
  try {
    parseArgs(argv);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`expected ${argv.join(' ')} to fail`);
};

describe('parseArgs', () => {
  it('defaults to 1200×675 at 1× into ./shots', () => {
    expect(parseArgs([])).toMatchObject({ width: 1200, height: 675, scale: 1, out: 'shots', at: null, event: null, allEvents: false, view: null, follow: true });
  });

  it('reads every option, as "--flag value" or "--flag=value"', () => {
    expect(parseArgs(['--event', 'strike', '--size=1080x1350', '--scale', '2', '--view', '4/50.5/30.25', '--out=/tmp/x'])).toMatchObject({
      event: 'strike',
      width: 1080,
      height: 1350,
      scale: 2,
      view: '4/50.5/30.25',
      out: '/tmp/x',
    });
    expect(parseArgs(['--at', '2025-06-01T11:35Z']).at).toBe(Date.parse('2025-06-01T11:35Z'));
    expect(parseArgs(['--all-events', '--follow'])).toMatchObject({ allEvents: true, follow: true });
  });

  it.each([
    [['--size', '12x'], /--size must be WIDTHxHEIGHT/],
    [['--size', '0x10'], /^--size must be at least 320×320/],
    [['--size', '99999x400'], /99999×400 px; each side must be at most 8192/],
    [['--size', '123456x400'], /WIDTHxHEIGHT/],
    [['--size', '5000x1000', '--scale', '2'], /10000×2000 px; each side must be at most 8192/],
    [['--scale', '5'], /--scale must be 1, 2 or 3 \(got "5"\)/],
    [['--scale', '1.5'], /--scale must be 1, 2 or 3/],
    [['--at', 'yesterday'], /--at must be an ISO 8601 UTC time/],
    [['--at', '2025-06-01T11:35'], /ISO 8601 UTC/],
    [['--at', '2025-02-30T11:35Z'], /ISO 8601 UTC/],
    [['--event', 'Not An Id'], /--event must be an event id/],
    [['--view', '99/0/0'], /--view must be zoom\/lat\/lon/],
    [['--at', '2025-06-01T11:35Z', '--event', 'strike'], /--at and --event cannot be combined/],
    [['--event', 'strike', '--all-events'], /--event and --all-events cannot be combined/],
    [['--view', '4/50/30', '--follow'], /--view and --follow cannot be combined/],
    [['--colour', 'red'], /unknown option "--colour"/],
    [['shots'], /unexpected argument "shots"/],
    [['--size'], /--size needs a value/],
    [['--size', '--scale', '2'], /--size needs a value/],
    [['--scale', '2', '--scale', '3'], /--scale given twice/],
    [['--all-events=yes'], /--all-events takes no value/],
  ])('rejects %j with a one-line reason', (argv, reason) => {
    const message = fails(argv as string[]);
    expect(message).toMatch(reason);
    expect(message).not.toContain('\n');
  });
});

describe('planShots', () => {
  it('shoots one event by id', () => {
    expect(planShots(parseArgs(['--event', 'strike']), createStory())).toEqual([
      { label: 'strike', t: Date.parse('2025-06-01T11:35Z'), query: '?mode=screenshot&event=strike' },
    ]);
  });

  it('shoots every event in time order', () => {
    expect(planShots(parseArgs(['--all-events']), createStory()).map((s) => s.label)).toEqual(['first-round', 'strike', 'talks']);
  });

  it('carries the view or follow flag into the page query', () => {
    expect(planShots(parseArgs(['--at', '2025-06-01T12:00Z', '--view', '4/50/30']), createStory())[0].query).toBe(
      '?mode=screenshot&t=2025-06-01T12:00Z&view=4/50/30',
    );
    expect(planShots(parseArgs(['--event', 'talks', '--follow']), createStory())[0].query).toBe('?mode=screenshot&event=talks');
    expect(planShots(parseArgs(['--event', 'talks']), createStory())[0].query).toBe('?mode=screenshot&event=talks');
    expect(planShots(parseArgs(['--event', 'talks', '--no-follow']), createStory())[0].query).toBe('?mode=screenshot&event=talks&follow=0');
    expect(() => parseArgs(['--follow', '--no-follow'])).toThrow(/cannot be combined/);
  });

  it('shoots the end of the story when no moment is given', () => {
    expect(planShots(parseArgs([]), createStory())).toEqual([{ label: 'story end', t: Date.parse('2025-06-17T00:00Z'), query: '?mode=screenshot&t=2025-06-17T00:00Z' }]);
  });

  it('rejects an unknown event and a time outside the story, in one line', () => {
    expect(() => planShots(parseArgs(['--event', 'nope']), createStory())).toThrow(/^unknown event "nope"; the story's events are: talks, strike|first-round/);
    expect(() => planShots(parseArgs(['--at', '2024-01-01T00:00Z']), createStory())).toThrow(/outside the story/);
  });

  it("names the built story's own events in a malformed --event error and in the help text", () => {
    expect(() => parseArgs(['--event', 'Bad_Id'], ['water-builds-up', 'dam-flow-disputed'])).toThrow('--event must be an event id such as water-builds-up (got "Bad_Id")');
    expect(usageWithEvents(USAGE, ['water-builds-up', 'dam-flow-disputed']).split('\n')).toEqual([USAGE, 'events of the built story (dist/data/story.json): water-builds-up, dam-flow-disputed']);
    expect(usageWithEvents(USAGE, null)).toMatch(/npm run build to list the story's event ids/);
  });

  it('--social takes one 1200×630 link-preview image, into the built app unless --out says otherwise', () => {
    expect(parseArgs(['--social'])).toMatchObject({ social: true, width: 1200, height: 630, scale: 1, out: null });
    expect(parseArgs(['--social', '--out', 'x'])).toMatchObject({ social: true, out: 'x' });
    expect(parseArgs([])).toMatchObject({ social: false, out: 'shots' });
    expect(fails(['--social', '--size', '800x600'])).toBe('--social and --size cannot be combined: choose one');
    expect(fails(['--social', '--all-events'])).toBe('--social and --all-events cannot be combined: choose one');
  });
});
