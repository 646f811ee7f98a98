import { isAllowedOrigin } from './origin.js';

describe('isAllowedOrigin', () => {
  const base = 'https://hub.example.eu/icc';

  it("accepts exactly the public base URL's origin", () => {
    expect(isAllowedOrigin('https://hub.example.eu', base)).toBe(true);
    expect(isAllowedOrigin('https://hub.example.eu', 'https://hub.example.eu:443')).toBe(true);
    expect(isAllowedOrigin('http://localhost:3000', 'http://localhost:3000')).toBe(true);
  });

  it('refuses other sites, schemes, ports and look-alikes', () => {
    for (const origin of [
      'https://evil.example',
      'http://hub.example.eu',
      'https://hub.example.eu:8443',
      'https://hub.example.eu.evil.example',
      'https://sub.hub.example.eu',
      'https://hub.example.eu/',
      'null',
      '',
    ]) {
      expect(isAllowedOrigin(origin, base)).toBe(false);
    }
  });

  it('refuses a missing or repeated Origin header', () => {
    expect(isAllowedOrigin(undefined, base)).toBe(false);
    expect(isAllowedOrigin(['https://hub.example.eu', 'https://hub.example.eu'], base)).toBe(false);
  });
});
