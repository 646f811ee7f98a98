import { APP_CONFIG, type AppConfig } from '@app/config';
import { decodeKey, keyFromFile } from '@app/runtime';
import type { Provider } from '@nestjs/common';

/** The key that seals calendar feed tokens in the database. */
export const FEED_KEY = Symbol('FEED_KEY');

/**
 * From the configuration, else the key file under DATA_DIR (made on first start), so the
 * embedded default needs no setting. Read at boot: a bad key stops the api, not a request.
 */
export const feedKeyProvider: Provider = {
  provide: FEED_KEY,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): Buffer => {
    const { key, keyFile } = config.calendarFeeds;
    if (key === undefined) return keyFromFile(keyFile);
    const decoded = decodeKey(key);
    if (!decoded) throw new Error('CALENDAR_FEED_KEY must be 32 bytes in base64');
    return decoded;
  },
};
