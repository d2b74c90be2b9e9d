import { refuse, UserErrorCode } from './user-error';

/**
 * Ends a record that runs from a day it began (a duty, a cross-appointment, a reporting relation, a
 * grid posting, a care link): once, and not before it began. The record stays, with `endedOn` set;
 * the caller flushes. `idField` names the input field that chose the record.
 */
export function endDated(record: { endedOn?: string | null }, began: string, on: string, idField: string, what: string): void {
  if (record.endedOn) refuse(idField, UserErrorCode.ALREADY_ENDED, `The ${what} has already ended`);
  if (on < began) refuse('endedOn', UserErrorCode.DATE_ORDER, `The ${what} began on ${began}; it cannot end before`);
  record.endedOn = on;
}
