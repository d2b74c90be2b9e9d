import { buildSchema, getOperationAST, parse } from 'graphql';
import { StaleReads } from '../../src/core/graphql/stale-reads';

/*
 * Which operations may read a replica: queries made only of declared stale-tolerant fields and
 * what leads to them (scalars, node lookups). A small schema of the same shape as the API's.
 */
const schema = buildSchema(`
  interface Node { id: ID! }
  type Figures { households: Int breakdown: [Row!]! }
  type Row { name: String households: Int }
  type District implements Node { id: ID! name: String figures: Figures streets: [Street!]! }
  type Street implements Node { id: ID! name: String }
  type Household implements Node { id: ID! doorNo: String }
  type Query { node(id: ID!): Node nodes(ids: [ID!]!): [Node]! districts: [District!]! viewer: String household(id: ID!): Household }
  type Mutation { rename(id: ID!): District }
  type Subscription { changed: District }
`);
const stale = new StaleReads(schema, ['District.figures', 'Query.districts']);

function allows(text: string): boolean {
  const document = parse(text);
  return stale.allows(document, getOperationAST(document)!);
}

describe('stale-tolerant operations', () => {
  it('lets a query of declared fields, reached through node lookups and scalars, read a replica', () => {
    expect(allows('{ node(id: "1") { __typename ... on District { name figures { households breakdown { name } } } } }')).toBe(true);
    expect(allows('{ nodes(ids: ["1"]) { id ... F } } fragment F on District { figures { households } }')).toBe(true);
    expect(allows('{ districts { name streets { name } } }')).toBe(true);
    expect(allows('query Q { a: districts { name } b: node(id: "1") { ... on District { figures { households } } } }')).toBe(true);
  });

  it('keeps everything else on the primary', () => {
    // Nothing declared is asked for: a lookup alone is not stale-tolerant.
    expect(allows('{ node(id: "1") { id ... on District { name } } }')).toBe(false);
    // Something undeclared beside a declared field: the whole operation reads the primary.
    expect(allows('{ districts { name } household(id: "1") { doorNo } }')).toBe(false);
    expect(allows('{ node(id: "1") { ... on District { figures { households } streets { name } } } }')).toBe(false);
    expect(allows('{ districts { name } viewer }')).toBe(false);
    // Mutations and subscriptions never do, even of declared fields.
    expect(allows('mutation { rename(id: "1") { figures { households } } }')).toBe(false);
    expect(allows('subscription { changed { figures { households } } }')).toBe(false);
  });

  it('refuses a declaration that names no field of the schema', () => {
    expect(() => new StaleReads(schema, ['District.nothing'])).toThrow(/District.nothing/);
    expect(() => new StaleReads(schema, ['Figures'])).toThrow(/Type.field/);
  });
});
