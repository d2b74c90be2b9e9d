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
import { omittedReads } from '../../src/core/data/node-spec';
import { nodeSpecFor } from '../../src/core/graphql/node';
import { buildApiSchema } from '../../src/schema';
import { sql } from '../support/databases';
import { gid, startTestApp, type GraphQLErrorShape, type TestApp } from '../support/test-app';

/*
 * A list reads only the columns its nodes' fields declare they need (node specs' onDemand; the
 * timestamps each for its own field). A field resolver or a rule that reads an undeclared column
 * would answer from a missing property: outside production the row throws instead, and counts the
 * read (node-spec's `omittedReads`, which a rule catching the error cannot hide). This walks every
 * connection of a node type in the schema, on the demo district, asking its list once per field of
 * its nodes that takes no required argument — each under its own alias, so each is a narrow list
 * of its own with `id` and that field; objects and lists as `{ __typename }`, so their resolvers
 * and rules run — as the platform admin and as a community admin (whose rules read the rows'
 * places), and requires that no read of a column a list left out happened anywhere. A declaration
 * removed from a spec fails here even where no other test selects that field on a list.
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

/** The list asked once per field of its nodes, each under its own alias (asking for all at once would read every column). */
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

/** Connections of node types (the root's lists read whole rows: nothing to sweep there). */
function connectionSites(schema: GraphQLSchema): Site[] {
  const sites: Site[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || !nodeSpecFor(type.name)) continue;
    for (const field of Object.values(type.getFields())) {
      const nodes = nodesOf(field);
      if (nodes && callable(field)) sites.push({ parent: type.name, field: field.name, nodes });
    }
  }
  return sites;
}

describe('every list, every field of its nodes', () => {
  let app: TestApp;
  let sites: Site[];
  const PARENTS = 12;

  beforeAll(async () => {
    sites = connectionSites(await buildApiSchema());
    // Each parent asks for its list once per field: more aliases and fields than a client's operation.
    app = await startTestApp({
      env: { QUERY_MAX_ALIASES: '10000', QUERY_MAX_FIELDS: '100000', QUERY_MAX_COST: '100000000', QUERY_MAX_TOKENS: '1000000' },
    });
  });
  afterAll(() => app.close());

  /** Asks every site as `login`; the sites whose lists had nodes, and every failure seen. */
  async function sweep(login: string): Promise<{ covered: Set<string>; failures: Set<string> }> {
    const covered = new Set<string>();
    const failures = new Set<string>();
    for (const site of sites) {
      const spec = nodeSpecFor(site.parent)!;
      const rows = await sql<{ id: number }>(app.database, `select id from ${spec.table} order by id limit ${PARENTS}`);
      // Fields the caller may not read (a duty it lacks) are dropped and the lists asked again.
      const refused = new Set<string>();
      for (let attempt = 0; attempt < 4 && rows.length > 0; attempt++) {
        const asked = eachField(site.field, site.nodes, refused);
        if (asked === '') break; // every field refused to this caller: nothing of this list is theirs
        const parents = rows.map((row, i) => `p${i}: node(id: "${gid(site.parent, row.id)}") { ... on ${site.parent} { ${asked} } }`);
        const answer = await app.request<Record<string, Record<string, { nodes: unknown[] } | null> | null>, Record<string, never>>(
          `{ ${parents.join(' ')} }`,
          {},
          { as: login },
        );
        const errors: GraphQLErrorShape[] = answer.errors ?? [];
        const forbidden = errors.filter((e) => e.extensions.code === 'FORBIDDEN' && e.path);
        for (const e of errors)
          if (!e.path || (e.extensions.code !== 'FORBIDDEN' && e.extensions.code !== 'NOT_FOUND'))
            failures.add(`${login} ${site.parent}.${site.field} ${e.path?.join('.') ?? ''}: ${e.extensions.code} ${e.message}`);
        if (forbidden.length > 0 && attempt < 3) {
          for (const e of forbidden) refused.add(String(e.path![e.path!.length - 1]));
          continue;
        }
        const lists = Object.values(answer.data ?? {}).flatMap((parent) => Object.values(parent ?? {}));
        if (lists.some((list) => (list?.nodes.length ?? 0) > 0)) covered.add(`${site.parent}.${site.field}`);
        break;
      }
    }
    return { covered, failures };
  }

  it('reads every column a selected field needs, on every connection of a node type', async () => {
    expect(sites.length).toBeGreaterThan(20);
    const before = new Map(omittedReads);
    const admin = await sweep('platform.admin');
    const community = await sweep('admin.yongkangbeilu');
    const unread = [...omittedReads].filter(([key, n]) => n !== (before.get(key) ?? 0)).map(([key]) => key);
    expect(unread).toEqual([]);
    expect([...admin.failures, ...community.failures]).toEqual([]);
    // The sweep proves something only where lists had nodes: on the demo district, every one does.
    expect(sites.map((s) => `${s.parent}.${s.field}`).filter((s) => !admin.covered.has(s))).toEqual([]);
    expect(community.covered.size).toBeGreaterThan(0);
  });
});
