import { describe, expect, it } from 'vitest';
import { e2eWorkers } from '../../vitest.config.ts';

describe('e2eWorkers (how many browser test files run side by side)', () => {
  it('runs two with llvmpipe on two cores or more, one with SwiftShader or on one core', () => {
    expect(e2eWorkers({}, 'llvmpipe', 2)).toBe(2);
    expect(e2eWorkers({}, 'llvmpipe', 8)).toBe(2);
    expect(e2eWorkers({}, 'llvmpipe', 1)).toBe(1);
    expect(e2eWorkers({}, 'swiftshader', 2)).toBe(1);
  });

  it('takes E2E_WORKERS when it is a whole number from 1 to 8, and ignores anything else', () => {
    expect(e2eWorkers({ E2E_WORKERS: '1' }, 'llvmpipe', 2)).toBe(1);
    expect(e2eWorkers({ E2E_WORKERS: '3' }, 'swiftshader', 2)).toBe(3);
    for (const bad of ['', '0', '9', '1.5', 'two', ' '])
      expect(e2eWorkers({ E2E_WORKERS: bad }, 'llvmpipe', 2), JSON.stringify(bad)).toBe(2);
  });
});
