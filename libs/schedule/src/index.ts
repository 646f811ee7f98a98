/**
 * @app/schedule — rules about a draft programme that need no database: which sessions conflict
 * (people double-booked or unavailable, streams overlapping, sessions outside the event's dates,
 * too little time to change stream). Pure: the same input always gives the same conflicts.
 */
export {
  CONFLICT_SEVERITY,
  type ConflictEvent,
  type ConflictInput,
  type ConflictSession,
  type ConflictSpeaker,
  detectConflicts,
} from './conflicts.js';
