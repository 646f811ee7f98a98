import { ifNoneMatchHits } from './conditional-get.js';

describe('ifNoneMatchHits', () => {
  const etag = '"abc"';

  it.each([
    ['"abc"', true],
    ['W/"abc"', true],
    ['"zzz", W/"abc"', true],
    ['  "abc"  ', true],
    ['*', true],
    ['"abcd"', false],
    ['abc', false],
    ['"ABC"', false],
    ['', false],
  ])('%j against "abc" is %s', (header, hit) => {
    expect(ifNoneMatchHits(header, etag)).toBe(hit);
  });

  it('misses without the header', () => {
    expect(ifNoneMatchHits(undefined, etag)).toBe(false);
  });
});
