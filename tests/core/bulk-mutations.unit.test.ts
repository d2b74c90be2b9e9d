import { buildSchema } from 'graphql';
import { bindBulkMutations, bulkMutation } from '../../src/core/graphql/bulk-mutations';

/*
 * Bulk mutations make only the input and its items instances of their classes: a nested input
 * object would reach the service without its class, so its rules would silently not run. Such an
 * input is refused when the schema is bound, at start, not on the first call.
 */
const sdl = (item: string) => `
  type Query { ok: Boolean }
  input Place { compoundId: ID! }
  input Item { ${item} }
  input BulkInput { communityId: ID! items: [Item!]! }
  type Mutation { upsertThings(input: BulkInput!): Boolean }
`;
class BulkInput {}
class Item {}

describe('binding bulk mutations', () => {
  bulkMutation('upsertThings', BulkInput, Item, (input: { items: object[] }) => input.items.every((i) => i instanceof Item));

  it('binds an input of flat items, and its resolver gets them as instances of their class', () => {
    const schema = buildSchema(sdl('name: String! floors: Int'));
    expect(bindBulkMutations(schema)).toBe(1);
    const resolve = schema.getMutationType()!.getFields().upsertThings.resolve!;
    expect(resolve(null, { input: { communityId: '1', items: [{ name: 'a' }] } }, {}, undefined as never)).toBe(true);
  });

  it('refuses items that hold an input object', () => {
    expect(() => bindBulkMutations(buildSchema(sdl('name: String! place: Place')))).toThrow(
      'bulk mutation upsertThings: place is an input object; bulk items must be flat',
    );
  });
});
