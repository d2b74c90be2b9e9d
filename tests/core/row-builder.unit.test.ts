import { Result, types } from 'pg';
import { rowBuilder, type FieldDescription } from '../../src/core/data/row-builder';

/*
 * The read path builds rows with a function made per row shape (src/core/data/row-builder.ts); what
 * it builds must be exactly what the driver's own builder gives: same properties, same order, same
 * values, under the same type parsers.
 */

interface DriverResult {
  addFields(fields: unknown[]): void;
  parseRow(values: unknown[]): object;
}

function driverRow(fields: FieldDescription[], values: (string | null)[], parsers?: unknown): object {
  const result = new (Result as unknown as new (rowMode: undefined, types: unknown) => DriverResult)(undefined, parsers);
  result.addFields(fields);
  return result.parseRow(values);
}

// One column of each type the schema reads, with a value and a null.
const columns: Array<[string, number, string]> = [
  ['int4', 23, '2147483647'],
  ['int8', 20, '9007199254740993'],
  ['int2', 21, '-7'],
  ['text', 25, '张三 "quoted" \\ back'],
  ['varchar', 1043, 'x'],
  ['bool', 16, 't'],
  ['boolFalse', 16, 'f'],
  ['numeric', 1700, '12345.67'],
  ['float8', 701, '1.5e-7'],
  ['timestamptz', 1184, '2026-12-04 04:16:10.123456+00'],
  ['date', 1082, '2026-12-04'],
  ['jsonb', 3802, '{"a":[1,2,{"b":null}]}'],
  ['json', 114, '[1,"two"]'],
  ['int4Array', 1007, '{1,2,3}'],
  ['textArray', 1009, '{a,"b c",NULL}'],
  ['uuid', 2950, '0fed26bc-d24f-4f13-a75f-7269fee67deb'],
  ['ltree', 99999, '1.2.3.45'],
];

describe('rows built per shape', () => {
  it('are the driver’s rows for every column type, with values and with nulls', () => {
    const fields: FieldDescription[] = columns.map(([name, dataTypeID]) => ({ name, dataTypeID, format: 'text' }));
    const values = columns.map(([, , text]) => text);
    const build = rowBuilder(fields);
    for (const row of [values, values.map(() => null), values.map((v, i) => (i % 2 ? v : null))]) {
      const ours = build(row);
      const theirs = driverRow(fields, row);
      expect(ours).toStrictEqual(theirs);
      expect(Object.keys(ours)).toEqual(Object.keys(theirs));
    }
  });

  it('keeps the driver’s answer for names a literal would read otherwise, and for repeated names', () => {
    const odd = ['pk', 'id', '__typename', 'a"b', "c'd", 'e\\f', 'line\u2028sep', '数字', '', 'constructor', 'toString', 'pk'];
    const fields: FieldDescription[] = odd.map((name, i) => ({ name, dataTypeID: i % 2 ? 25 : 23, format: 'text' }));
    const values = odd.map((_, i) => String(i + 1));
    const ours = rowBuilder(fields)(values);
    const theirs = driverRow(fields, values);
    expect(ours).toStrictEqual(theirs);
    expect(Object.keys(ours)).toEqual(Object.keys(theirs));
    // `__proto__` as a column: an own property holding the value, never the row's prototype (the
    // driver's store would make a jsonb value the prototype: the one place the rows differ).
    const proto: FieldDescription[] = [
      { name: 'pk', dataTypeID: 23 },
      { name: '__proto__', dataTypeID: 3802 },
    ];
    const row = rowBuilder(proto)(['1', '{"isAdmin":true}']) as Record<string, unknown>;
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
    expect(Object.keys(row)).toEqual(['pk', '__proto__']);
    expect(Object.getOwnPropertyDescriptor(row, '__proto__')?.value).toEqual({ isAdmin: true });
    expect(row.isAdmin).toBeUndefined();
  });

  it('falls back to the driver’s builder for binary columns', () => {
    const fields: FieldDescription[] = [{ name: 'b', dataTypeID: 17, format: 'binary' }];
    const values = [Buffer.from([1, 2]) as unknown as string];
    expect(rowBuilder(fields)(values)).toStrictEqual(driverRow(fields, values));
  });

  it('uses the connection’s own type parsers, one builder per shape and set of parsers', () => {
    const fields: FieldDescription[] = [
      { name: 'n', dataTypeID: 1700, format: 'text' },
      { name: 'at', dataTypeID: 1184, format: 'text' },
    ];
    const numeric = (text: string) => `numeric:${text}`;
    const parsers = {
      getTypeParser: (oid: number, format: string) => (oid === 1700 ? numeric : types.getTypeParser(oid, format as 'text')),
    };
    // Another connection's overrides, handing out the same parsers: the same builder serves both.
    const sameParsers = { getTypeParser: parsers.getTypeParser };
    const values = ['1.50', '2026-12-04 00:00:00+00'];
    expect(rowBuilder(fields, parsers)(values)).toStrictEqual(driverRow(fields, values, parsers));
    expect(rowBuilder(fields, parsers)(values)).toMatchObject({ n: 'numeric:1.50' });
    expect(rowBuilder(fields)(values)).toMatchObject({ n: '1.50' });
    expect(rowBuilder(fields, parsers)).toBe(rowBuilder(fields, sameParsers));
    expect(rowBuilder(fields)).not.toBe(rowBuilder(fields, parsers));
    expect(rowBuilder(fields)).toBe(rowBuilder(fields, { getTypeParser: (oid, format) => types.getTypeParser(oid, format as 'text') }));
  });

  // Last: it fills the module's cache for the tests after it.
  it('still builds the driver’s rows once a thousand shapes are remembered', () => {
    for (let i = 0; i < 1005; i++) {
      const fields: FieldDescription[] = [{ name: `c${i}`, dataTypeID: 23, format: 'text' }];
      expect(rowBuilder(fields)([String(i)])).toStrictEqual({ [`c${i}`]: i });
    }
  });
});
