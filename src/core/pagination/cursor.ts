import { BadUserInputError } from '../errors/errors';

/* Cursors are opaque to clients; today they carry the row's primary key (lists are ordered by it). */

export function encodeCursor(pk: number): string {
  return Buffer.from(`k:${pk}`, 'utf8').toString('base64url');
}

/** `max`: the largest key of the list (an int column's by default; the read log's keys are wider). */
export function decodeCursor(cursor: string, argument: string, max = 2147483647): number {
  const text = /^[A-Za-z0-9_-]{1,32}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const m = /^k:([1-9]\d{0,15})$/.exec(text);
  if (!m || Number(m[1]) > max) throw new BadUserInputError(`${argument} is not a cursor from this list`, { argument });
  return Number(m[1]);
}
