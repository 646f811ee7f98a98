import { createTransport } from 'nodemailer';
import { addressHeader, isValidEmailAddress } from './address.js';
import { MailerInputError } from './mailer.errors.js';
import { renderMail } from './mail-templates.js';

describe('addressHeader', () => {
  it('keeps a valid address and a plain name', () => {
    expect(addressHeader('Ana Moreau', 'ana.moreau+icc@liege.example.be')).toEqual({
      name: 'Ana Moreau',
      address: 'ana.moreau+icc@liege.example.be',
    });
    expect(addressHeader('', 'a@b.c')).toEqual({ name: '', address: 'a@b.c' });
  });

  it.each([
    'a@b.c\r\nBcc: x@y',
    'a@b.c\nBcc: x@y',
    'a@b.c\r',
    ' a@b.c',
    'a@b.c ',
    'a b@c.d',
    'Ana <a@b.c>',
    'a@b.c, x@y.z',
    '"a"@b.c',
    'a@b',
    'a@@b.c',
    '@b.c',
    'a@',
    '.a@b.c',
    'a.@b.c',
    'a..b@c.d',
    'a@-b.c',
    'a@b-.c',
    'a@b..c',
    'a@b.c.',
    'ana@liège.be',
    `${'a'.repeat(65)}@b.c`,
    `a@${'b'.repeat(250)}.c`,
    '',
  ])('rejects %j', (email) => {
    expect(() => addressHeader('Ana', email)).toThrow(MailerInputError);
    expect(isValidEmailAddress(email)).toBe(false);
  });

  it('accepts an internationalised domain in its ASCII form', () => {
    expect(isValidEmailAddress('ana@xn--lige-ep3b.be')).toBe(true);
  });

  it('makes the display name one safe line', () => {
    expect(addressHeader('Ana\r\nBcc: x@y.z\u0000 ', 'a@b.c').name).toBe('Ana Bcc: x@y.z');
    expect(addressHeader('n'.repeat(500), 'a@b.c').name.length).toBeLessThanOrEqual(200);
  });

  it('yields headers nodemailer writes without injection', async () => {
    const transport = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    const hostile = 'Ana "\r\nBcc: victim@example.org\r\nX-Evil: 1 <ana@evil.example>, ';
    const mail = renderMail(
      'session-invitation',
      'fr',
      {
        recipientName: hostile,
        sessionTitle: `Atelier\r\nBcc: victim@example.org\r\n\r\n<script>`,
        eventTitle: 'City Lab',
        startsAt: new Date('2020-10-14T08:00:00Z'),
        endsAt: new Date('2020-10-14T09:30:00Z'),
        eventTimeZone: 'Europe/Brussels',
        recipientTimeZone: 'Europe/Brussels',
        location: null,
        joinUrl: null,
        sessionPath: '/sessions/1',
      },
      { publicBaseUrl: 'https://hub.example.eu' },
    );
    const info = await transport.sendMail({
      from: addressHeader('ICC Hub', 'noreply@hub.example.eu'),
      to: addressHeader(hostile, 'ana@liege.example.be'),
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
    });
    expect(Buffer.isBuffer(info.message)).toBe(true);
    const raw = (info.message as Buffer).toString('utf8');
    const headers = raw.slice(0, raw.indexOf('\n\n')).replace(/\n[ \t]+/g, ' ');
    expect(headers).not.toMatch(/^(?:Bcc|X-Evil):/im);
    expect(headers.match(/^To:/gim)).toHaveLength(1);
    expect(info.envelope.to).toEqual(['ana@liege.example.be']);
  });
});
