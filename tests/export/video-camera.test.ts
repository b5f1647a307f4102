import { describe, expect, it } from 'vitest';
import { easeInOut, flyCamera, type CameraView } from '../../src/export/video-camera.ts';

const istanbul: CameraView = { center: [29, 41], zoom: 10 };
const siberia: CameraView = { center: [80, 59], zoom: 3 };

describe('flyCamera', () => {
  it('starts and ends on the two cameras', () => {
    expect(flyCamera(istanbul, siberia, 0, 1080, 1920)).toEqual(istanbul);
    expect(flyCamera(istanbul, siberia, 1, 1080, 1920)).toEqual(siberia);
  });

  it('zooms out further than either end on a long flight between close-ups, and its centre moves one way only', () => {
    const a: CameraView = { center: [29, 41], zoom: 8 };
    const b: CameraView = { center: [37.6, 55.7], zoom: 8 };
    const path = Array.from({ length: 21 }, (_, i) => flyCamera(a, b, i / 20, 1920, 1080));
    expect(Math.min(...path.map((c) => c.zoom))).toBeLessThan(7);
    for (let i = 1; i < path.length; i++) expect(path[i].center[1]).toBeGreaterThanOrEqual(path[i - 1].center[1] - 1e-9);
  });

  it('only zooms when the centre stays, and eases in and out', () => {
    const mid = flyCamera({ center: [30, 50], zoom: 4 }, { center: [30, 50], zoom: 6 }, 0.5, 1000, 1000);
    expect(mid.center[0]).toBeCloseTo(30, 6);
    expect(mid.center[1]).toBeCloseTo(50, 6);
    expect(mid.zoom).toBeCloseTo(5, 6);
    expect(easeInOut(0.1)).toBeLessThan(0.1);
    expect(easeInOut(0.9)).toBeGreaterThan(0.9);
  });

  it('goes the short way round the antimeridian', () => {
    const mid = flyCamera({ center: [170, 60], zoom: 4 }, { center: [-170, 60], zoom: 4 }, 0.5, 1000, 1000);
    expect(Math.abs(mid.center[0])).toBeGreaterThan(175);
  });
});
