import { describe, expect, it } from 'vitest';
import { e2eWorkers } from '../../vitest.config.ts';

describe('e2eWorkers (how many browser test files run side by side)', () => {
  it('takes E2E_WORKERS when it is a whole number from 1 to 8, else runs one', () => {
    expect(e2eWorkers({})).toBe(1);
    expect(e2eWorkers({ E2E_WORKERS: '2' })).toBe(2);
    expect(e2eWorkers({ E2E_WORKERS: '8' })).toBe(8);
    for (const bad of ['', '0', '9', '1.5', 'two', ' ']) expect(e2eWorkers({ E2E_WORKERS: bad }), JSON.stringify(bad)).toBe(1);
  });
});
