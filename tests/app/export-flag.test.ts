import { describe, expect, it } from 'vitest';
import { createExportFlag } from '../../src/app/export-flag.ts';

/** A stage that records its `data-exporting` attribute. */
function fakeStage() {
  const attrs = new Set<string>();
  const stage = { toggleAttribute: (name: string, on: boolean) => (on ? attrs.add(name) : attrs.delete(name)) } as unknown as HTMLElement;
  return { stage, attrs };
}

describe('export flag', () => {
  it('is a still export unless set moving, and moving only while active', () => {
    const { stage, attrs } = fakeStage();
    const flag = createExportFlag(stage);
    expect([flag.active, flag.moving, attrs.has('data-exporting')]).toEqual([false, false, false]);
    flag.set(true);
    expect([flag.active, flag.moving, attrs.has('data-exporting')]).toEqual([true, false, true]);
    flag.set(false);
    flag.set(true, true);
    expect([flag.active, flag.moving]).toEqual([true, true]);
    // a video's flag cleared: no longer moving, though `set(false)` names no motion
    flag.set(false, true);
    expect([flag.active, flag.moving, attrs.has('data-exporting')]).toEqual([false, false, false]);
  });
});
