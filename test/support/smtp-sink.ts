import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';

export interface CapturedMail {
  to: string[];
  messageId: string;
  raw: string;
  receivedAt: number;
}

type Verdict = 'accept' | { code: number; message: string };

/**
 * A real SMTP server for tests. `decide` can answer a recipient with a temporary (4xx) or
 * permanent (5xx) error after the message data, as a relay would.
 */
export class SmtpSink {
  readonly mails: CapturedMail[] = [];
  decide: (to: string[], attempt: number) => Verdict = () => 'accept';
  private readonly attempts = new Map<string, number>();
  private server: SMTPServer | undefined;
  port = 0;

  async start(): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      size: 10 * 1024 * 1024,
      onData: (stream: SMTPServerDataStream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const to = session.envelope.rcptTo.map((r) => r.address);
          const key = to.join(',');
          const attempt = (this.attempts.get(key) ?? 0) + 1;
          this.attempts.set(key, attempt);
          const verdict = this.decide(to, attempt);
          if (verdict !== 'accept') {
            callback(Object.assign(new Error(verdict.message), { responseCode: verdict.code }));
            return;
          }
          const raw = Buffer.concat(chunks).toString('utf8');
          const messageId = /^Message-ID:\s*(<[^>]+>)/im.exec(raw)?.[1] ?? '';
          this.mails.push({ to, messageId, raw, receivedAt: Date.now() });
          callback();
        });
      },
    });
    // A client killed mid-conversation resets its socket; that is the test, not a failure.
    this.server.on('error', () => undefined);
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const address = this.server.server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  to(address: string): CapturedMail[] {
    return this.mails.filter((m) => m.to.includes(address));
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
