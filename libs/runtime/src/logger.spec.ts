import { pino } from 'pino';
import { createLogger, withoutSecrets } from './logger.js';

describe('request logging', () => {
  it('writes a private calendar feed address without its token', () => {
    expect(withoutSecrets('/api/calendar/feeds/abcDEF_123-x.ics?x=1')).toBe(
      '/api/calendar/feeds/[redacted]?x=1',
    );
    expect(withoutSecrets('/api/events/lab/calendar.ics')).toBe('/api/events/lab/calendar.ics');
  });

  it('serializes requests as Fastify does, with that path masked', () => {
    const logger = createLogger('test', 'silent');
    const serializers = (
      logger as unknown as Record<symbol, Record<string, (v: unknown) => unknown>>
    )[pino.symbols.serializersSym];
    expect(
      serializers.req({
        method: 'GET',
        url: '/api/calendar/feeds/secret-token.ics',
        host: 'hub.example.eu',
        ip: '203.0.113.9',
        socket: { remotePort: 4711 },
      }),
    ).toEqual({
      method: 'GET',
      url: '/api/calendar/feeds/[redacted]',
      host: 'hub.example.eu',
      remoteAddress: '203.0.113.9',
      remotePort: 4711,
    });
  });
});
