import { type AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { MailerInputError } from './mailer.errors.js';
import { classifySmtpError, createSmtpTransport, type SmtpTransporter } from './smtp-transport.js';

/** Errors shaped as nodemailer's SMTP connection builds them (`_formatError`). */
function smtpError(
  message: string,
  fields: { code?: string; response?: string; command?: string; originalCode?: string },
): Error {
  const responseCode = fields.response ? Number(/^\d+/.exec(fields.response)?.[0]) : undefined;
  return Object.assign(new Error(fields.response ? `${message}: ${fields.response}` : message), {
    ...fields,
    ...(responseCode
      ? { responseCode, permanent: responseCode >= 500 && responseCode !== 503 }
      : {}),
  });
}

describe('classifySmtpError', () => {
  it.each([
    [
      '451 greylisted',
      smtpError("Can't send mail - all recipients were rejected", {
        code: 'EENVELOPE',
        response: '451 4.7.1 Greylisted, try again later',
        command: 'RCPT TO',
      }),
    ],
    [
      '452 mailbox full for now',
      smtpError('Message failed', {
        code: 'EMESSAGE',
        response: '452 4.2.2 Mailbox full',
        command: 'DATA',
      }),
    ],
    [
      '421 service unavailable',
      smtpError('Connection closed unexpectedly', {
        code: 'ECONNECTION',
        response: '421 4.3.2 Shutting down',
        command: 'CONN',
      }),
    ],
    [
      '503 bad sequence',
      smtpError('Data command failed', {
        code: 'EENVELOPE',
        response: '503 5.5.1 Bad sequence of commands',
        command: 'DATA',
      }),
    ],
    [
      '554 at the greeting',
      smtpError('Connection closed unexpectedly', {
        code: 'ECONNECTION',
        response: '554 5.7.1 Client host rejected',
        command: 'CONN',
      }),
    ],
    [
      '535 bad credentials',
      smtpError('Invalid login', {
        code: 'EAUTH',
        response: '535 5.7.8 Authentication credentials invalid',
        command: 'AUTH PLAIN',
      }),
    ],
    [
      'missing credentials',
      smtpError('Missing credentials for "PLAIN"', { code: 'EAUTH', command: 'API' }),
    ],
    [
      'ECONNREFUSED',
      smtpError('connect ECONNREFUSED 127.0.0.1:25', {
        code: 'ESOCKET',
        originalCode: 'ECONNREFUSED',
        command: 'CONN',
      }),
    ],
    [
      'bare ECONNREFUSED',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), {
        code: 'ECONNREFUSED',
        errno: -111,
        syscall: 'connect',
      }),
    ],
    [
      'ECONNRESET',
      smtpError('read ECONNRESET', {
        code: 'ESOCKET',
        originalCode: 'ECONNRESET',
        command: 'CONN',
      }),
    ],
    [
      'connection timeout',
      Object.assign(smtpError('Connection timeout', { code: 'ETIMEDOUT', command: 'CONN' }), {
        timeoutType: 'CONNECT_TIMEOUT',
      }),
    ],
    [
      'greeting timeout',
      Object.assign(smtpError('Greeting never received', { code: 'ETIMEDOUT', command: 'CONN' }), {
        timeoutType: 'GREETING_TIMEOUT',
      }),
    ],
    [
      'connection closed',
      smtpError('Connection closed unexpectedly', { code: 'ECONNECTION', command: 'CONN' }),
    ],
    ['pool connection closed', new Error('Connection closed')],
    [
      'DNS failure',
      smtpError('getaddrinfo ENOTFOUND smtp.example.org', {
        code: 'EDNS',
        originalCode: 'ENOTFOUND',
        command: 'CONN',
      }),
    ],
    ['TLS failure', smtpError('Connection closed unexpectedly', { code: 'ETLS', command: 'CONN' })],
    ['an unknown error', new Error('something odd')],
    ['a string', 'boom'],
    ['null', null],
    ['undefined', undefined],
  ])('%s is temporary', (_name, error) => {
    expect(classifySmtpError(error)).toBe('temporary');
  });

  it.each([
    [
      '550 no such user',
      smtpError("Can't send mail - all recipients were rejected", {
        code: 'EENVELOPE',
        response: '550 5.1.1 User unknown',
        command: 'RCPT TO',
      }),
    ],
    [
      '553 sender refused',
      smtpError('Mail command failed', {
        code: 'EENVELOPE',
        response: '553 5.7.1 Sender address rejected',
        command: 'MAIL FROM',
      }),
    ],
    [
      '554 message refused',
      smtpError('Message failed', {
        code: 'EMESSAGE',
        response: '554 5.7.1 Message rejected as spam',
        command: 'DATA',
      }),
    ],
    [
      '552 too large',
      smtpError('Message failed', {
        code: 'EMESSAGE',
        response: '552 5.3.4 Message too big',
        command: 'DATA',
      }),
    ],
    ['a bare 5xx code', Object.assign(new Error('rejected'), { responseCode: 550 })],
    [
      'an invalid recipient',
      smtpError('Invalid recipient "a b"', { code: 'EENVELOPE', command: 'API' }),
    ],
    [
      'an oversized message',
      smtpError('Message size larger than allowed 1000', {
        code: 'EMESSAGE',
        command: 'MAIL FROM',
      }),
    ],
    [
      'a bad address from addressHeader',
      new MailerInputError('INVALID_ADDRESS', 'not a valid e-mail address'),
    ],
  ])('%s is permanent', (_name, error) => {
    expect(classifySmtpError(error)).toBe('permanent');
  });
});

