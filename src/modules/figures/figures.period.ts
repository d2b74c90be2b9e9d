import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

/*
 * The period figures are asked for: a month ("2026-11") or a quarter ("2026-Q4"). Written as text
 * so an office types what it says; held as the first days of its months, which are what the
 * roll-ups are keyed by.
 */

export interface FiguresPeriod {
  /** As written: "2026-11" or "2026-Q4". */
  label: string;
  /** The first day of each month of the period, oldest first. */
  months: string[];
  /** The first day of the quarter the period lies in (service evaluations are quarterly). */
  quarter: string;
  /** The first day after the period. */
  end: string;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;

const iso = (y: number, m: number) => `${y}-${String(m).padStart(2, '0')}-01`;

/** The first day of the month `n` months after the month of `day` (n may be negative). */
export function addMonths(day: string, n: number): string {
  const [y, m] = day.split('-').map(Number);
  const k = y * 12 + (m - 1) + n;
  return iso(Math.floor(k / 12), (k % 12) + 1);
}

/** Months from the month of `from` to the month of `to`, inclusive (0 when `to` is earlier). */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  return Math.max(0, (ty - fy) * 12 + (tm - fm) + 1);
}

/** The period a text names, or null when it names none (years 2000–2100). */
export function parsePeriod(text: string): FiguresPeriod | null {
  let m = MONTH.exec(text);
  if (m) {
    const y = Number(m[1]);
    if (y < 2000 || y > 2100) return null;
    const first = iso(y, Number(m[2]));
    return { label: text, months: [first], quarter: iso(y, Math.floor((Number(m[2]) - 1) / 3) * 3 + 1), end: addMonths(first, 1) };
  }
  m = QUARTER.exec(text);
  if (m) {
    const y = Number(m[1]);
    if (y < 2000 || y > 2100) return null;
    const first = iso(y, (Number(m[2]) - 1) * 3 + 1);
    return { label: text, months: [first, addMonths(first, 1), addMonths(first, 2)], quarter: first, end: addMonths(first, 3) };
  }
  return null;
}

function parseValue(value: unknown): FiguresPeriod {
  const period = typeof value === 'string' ? parsePeriod(value) : null;
  if (!period)
    throw new GraphQLError('A period is a month written YYYY-MM (2026-11) or a quarter written YYYY-Qn (2026-Q4)', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  return period;
}

export const FiguresPeriodScalar = new GraphQLScalarType({
  name: 'FiguresPeriod',
  description: 'A month written YYYY-MM (e.g. 2026-11) or a quarter written YYYY-Qn (e.g. 2026-Q4).',
  serialize(value) {
    if (value && typeof value === 'object' && 'label' in value) return (value as FiguresPeriod).label;
    if (typeof value === 'string' && parsePeriod(value)) return value;
    throw new TypeError(`FiguresPeriod cannot represent ${String(value)}`);
  },
  parseValue,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('FiguresPeriod must be a string', { extensions: { code: 'BAD_USER_INPUT' } });
    return parseValue(ast.value);
  },
});
