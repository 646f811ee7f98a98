import { LOCALES } from '@app/contracts';
import { MailerInputError } from '../mailer.errors.js';
import { renderMail } from '../mail-templates.js';

const TOKEN = 'A'.repeat(20) + '_-abcdefghijklmnopqrstu';
const CONTEXT = { publicBaseUrl: 'https://hub.example.eu' };

describe('sign-in-link', () => {
  it.each(LOCALES)('carries the link in the fragment, in %s', (locale) => {
    const mail = renderMail(
      'sign-in-link',
      locale,
      { recipientName: '', token: TOKEN, expiresInMinutes: 15 },
      CONTEXT,
    );
    const link = `https://hub.example.eu/sign-in/verify#token=${TOKEN}`;
    expect(mail.text).toContain(link);
    expect(mail.html).toContain(`href="${link}"`);
    expect(mail.text).toMatch(/15/);
    expect(mail.html).toContain(`lang="${locale}"`);
  });

  it('refuses a token that is not one the hub makes', () => {
    expect(() =>
      renderMail(
        'sign-in-link',
        'en',
        { recipientName: '', token: 'x"><script>', expiresInMinutes: 15 },
        CONTEXT,
      ),
    ).toThrow(MailerInputError);
  });
});
