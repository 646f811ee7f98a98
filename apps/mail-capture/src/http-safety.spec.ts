import { attachmentDisposition, isLoopback, refusal, safeContentType } from './http-safety.js';

describe('isLoopback', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['0:0:0:0:0:0:0:1', true],
    ['10.0.0.1', false],
    ['::ffff:192.168.1.2', false],
    ['fe80::1', false],
    ['', false],
    [undefined, false],
  ])('%s → %s', (address, expected) => {
    expect(isLoopback(address)).toBe(expected);
  });
});

describe('attachmentDisposition', () => {
  it('keeps a plain name as it is', () => {
    expect(attachmentDisposition('invite.ics', 'x')).toBe('attachment; filename="invite.ics"');
  });

  it('drops directories and control characters, and encodes the exact name', () => {
    expect(attachmentDisposition('../..\\C:\\évil\r\n"name".ics', 'x')).toBe(
      `attachment; filename="_vil_name_.ics"; filename*=UTF-8''%C3%A9vil%22name%22.ics`,
    );
  });

  it('falls back when nothing is left', () => {
    expect(attachmentDisposition('../', 'attachment-1.ics')).toBe(
      'attachment; filename="attachment-1.ics"',
    );
    expect(attachmentDisposition(undefined, 'attachment-2')).toBe(
      'attachment; filename="attachment-2"',
    );
  });
});

describe('safeContentType', () => {
  it('keeps a well-formed type and a text charset', () => {
    expect(safeContentType('text/calendar', 'UTF-8')).toBe('text/calendar; charset=utf-8');
    expect(safeContentType('application/pdf', 'utf-8')).toBe('application/pdf');
  });

  it('turns anything else into octet-stream', () => {
    expect(safeContentType('text/html\r\nX-Evil: 1', undefined)).toBe('application/octet-stream');
    expect(safeContentType(undefined, undefined)).toBe('application/octet-stream');
    expect(safeContentType('text/plain', 'utf-8"; x=')).toBe('text/plain');
  });
});

describe('refusal', () => {
  const hosts = new Set(['127.0.0.1:8025', 'localhost:8025']);
  const ok = {
    method: 'GET',
    remoteAddress: '127.0.0.1',
    host: '127.0.0.1:8025',
    origin: undefined,
  };

  it('lets a local browser read and change', () => {
    expect(refusal(ok, hosts)).toBeUndefined();
    expect(
      refusal({ ...ok, method: 'POST', origin: 'http://127.0.0.1:8025' }, hosts),
    ).toBeUndefined();
    expect(refusal({ ...ok, method: 'DELETE' }, hosts)).toBeUndefined();
  });

  it('refuses other machines, foreign host names and cross-origin changes', () => {
    expect(refusal({ ...ok, remoteAddress: '192.168.1.20' }, hosts)).toMatch(/this machine/);
    expect(refusal({ ...ok, remoteAddress: undefined }, hosts)).toMatch(/this machine/);
    expect(refusal({ ...ok, host: 'rebound.example:8025' }, hosts)).toMatch(/host/);
    expect(refusal({ ...ok, host: undefined }, hosts)).toMatch(/host/);
    expect(refusal({ ...ok, method: 'POST', origin: 'http://localhost:8025' }, hosts)).toMatch(
      /Cross-origin/,
    );
    expect(refusal({ ...ok, method: 'DELETE', origin: 'null' }, hosts)).toMatch(/Cross-origin/);
  });
});
