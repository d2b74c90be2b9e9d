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

  it('are base64url of "<Type>:<key>" for every type name length and key length', () => {
    // The encoder works per type prefix and per 3-byte group: names of 1 to 20 letters (every
    // remainder of "<Type>:" modulo 3) against keys of 1 to 10 digits, and the odd cases.
    const names = Array.from({ length: 20 }, (_, i) => 'Household'.repeat(3).slice(0, i + 1));
    const keys = [0, 1, 9, 10, 99, 100, 999, 1000, 12345, 123456, 1234567, 12345678, 123456789, 2147483647, 9007199254740991];
    for (const name of names)
      for (const key of keys) expect(toGlobalId(name, key)).toBe(Buffer.from(`${name}:${key}`, 'utf8').toString('base64url'));
    for (let key = 1; key < 5000; key += 7) expect(toGlobalId('Person', key)).toBe(Buffer.from(`Person:${key}`).toString('base64url'));
    // Not a plain name or key: still the same encoding, the slow way.
    for (const [name, key] of [
      ['住户', 5],
      ['Person', -3],
      ['Person', 1.5],
      ['A_b', 7],
    ] as const)
      expect(toGlobalId(name, key)).toBe(Buffer.from(`${name}:${key}`, 'utf8').toString('base64url'));
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
