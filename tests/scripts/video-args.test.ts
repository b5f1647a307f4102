import { describe, expect, it } from 'vitest';
import { parseVideoArgs as parseArgs, planVideos } from '../../scripts/video-args.ts';
import { createToolStory } from '../fixtures/tool-story.ts';

const createStory = createToolStory;

const fails = (argv: string[]) => {
  try {
    planVideos(parseArgs(argv), createStory());
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`expected ${argv.join(' ')} to fail`);
};

describe('parseArgs (video)', () => {
  it('defaults to the whole story at 1080×1920, 30 fps, into ./videos', () => {
    const o = parseArgs([]);
    expect(o).toMatchObject({ from: null, to: null, event: null, all: false, width: 1080, height: 1920, fps: 30, out: 'videos' });
    expect(planVideos(o, createStory())).toEqual([{ label: 'whole story', query: '?mode=screenshot&t=2025-05-15T00:00Z', request: { width: 1080, height: 1920, fps: 30 } }]);
  });

  it('takes a span, an event or every event, with size, fps and out', () => {
    const span = parseArgs(['--from', '2025-06-01T18:00Z', '--to=2025-06-02T06:00Z', '--size', '1920x1080', '--fps', '25', '--out', 'clips']);
    expect(span).toMatchObject({ width: 1920, height: 1080, fps: 25, out: 'clips' });
    expect(planVideos(span, createStory())[0].request).toEqual({ from: '2025-06-01T18:00Z', to: '2025-06-02T06:00Z', width: 1920, height: 1080, fps: 25 });
    expect(planVideos(parseArgs(['--from', '2025-06-16T00:00Z']), createStory())[0].request).toMatchObject({ from: '2025-06-16T00:00Z', to: '2025-06-17T00:00Z' });
    expect(planVideos(parseArgs(['--event', 'strike']), createStory())).toEqual([
      { label: 'strike', query: '?mode=screenshot&event=strike', request: { event: 'strike', width: 1080, height: 1920, fps: 30 } },
    ]);
    expect(planVideos(parseArgs(['--all']), createStory()).map((v) => v.label)).toEqual(['first-round', 'strike', 'talks']);
  });

  it.each([
    [['--event', 'strike', '--all'], /^--event and --all cannot be combined/],
    [['--from', '2025-06-01T18:00Z', '--event', 'strike'], /^--from\/--to and --event cannot be combined/],
    [['--from', '2025-06-02T18:00Z', '--to', '2025-06-01T18:00Z'], /^--to 2025-06-01T18:00Z must come after --from/],
    [['--from', '2025-07-01T00:00Z'], /^--from 2025-07-01T00:00Z is outside the story/],
    [['--to', '1 June'], /^--to must be an ISO 8601 UTC time/],
    [['--event', 'nope'], /^unknown event "nope"; the story's events are: first-round, strike, talks/],
    [['--size', '1081x1920'], /^--size sides must be even/],
    [['--size', '1080x4000'], /^--size sides must be from 320 to 3840/],
    [['--size', 'big'], /^--size must be WIDTHxHEIGHT in pixels such as 1080x1920/],
    [['--fps', '0'], /^--fps must be a whole number from 1 to 60/],
    [['--fps', '29.97'], /^--fps must be a whole number from 1 to 60/],
    [['--scale', '2'], /^unknown option "--scale"/],
    [['--all=yes'], /^--all takes no value/],
  ])('refuses %j with one line', (argv, reason) => {
    const message = fails(argv as string[]);
    expect(message).toMatch(reason);
    expect(message).not.toContain('\n');
  });
});
