import { pino } from 'pino';
import { withCorrelationId } from './correlation.js';
import { createLogger, PinoNestLogger, withoutSecrets } from './logger.js';

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

describe('Nest log lines', () => {
  function capture(): { logger: PinoNestLogger; lines: Array<Record<string, unknown>> } {
    const lines: Array<Record<string, unknown>> = [];
    const stream = { write: (line: string) => lines.push(JSON.parse(line) as never) };
    return { logger: new PinoNestLogger(pino({ level: 'trace' }, stream)), lines };
  }

  it('keep the fields of a structured message as JSON fields', () => {
    const { logger, lines } = capture();
    logger.log({ msg: 'mail sent', mailId: 'm-1', attempt: 2 }, 'MailSender');
    logger.warn('plain text', 'Other');
    expect(lines[0]).toMatchObject({ msg: 'mail sent', mailId: 'm-1', attempt: 2, level: 30 });
    expect(lines[0].context).toBe('MailSender');
    expect(lines[1]).toMatchObject({ msg: 'plain text', context: 'Other', level: 40 });
  });

  it('carry the correlation id of the request or job they are written for', () => {
    const { logger, lines } = capture();
    withCorrelationId('req-42', () => {
      logger.log({ msg: 'picked up', mailId: 'm-2', correlationId: undefined });
      logger.error('went wrong');
    });
    logger.log({ msg: 'sent', correlationId: 'from-the-row' });
    logger.log('outside');
    expect(lines.map((line) => line.correlationId)).toEqual([
      'req-42',
      'req-42',
      'from-the-row',
      undefined,
    ]);
  });
});
