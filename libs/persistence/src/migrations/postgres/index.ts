import { Initial1795872186291 } from './1795872186291-Initial.js';

export const POSTGRES_MIGRATIONS = [Initial1795872186291];
