import { describe, expect, it } from 'vitest';
import { createPointerHold, type PointerHoldWindow } from '../../src/state/pointer-hold.ts';

/** A window that records its listeners and fires events at them. */
function fakeWindow() {
  const listeners = new Map<string, Set<(e: { pointerId: number }) => void>>();
  const win = {
    addEventListener: (type: string, fn: (e: { pointerId: number }) => void) => {
      if (!listeners.has(type)) listeners.set(type, new Set());
      listeners.get(type)!.add(fn);
    },
    removeEventListener: (type: string, fn: (e: { pointerId: number }) => void) => listeners.get(type)?.delete(fn),
  } as unknown as PointerHoldWindow;
  const fire = (type: string, pointerId = 1) => {
    for (const fn of listeners.get(type) ?? []) fn({ pointerId });
  };
  const count = () => [...listeners.values()].reduce((n, s) => n + s.size, 0);
  return { win, fire, count };
}

describe('createPointerHold', () => {
  it('is held from a press until the last pointer is released, and says so once', () => {
    const { win, fire } = fakeWindow();
    const hold = createPointerHold(win);
    let releases = 0;
    hold.onRelease(() => releases++);
    expect(hold.held).toBe(false);
    fire('pointerdown', 1);
    fire('pointerdown', 2);
    expect(hold.held).toBe(true);
    fire('pointerup', 1);
    expect(hold.held).toBe(true);
    expect(releases).toBe(0);
    fire('pointercancel', 2);
    expect(hold.held).toBe(false);
    expect(releases).toBe(1);
  });

  it('ends a hold when the window loses focus (a release it did not see), and not otherwise', () => {
    const { win, fire } = fakeWindow();
    const hold = createPointerHold(win);
    let releases = 0;
    hold.onRelease(() => releases++);
    fire('blur');
    expect(releases).toBe(0);
    fire('pointerdown', 3);
    fire('blur');
    expect(hold.held).toBe(false);
    expect(releases).toBe(1);
  });

  it('tells every subscriber, stops telling one that unsubscribed, and removes its listeners on destroy', () => {
    const { win, fire, count } = fakeWindow();
    const hold = createPointerHold(win);
    const seen: string[] = [];
    const offA = hold.onRelease(() => seen.push('a'));
    hold.onRelease(() => seen.push('b'));
    fire('pointerdown');
    fire('pointerup');
    offA();
    fire('pointerdown');
    fire('pointerup');
    expect(seen).toEqual(['a', 'b', 'b']);
    expect(count()).toBe(4);
    hold.destroy();
    expect(count()).toBe(0);
    fire('pointerdown');
    expect(hold.held).toBe(false);
  });
});
