import { Kind } from 'graphql';
import { decodeCursor, encodeCursor } from '../../src/core/pagination/cursor';
import { pageRequest } from '../../src/core/pagination/page-args';
import { DateScalar, DateTimeScalar, isCalendarDate } from '../../src/core/graphql/scalars';
import { decodeGlobalId, pkOf, toGlobalId } from '../../src/core/ids/global-id';

describe('global IDs', () => {
  it('round-trip and are URL-safe', () => {
    const id = toGlobalId('Household', 480000);
    expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeGlobalId(id)).toEqual({ type: 'Household', pk: 480000 });
  });

  it('reject anything that is not one of ours', () => {
    for (const bad of [
      '',
      '!!',
      toGlobalId('Household', 0),
      Buffer.from('Household:-1').toString('base64url'),
      Buffer.from('Household:2147483648').toString('base64url'),
      Buffer.from(':1').toString('base64url'),
      'x'.repeat(65),
    ]) {
      expect(decodeGlobalId(bad)).toBeUndefined();
    }
    expect(() => pkOf('!!', 'Community')).toThrow('is not a valid ID');
    expect(pkOf(toGlobalId('Household', 1), 'Community')).toBeUndefined();
  });
});

describe('cursors and page requests', () => {
  it('encode a position and refuse foreign cursors', () => {
    expect(decodeCursor(encodeCursor(42), 'after')).toBe(42);
    expect(() => decodeCursor(toGlobalId('Community', 1), 'after')).toThrow('after is not a cursor from this list');
  });

  it('default to the first 100 and cap sizes at 100', () => {
    expect(pageRequest({})).toMatchObject({ limit: 100, backward: false });
    expect(pageRequest({ last: 5 })).toMatchObject({ limit: 5, backward: true });
    expect(() => pageRequest({ first: 101 })).toThrow('first must be between 0 and 100');
    expect(() => pageRequest({ first: 1, last: 1 })).toThrow('not both');
  });
});

describe('scalars', () => {
  it('write instants in ISO 8601 UTC, from PostgreSQL text or Date', () => {
    expect(DateTimeScalar.serialize('2026-11-23 09:57:00.123456+00')).toBe('2026-11-23T09:57:00.123456Z');
    expect(DateTimeScalar.serialize(new Date(Date.UTC(2026, 10, 23, 9, 57)))).toBe('2026-11-23T09:57:00.000Z');
    expect(DateTimeScalar.parseValue('2026-11-23T17:57:00+08:00')).toEqual(new Date('2026-11-23T09:57:00Z'));
    expect(() => DateTimeScalar.parseValue('2026-11-23')).toThrow('ISO 8601');
    expect(() => DateTimeScalar.parseLiteral({ kind: Kind.INT, value: '1' })).toThrow();
  });

  it('accept only real calendar dates', () => {
    expect(DateScalar.parseValue('2024-02-29')).toBe('2024-02-29');
    for (const bad of ['2023-02-29', '2026-13-01', '26-1-1', '2026-11-23T00:00:00Z', 20261123]) {
      expect(() => DateScalar.parseValue(bad)).toThrow('YYYY-MM-DD');
    }
    expect(isCalendarDate('1899-12-31')).toBe(false);
  });
});
