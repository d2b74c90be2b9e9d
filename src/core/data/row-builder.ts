import { createRequire } from 'node:module';

/** A column as PostgreSQL describes it (RowDescription), as the driver hands it on. */
export interface FieldDescription {
  name: string;
  dataTypeID: number;
  format?: string;
}

interface TypeSource {
  getTypeParser(oid: number, format: string): (text: string) => unknown;
}

export type RowBuilder = (values: (string | null)[]) => object;

const load = createRequire(__filename);
const { Result } = load('pg') as {
  Result: new (rowMode: undefined, types: unknown) => { addFields(fields: unknown[]): void; parseRow(values: unknown[]): object };
};
const pgTypes = load('pg').types as TypeSource;

/*
 * A row of a read is an object literal built by a function made once per row shape (the columns'
 * names and types), with the driver's own type parsers. The driver builds each row by copying an
 * empty template and storing every column under its name: a store whose key changes from column to
 * column, over the few dozen shapes the read path has, which V8 cannot specialise. A made function
 * writes the properties in one literal, and its rows all share one hidden class from birth.
 * Measured on an 800-row page of persons (12 columns): 0.20–0.26 ms with the driver's builder,
 * 0.04–0.06 ms with this one (bench/RESULTS.md, issue 15, 2026-12-04).
 *
 * The rows are what the driver would give: same properties, in the same order, same values (a
 * unit test compares them for every column type the schema uses). One exception, on purpose: a
 * column named `__proto__` is an own property here, where the driver's store would make its value
 * the row's prototype. A binary column falls back to the driver's builder, and so does any shape
 * once the cache is full, or when code cannot be generated (a process started with
 * --disallow-code-generation-from-strings): slower, never wrong.
 */
interface Made {
  parsers: readonly unknown[];
  build: RowBuilder;
}

/*
 * By shape, then by the parsers themselves: every pooled connection has its own type-override
 * object, but they hand out the same parser functions, so one builder serves a shape on every
 * connection — one function for V8 to warm up and one allocation site for the rows, not one per
 * connection (and none made again when the pool replaces a connection).
 */
const made = new Map<string, Made[]>();

export function rowBuilder(fields: readonly FieldDescription[], types?: TypeSource): RowBuilder {
  const source = types ?? pgTypes;
  let key = '';
  for (const f of fields) key += `${f.dataTypeID}:${f.format ?? 'text'}:${f.name}\u0000`;
  const parsers = fields.map((f) => source.getTypeParser(f.dataTypeID, f.format ?? 'text'));
  let known = made.get(key);
  const found = known?.find((m) => m.parsers.every((p, i) => p === parsers[i]));
  if (found) return found.build;
  // Shapes are the read path's own statements: a few dozen. A runaway (ad hoc SQL with generated
  // aliases, or parsers made afresh per connection) gets the driver's builder once the cache is
  // full, rather than a function compiled per statement or a cache growing without bound.
  if (!known && made.size >= 1000) return driverBuilder(fields, types);
  if (known && known.length >= 10) return driverBuilder(fields, types);
  const build = make(fields, parsers, types);
  if (!known) made.set(key, (known = []));
  known.push({ parsers, build });
  return build;
}

function driverBuilder(fields: readonly FieldDescription[], types: TypeSource | undefined): RowBuilder {
  const result = new Result(undefined, types);
  result.addFields([...fields]);
  return (values) => result.parseRow(values);
}

function make(fields: readonly FieldDescription[], parsers: readonly unknown[], types: TypeSource | undefined): RowBuilder {
  if (fields.some((f) => (f.format ?? 'text') !== 'text')) return driverBuilder(fields, types);
  // Names come from PostgreSQL's description of our own statements; written as JSON string
  // literals, which are JavaScript string literals, whatever they hold. `__proto__` as a computed
  // key is an own property; as a plain one the literal would set the row's prototype.
  const props = fields.map((f, i) => {
    const name = JSON.stringify(f.name);
    return `${f.name === '__proto__' ? `[${name}]` : name}: v[${i}] === null ? null : p[${i}](v[${i}])`;
  });
  try {
    return new Function('p', `'use strict'; return function row(v) { return { ${props.join(', ')} }; };`)(parsers) as RowBuilder;
  } catch {
    return driverBuilder(fields, types);
  }
}
