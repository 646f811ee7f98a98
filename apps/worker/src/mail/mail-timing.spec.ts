import { retryDelayMs } from './mail-timing.js';

describe('retryDelayMs', () => {
  it('doubles per attempt, within half and the whole step', () => {
    expect(retryDelayMs(1, () => 0)).toBe(1_000);
    expect(retryDelayMs(1, () => 1)).toBe(2_000);
    expect(retryDelayMs(2, () => 1)).toBe(4_000);
    expect(retryDelayMs(4, () => 0.5)).toBe(12_000);
  });

  it('never exceeds fifteen minutes', () => {
    expect(retryDelayMs(40, () => 1)).toBe(15 * 60_000);
  });

  it('spreads retries of the same attempt', () => {
    const delays = new Set(Array.from({ length: 50 }, () => retryDelayMs(3)));
    expect(delays.size).toBeGreaterThan(10);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(4_000);
      expect(delay).toBeLessThanOrEqual(8_000);
    }
  });
});