describe('createSmtpTransport', () => {
  const transports: SmtpTransporter[] = [];
  afterEach(() => {
    for (const transport of transports.splice(0)) transport.close();
  });
  function create(poolSize: number, ratePerSecond: number): SmtpTransporter {
    const transport = createSmtpTransport({
      url: 'smtp://127.0.0.1:2525',
      poolSize,
      ratePerSecond,
    });
    transports.push(transport);
    return transport;
  }

  it('pools connections with timeouts and a rate limit', () => {
    const { options } = create(4, 20).transporter as unknown as {
      options: Record<string, unknown>;
    };
    expect(options).toMatchObject({
      pool: true,
      maxConnections: 4,
      maxMessages: Infinity,
      rateDelta: 1000,
      rateLimit: 20,
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 30_000,
      host: '127.0.0.1',
      port: 2525,
    });
  });

  it('sets no rate limit for 0', () => {
    const { options } = create(1, 0).transporter as unknown as {
      options: Record<string, unknown>;
    };
    expect(options.rateLimit).toBeUndefined();
    expect(options.rateDelta).toBeUndefined();
  });

  it.each([
    [0, 0],
    [1.5, 0],
    [2, -1],
    [2, 0.5],
  ])('rejects poolSize %p with ratePerSecond %p', (poolSize, ratePerSecond) => {
    expect(() =>
      createSmtpTransport({ url: 'smtp://127.0.0.1:2525', poolSize, ratePerSecond }),
    ).toThrow(RangeError);
  });
});

describe('classifySmtpError against a real SMTP exchange', () => {
  let server: SMTPServer;
  let port: number;
  let transport: SmtpTransporter;

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        if (address.address.startsWith('later@')) {
          callback(Object.assign(new Error('4.7.1 Greylisted'), { responseCode: 451 }));
        } else if (address.address.startsWith('nobody@')) {
          callback(Object.assign(new Error('5.1.1 User unknown'), { responseCode: 550 }));
        } else {
          callback();
        }
      },
      onData(stream, _session, callback) {
        stream.on('end', () => callback());
        stream.resume();
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
    transport = createSmtpTransport({
      url: `smtp://127.0.0.1:${port}`,
      poolSize: 2,
      ratePerSecond: 0,
    });
  });

  afterAll(async () => {
    transport.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  async function failureOf(to: string, through = transport): Promise<unknown> {
    try {
      await through.sendMail({ from: 'hub@example.eu', to, subject: 's', text: 't' });
    } catch (error) {
      return error;
    }
    throw new Error('the message was accepted');
  }

  it('delivers through the pool', async () => {
    const info = await transport.sendMail({
      from: 'hub@example.eu',
      to: 'ana@example.eu',
      subject: 's',
      text: 't',
    });
    expect(info.accepted).toEqual(['ana@example.eu']);
  });

  it('classifies a 4xx recipient rejection as temporary', async () => {
    const error = await failureOf('later@example.eu');
    expect(error).toMatchObject({ responseCode: 451 });
    expect(classifySmtpError(error)).toBe('temporary');
  });

  it('classifies a 5xx recipient rejection as permanent', async () => {
    const error = await failureOf('nobody@example.eu');
    expect(error).toMatchObject({ responseCode: 550 });
    expect(classifySmtpError(error)).toBe('permanent');
  });

  it('classifies a refused connection as temporary', async () => {
    const closed = new SMTPServer({ logger: false });
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const nowhere = createSmtpTransport({
      url: `smtp://127.0.0.1:${closedPort}`,
      poolSize: 1,
      ratePerSecond: 0,
    });
    try {
      const error = await failureOf('ana@example.eu', nowhere);
      expect(error).toMatchObject({ code: 'ESOCKET', originalCode: 'ECONNREFUSED' });
      expect(classifySmtpError(error)).toBe('temporary');
    } finally {
      nowhere.close();
    }
  });
});
