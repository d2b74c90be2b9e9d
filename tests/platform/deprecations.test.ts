import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';

/*
 * The deprecation policy (docs/api.md, "Versioning and deprecation"): every @deprecated reason in
 * the committed schema says what to use instead, since when, and the day after which it may go —
 * at least 180 days later — and the changelog names the element. An element past its removal day
 * fails here: remove it (and say so in the changelog).
 */

const REASON = /since (\d{4}-\d{2}-\d{2}), removed after (\d{4}-\d{2}-\d{2})/;
const MIN_DAYS = 180;

function deprecated(schema: GraphQLSchema): Array<{ coordinate: string; reason: string }> {
  const found: Array<{ coordinate: string; reason: string }> = [];
  const add = (coordinate: string, reason: string | null | undefined) => {
    if (reason !== null && reason !== undefined) found.push({ coordinate, reason });
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        add(`${type.name}.${field.name}`, field.deprecationReason);
        for (const arg of 'args' in field ? field.args : []) add(`${type.name}.${field.name}(${arg.name}:)`, arg.deprecationReason);
      }
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) add(`${type.name}.${value.name}`, value.deprecationReason);
    }
  }
  return found;
}

/** What breaks the policy, one line per element. */
function policyBreaches(schema: GraphQLSchema, changelog: string, today: Date): string[] {
  const breaches: string[] = [];
  for (const { coordinate, reason } of deprecated(schema)) {
    const dates = REASON.exec(reason);
    if (!dates) {
      breaches.push(`${coordinate}: reason must say "… since YYYY-MM-DD, removed after YYYY-MM-DD"`);
      continue;
    }
    const [since, removal] = [new Date(`${dates[1]}T00:00:00Z`), new Date(`${dates[2]}T00:00:00Z`)];
    if (Number.isNaN(since.getTime()) || Number.isNaN(removal.getTime())) breaches.push(`${coordinate}: not a date`);
    else if ((removal.getTime() - since.getTime()) / 86_400_000 < MIN_DAYS) breaches.push(`${coordinate}: kept less than ${MIN_DAYS} days`);
    else if (removal < today) breaches.push(`${coordinate}: past its removal day ${dates[2]}; remove it`);
    if (!changelog.includes(`\`${coordinate}\``)) breaches.push(`${coordinate}: not named in docs/changelog.md`);
  }
  return breaches;
}

describe('schema deprecations', () => {
  const root = path.join(__dirname, '../..');

  it('every @deprecated in schema/schema.graphql carries its dates and is in the changelog', () => {
    const schema = buildSchema(readFileSync(path.join(root, 'schema/schema.graphql'), 'utf8'));
    const changelog = readFileSync(path.join(root, 'docs/changelog.md'), 'utf8');
    expect(policyBreaches(schema, changelog, new Date())).toEqual([]);
  });

  it('tells a dated, announced deprecation from the ones that break the policy', () => {
    const schema = buildSchema(`
      type Query {
        good: Int @deprecated(reason: "Use better; since 2026-12-01, removed after 2027-06-01.")
        undated: Int @deprecated(reason: "Use better.")
        short: Int @deprecated(reason: "Use better; since 2026-12-01, removed after 2027-01-01.")
        late: Int @deprecated(reason: "Use better; since 2025-01-01, removed after 2025-07-01.")
        list(old: Int @deprecated(reason: "Use new; since 2026-12-01, removed after 2027-06-01."), new: Int): Int
      }
      enum Mode { A B @deprecated(reason: "Use A.") }
    `);
    const changelog = '`Query.good` `Query.undated` `Query.short` `Query.late` `Query.list(old:)`';
    expect(policyBreaches(schema, changelog, new Date('2026-12-01T00:00:00Z'))).toEqual([
      'Query.undated: reason must say "… since YYYY-MM-DD, removed after YYYY-MM-DD"',
      'Query.short: kept less than 180 days',
      'Query.late: past its removal day 2025-07-01; remove it',
      'Mode.B: reason must say "… since YYYY-MM-DD, removed after YYYY-MM-DD"',
    ]);
  });
});
