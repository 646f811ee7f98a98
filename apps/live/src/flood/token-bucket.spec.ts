import { TokenBucket } from './token-bucket.js';

describe('TokenBucket', () => {
  it('allows a burst, then refuses until time refills it at the given rate', () => {
    let now = 0;
    const bucket = new TokenBucket(3, 10, () => now);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    now = 99;
    expect(bucket.take()).toBe(false);
    now = 100;
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
  });

  it('never holds more than the burst, however long it idles', () => {
    let now = 0;
    const bucket = new TokenBucket(2, 10, () => now);
    now = 60_000;
    const allowed = Array.from({ length: 5 }, () => bucket.take()).filter(Boolean).length;
    expect(allowed).toBe(2);
  });

  it('sustains exactly the rate over a long run', () => {
    let now = 0;
    const bucket = new TokenBucket(5, 10, () => now);
    let allowed = 0;
    for (let ms = 0; ms <= 10_000; ms += 10) {
      now = ms;
      if (bucket.take()) allowed += 1;
    }
    // 5 at once, then 10 a second for 10 seconds.
    expect(allowed).toBeGreaterThanOrEqual(104);
    expect(allowed).toBeLessThanOrEqual(106);
  });
});
