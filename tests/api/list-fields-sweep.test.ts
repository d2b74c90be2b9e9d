import {
  getNamedType,
  isLeafType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import '../../src/platform';
import { nodeSpecFor } from '../../src/core/graphql/node';
import { buildApiSchema } from '../../src/schema';
import { sql } from '../support/databases';
import { gid, startTestApp, type GraphQLErrorShape, type TestApp } from '../support/test-app';

/*
 * A list reads only the columns its nodes' fields declare they need (node specs' onDemand; the
 * timestamps each for its own field). A field resolver or a rule that reads an undeclared column
 * would answer from a missing property: outside production the row throws instead. This walks every
 * connection in the schema, on the demo district, selecting every field of its nodes that takes no
 * required argument (objects and lists as `{ __typename }`, so their resolvers run too), and
 * requires that no read of a column the list left out happened anywhere. A declaration removed from
 * a spec fails here even where no other test selects that field on a list.
 */

/** A connection field's `nodes` type, or nothing when the field is not a connection. */
function nodesOf(field: GraphQLField<unknown, unknown>): GraphQLObjectType | undefined {
  const type = getNamedType(field.type);
  if (!isObjectType(type) || !type.name.endsWith('Connection')) return undefined;
  const nodes = type.getFields().nodes;
  const item = nodes && getNamedType(nodes.type);
  return item && isObjectType(item) ? item : undefined;
}

const callable = (field: GraphQLField<unknown, unknown>) =>
  field.args.every((arg) => !isNonNullType(arg.type) || arg.defaultValue !== undefined);

/**
 * The list asked once per field of its nodes (each under its own alias, so each is a list of its
 * own with only `id` and that field): a list asking for everything at once would read every column.
 */
function eachField(listField: string, type: GraphQLObjectType, except: ReadonlySet<string>): string {
  return Object.values(type.getFields())
    .filter((field) => callable(field) && !except.has(field.name))
    .map((field) => {
      const selected = isLeafType(getNamedType(field.type)) ? field.name : `${field.name} { __typename }`;
      return `${field.name}: ${listField} { nodes { id ${selected} } }`;
    })
    .join(' ');
}

interface Site {
  parent: string;
  field: string;
  nodes: GraphQLObjectType;
}

function connectionSites(schema: GraphQLSchema): Site[] {
  const sites: Site[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    if (type !== schema.getQueryType() && !nodeSpecFor(type.name)) continue;
    for (const field of Object.values(type.getFields())) {
      const nodes = nodesOf(field);
      if (nodes && callable(field)) sites.push({ parent: type.name, field: field.name, nodes });
    }
  }
  return sites;
}

describe('every list, every field of its nodes', () => {
  let app: TestApp;
  let schema: GraphQLSchema;
  const PARENTS = 12;

  beforeAll(async () => {
    schema = await buildApiSchema();
    // Each parent asks for its list once per field: more aliases and fields than a client's operation.
    app = await startTestApp({
      env: { QUERY_MAX_ALIASES: '10000', QUERY_MAX_FIELDS: '100000', QUERY_MAX_COST: '100000000', QUERY_MAX_TOKENS: '1000000' },
    });
  });
  afterAll(() => app.close());

  it('reads every column a selected field needs, on every connection of the schema', async () => {
    const sites = connectionSites(schema);
    expect(sites.length).toBeGreaterThan(30);
    const unread = new Set<string>();
    const covered = new Set<string>();
    const coveredTypes = new Set<string>();
    const note = (site: Site, errors: GraphQLErrorShape[] | undefined) => {
      for (const error of errors ?? [])
        if (/was not read for this list/.test(error.message) || error.extensions.code === 'INTERNAL_SERVER_ERROR')
          unread.add(`${site.parent}.${site.field} { nodes { ${error.path?.at(-1)} } }: ${error.message}`);
    };
    for (const site of sites) {
      // Fields the caller may not read (a care duty it lacks) are dropped and the list asked again.
      const refused = new Set<string>();
      let count = 0;
      for (let attempt = 0; attempt < 4; attempt++) {
        const asked = eachField(site.field, site.nodes, refused);
        let answer: { data?: Record<string, unknown> | null; errors?: GraphQLErrorShape[] };
        const lists: Array<{ nodes: unknown[] } | null | undefined> = [];
        if (site.parent === schema.getQueryType()!.name) {
          answer = await app.request<Record<string, { nodes: unknown[] } | null>, Record<string, never>>(`{ ${asked} }`);
          lists.push(...Object.values(answer.data ?? {}).map((l) => l as { nodes: unknown[] } | null));
        } else {
          // Several parents of the type in one request: the first rows of its table.
          const spec = nodeSpecFor(site.parent)!;
          const rows = await sql<{ id: number }>(app.database, `select id from ${spec.table} order by id limit ${PARENTS}`);
          if (rows.length === 0) break;
          const parents = rows.map((row, i) => `p${i}: node(id: "${gid(site.parent, row.id)}") { ... on ${site.parent} { ${asked} } }`);
          const typed = await app.request<Record<string, Record<string, { nodes: unknown[] } | null> | null>, Record<string, never>>(
            `{ ${parents.join(' ')} }`,
          );
          answer = typed;
          for (const parent of Object.values(typed.data ?? {})) lists.push(...Object.values(parent ?? {}));
        }
        note(site, answer.errors);
        const forbidden = (answer.errors ?? []).filter((e) => e.extensions.code === 'FORBIDDEN' && e.path);
        if (forbidden.length > 0 && attempt < 3) {
          for (const e of forbidden) refused.add(String(e.path![e.path!.length - 1]));
          continue;
        }
        count = lists.reduce((n, l) => n + (l?.nodes.length ?? 0), 0);
        break;
      }
      if (count > 0) {
        covered.add(`${site.parent}.${site.field}`);
        coveredTypes.add(site.nodes.name);
      }
    }
    expect([...unread]).toEqual([]);
    // The sweep proves something only where lists had nodes: the types with declared columns, and most lists.
    for (const type of ['Person', 'Household', 'Compound', 'Building', 'Unit', 'Community']) expect(coveredTypes).toContain(type);
    expect(covered.size).toBeGreaterThan(sites.length / 2);
  });
});
