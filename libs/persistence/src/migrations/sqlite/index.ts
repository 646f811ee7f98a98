import { Initial1795872185637 } from './1795872185637-Initial.js';

export const SQLITE_MIGRATIONS = [Initial1795872185637];
