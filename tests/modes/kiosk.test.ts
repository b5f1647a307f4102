import { describe, expect, it } from 'vitest';
import { countdownSeconds, countdownText, dwellSeconds, idlePhase, pageText, progressText } from '../../src/modes/kiosk.ts';

describe('countdownSeconds', () => {
  it('is 5 s for the usual timeouts and half the timeout when that is shorter', () => {
    expect(countdownSeconds(60)).toBe(5);
    expect(countdownSeconds(10)).toBe(5);
    expect(countdownSeconds(6)).toBe(3);
    expect(countdownSeconds(2)).toBe(1);
    expect(countdownSeconds(1)).toBe(0.5);
  });
});

describe('idlePhase', () => {
  it('waits until the countdown is due, then counts whole seconds down, then resumes at the timeout', () => {
    expect(idlePhase(0, 60)).toEqual({ kind: 'wait', nextMs: 55_000 });
    expect(idlePhase(54_000, 60)).toEqual({ kind: 'wait', nextMs: 1000 });
    expect(idlePhase(55_000, 60)).toEqual({ kind: 'countdown', secondsLeft: 5, nextMs: 1000 });
    expect(idlePhase(55_400, 60)).toEqual({ kind: 'countdown', secondsLeft: 5, nextMs: 600 });
    expect(idlePhase(59_999, 60)).toEqual({ kind: 'countdown', secondsLeft: 1, nextMs: 1 });
    expect(idlePhase(60_000, 60)).toEqual({ kind: 'resume' });
    expect(idlePhase(3_600_000, 60)).toEqual({ kind: 'resume' });
  });

  it('resumes the tour exactly `idle` seconds after the last input, short timeouts included', () => {
    expect(idlePhase(999, 2)).toEqual({ kind: 'wait', nextMs: 1 });
    expect(idlePhase(1000, 2)).toEqual({ kind: 'countdown', secondsLeft: 1, nextMs: 1000 });
    expect(idlePhase(2000, 2)).toEqual({ kind: 'resume' });
    expect(idlePhase(1750, 3)).toEqual({ kind: 'countdown', secondsLeft: 2, nextMs: 250 });
  });

  it('always asks to be checked again later than now', () => {
    for (const idle of [1, 2, 3, 7, 60, 3600])
      for (let ms = 0; ms < idle * 1000; ms += 37 * idle) {
        const p = idlePhase(ms, idle);
        expect(p.kind).not.toBe('resume');
        if (p.kind !== 'resume') expect(p.nextMs).toBeGreaterThan(0);
      }
  });
});

describe('progress and countdown text', () => {
  it('counts events from one, and names the total before the first', () => {
    expect(progressText(6, 20)).toBe('Event 7 of 20');
    expect(progressText(19, 20)).toBe('Event 20 of 20');
    expect(progressText(-1, 20)).toBe('20 events');
  });

  it('says how many seconds are left', () => {
    expect(countdownText(5)).toBe('Returning to the tour in 5…');
  });
});

describe('dwellSeconds', () => {
  it('uses the event’s own dwell, else the story’s default', () => {
    expect(dwellSeconds({ dwell: 14 }, { defaultDwell: 8 })).toBe(14);
    expect(dwellSeconds({}, { defaultDwell: 8 })).toBe(8);
  });
  it('holds a card at least as long as its headline and text take to read at the given pace', () => {
    const words = (n: number) => Array.from({ length: n }, () => 'word').join(' ');
    // 10 + 90 words at 200 a minute: 30 s, over the authored 14 s
    expect(dwellSeconds({ dwell: 14, title: words(10), body: words(90) }, { defaultDwell: 8 }, 200)).toBe(30);
    // a short card keeps its authored dwell
    expect(dwellSeconds({ dwell: 14, title: words(5), body: words(20) }, { defaultDwell: 8 }, 200)).toBe(14);
    // without a pace (explore, screenshot), the authored dwell alone
    expect(dwellSeconds({ dwell: 14, title: words(10), body: words(90) }, { defaultDwell: 8 }, null)).toBe(14);
  });
  it('counts the claims a card shows (who and what) in its reading time', () => {
    const words = (n: number) => Array.from({ length: n }, () => 'word').join(' ');
    const claims = [
      { claimant: 'Kyiv', text: words(29) },
      { claimant: 'Russia’s defence ministry', text: words(47) },
    ];
    // 10 + 40 words of headline and text, 30 + 50 of claims: 130 words at 200 a minute, 39 s
    expect(dwellSeconds({ dwell: 14, title: words(10), body: words(40), claims }, { defaultDwell: 8 }, 200)).toBe(39);
    expect(dwellSeconds({ dwell: 14, title: words(10), body: words(40) }, { defaultDwell: 8 }, 200)).toBe(15);
  });
});

describe('pageText', () => {
  it('names the page of a card shown a page at a time, and says nothing for one page', () => {
    expect(pageText(0, 2)).toBe('Page 1 of 2');
    expect(pageText(2, 3)).toBe('Page 3 of 3');
    expect(pageText(0, 1)).toBe('');
  });
});
