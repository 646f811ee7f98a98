import { EventEmitter } from 'node:events';
import { RedisOutageLog } from './redis-errors.js';

function logger() {
  const lines: { level: string; line: object }[] = [];
  return {
    lines,
    warn: (line: object) => lines.push({ level: 'warn', line }),
    log: (line: object) => lines.push({ level: 'info', line }),
  };
}

describe('RedisOutageLog', () => {
  it('logs an outage once however many clients fail how often, and its end once', () => {
    const log = logger();
    let now = 1_000;
    const client = new EventEmitter();
    const queue = new EventEmitter();
    new RedisOutageLog(log, 'mail queue', () => now).watch([queue], [client]);

    for (let i = 0; i < 50; i++) {
      client.emit('error', new Error('connect ECONNREFUSED'));
      queue.emit('error', new Error('connect ECONNREFUSED'));
    }
    now = 4_500;
    client.emit('ready');
    client.emit('ready');

    expect(log.lines).toEqual([
      {
        level: 'warn',
        line: { msg: 'mail queue: Redis unreachable', error: 'connect ECONNREFUSED' },
      },
      {
        level: 'info',
        line: { msg: 'mail queue: Redis reachable again', afterMs: 3_500, errors: 100 },
      },
    ]);
  });

  it('logs the next outage again, and nothing for a first connection', () => {
    const log = logger();
    const client = new EventEmitter();
    new RedisOutageLog(log, 'redis').watch([], [client]);
    client.emit('ready');
    client.emit('error', new Error('a'));
    client.emit('ready');
    client.emit('error', new Error('b'));
    expect(log.lines.map((l) => l.level)).toEqual(['warn', 'info', 'warn']);
  });

  it('is a listener: an error event no longer goes unhandled', () => {
    const client = new EventEmitter();
    new RedisOutageLog(logger(), 'redis').watch([], [client]);
    expect(() => client.emit('error', new Error('down'))).not.toThrow();
  });
});
