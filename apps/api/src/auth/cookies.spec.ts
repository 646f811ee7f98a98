import { readCookie, SESSION_COOKIE } from './cookies.js';

describe('readCookie', () => {
  it('reads and decodes the named cookie', () => {
    expect(readCookie(`a=1; ${SESSION_COOKIE}=abc%2Fdef; b=2`, SESSION_COOKIE)).toBe('abc/def');
  });

  it('reads nothing from a missing header or cookie', () => {
    expect(readCookie(undefined, SESSION_COOKIE)).toBeUndefined();
    expect(readCookie('a=1; =2; ;;', SESSION_COOKIE)).toBeUndefined();
  });

  it('reads a value that is not valid percent-encoding as no cookie, without throwing', () => {
    for (const value of ['%zz', '%E0%A4%A', '%', '%ED%A0%80']) {
      expect(readCookie(`${SESSION_COOKIE}=${value}`, SESSION_COOKIE)).toBeUndefined();
    }
  });
});
