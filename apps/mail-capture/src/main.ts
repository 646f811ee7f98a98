import { loadConfig } from '@app/config';
import { createLogger, exitCleanlyOnSignals, exitOnBootError } from '@app/runtime';
import { createHttpApp } from './http-app.js';
import { MailStore } from './mail-store.js';
import { SmtpIntake } from './smtp-intake.js';

/** Captured mail is personal data and nothing here authenticates: this machine only. */
const HOST = '127.0.0.1';

/**
 * The embedded default's mail sink: real SMTP in, every message kept as an .eml file under
 * DATA_DIR, and a small web page (plus JSON for tests) to read what the hub sent.
 */
async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('mail-capture', config.logLevel);
  const { smtpPort, httpPort, dir } = config.mailCapture;
  const store = await MailStore.open(dir);
  const smtp = new SmtpIntake(store, logger, config.shutdownTimeoutMs);
  const http = createHttpApp(store, logger, { httpPort, smtpPort });
  await smtp.listen(smtpPort, HOST);
  await http.listen({ port: httpPort, host: HOST });
  exitCleanlyOnSignals(
    {
      close: async () => {
        await Promise.all([smtp.close(), http.close()]);
      },
    },
    logger,
    config.shutdownTimeoutMs,
  );
  logger.info({ smtpPort, httpPort, messages: store.count }, 'mail capture started');
}

bootstrap().catch((error: unknown) => exitOnBootError(error, 'mail-capture'));
