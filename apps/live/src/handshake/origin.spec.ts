import { parseConfig } from '@app/config';
import { isAllowedOrigin } from './origin.js';

describe('isAllowedOrigin', () => {
  const allowed = parseConfig({
    PUBLIC_BASE_URL: 'https://hub.example.eu/icc',
    CORS_ORIGINS: 'https://cities.example.eu, http://localhost:5173',
  }).corsOrigins;

  it("accepts the public base URL's origin and every listed CORS origin", () => {
    expect(isAllowedOrigin('https://hub.example.eu', allowed)).toBe(true);
    expect(isAllowedOrigin('https://cities.example.eu', allowed)).toBe(true);
    expect(isAllowedOrigin('http://localhost:5173', allowed)).toBe(true);
    const onDefaultPort = parseConfig({ PUBLIC_BASE_URL: 'https://hub.example.eu:443' });
    expect(isAllowedOrigin('https://hub.example.eu', onDefaultPort.corsOrigins)).toBe(true);
  });

  it('refuses other sites, schemes, ports and look-alikes', () => {
    for (const origin of [
      'https://evil.example',
      'http://hub.example.eu',
      'https://hub.example.eu:8443',
      'https://hub.example.eu.evil.example',
      'https://sub.hub.example.eu',
      'https://hub.example.eu/',
      'http://localhost:3000',
      'https://cities.example.eu.evil.example',
      'null',
      '',
    ]) {
      expect(isAllowedOrigin(origin, allowed)).toBe(false);
    }
  });

  it('refuses a missing or repeated Origin header', () => {
    expect(isAllowedOrigin(undefined, allowed)).toBe(false);
    expect(isAllowedOrigin(['https://hub.example.eu', 'https://hub.example.eu'], allowed)).toBe(
      false,
    );
  });
});
