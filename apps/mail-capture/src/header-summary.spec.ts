import {
  decodeEncodedWords,
  envelopeTraceFields,
  headerBlockEnd,
  summarizeHeaders,
} from './header-summary.js';

describe('decodeEncodedWords', () => {
  it('decodes Q and B words and drops the space between adjacent words', () => {
    expect(decodeEncodedWords('=?UTF-8?Q?Bienvenue_=C3=A0?= =?UTF-8?B?QnJ1eGVsbGVz?= !')).toBe(
      'Bienvenue àBruxelles !',
    );
  });

  it('joins a character split across two words', () => {
    const bytes = Buffer.from('ü', 'utf8');
    const first = bytes.subarray(0, 1).toString('base64');
    const second = bytes.subarray(1).toString('base64');
    expect(decodeEncodedWords(`=?utf-8?B?${first}?= =?utf-8?B?${second}?=`)).toBe('ü');
  });

  it('reads other charsets and leaves plain text alone', () => {
    expect(decodeEncodedWords('Caf=?ISO-8859-1?Q?=E9?= <b>')).toBe('Café <b>');
    expect(decodeEncodedWords('no words here =? not one')).toBe('no words here =? not one');
  });
});

describe('summarizeHeaders', () => {
  it('reads folded fields from the header block only', () => {
    const message = Buffer.from(
      [
        'Subject: =?UTF-8?Q?Day_2=3A_Green?=',
        '  deal',
        'Message-ID: <abc@x.test>',
        'Content-Type: multipart/mixed; boundary="b"',
        '',
        'Subject: not this one',
      ].join('\r\n'),
    );
    expect(summarizeHeaders(message)).toEqual({
      subject: 'Day 2: Green deal',
      messageId: '<abc@x.test>',
      hasAttachments: true,
      envelope: undefined,
    });
  });

  it('finds the end of the header block with CRLF, LF or no headers at all', () => {
    expect(headerBlockEnd(Buffer.from('A: 1\r\n\r\nbody'))).toBe(4);
    expect(headerBlockEnd(Buffer.from('A: 1\n\nbody'))).toBe(4);
    expect(headerBlockEnd(Buffer.from('\r\nbody'))).toBe(0);
    expect(headerBlockEnd(Buffer.from('A: 1\r\nB: 2'))).toBe(-1);
  });

  it('round-trips the envelope through the trace fields, ahead of any in the message', () => {
    const envelope = { from: '', to: ['a@x.test', '"odd, <one>"@x.test', 'ünï@x.test'] };
    const stored = Buffer.concat([
      envelopeTraceFields(envelope),
      Buffer.from('X-Envelope-To: forged@x.test\r\nSubject: s\r\n\r\nbody'),
    ]);
    expect(summarizeHeaders(stored).envelope).toEqual(envelope);
  });
});
