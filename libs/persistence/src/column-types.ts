import { databaseDriver } from '@app/config';
import type { ColumnOptions } from 'typeorm';

const postgres = databaseDriver() === 'postgres';

/** An instant, stored in UTC: `timestamptz` on PostgreSQL, ISO text on SQLite. */
export const timestampColumn: ColumnOptions = { type: postgres ? 'timestamptz' : 'datetime' };

/** Bytes: `bytea` on PostgreSQL, `blob` on SQLite. */
export const binaryColumn: ColumnOptions = { type: postgres ? 'bytea' : 'blob' };
