import { parse, type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo, type OperationDefinitionNode } from 'graphql';
import { defineNode, type NodeRow } from '../../src/core/data/node-spec';
import { nodeFields, selects } from '../../src/core/graphql/selection';

/** The resolve info of the connection field `persons` in `query`, as the executor would pass it. */
function infoOf(query: string): GraphQLResolveInfo {
  const doc = parse(query);
  const operation = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
  const fragments = Object.fromEntries(
    doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === 'FragmentDefinition').map((d) => [d.name.value, d]),
  );
  const field = operation.selectionSet.selections[0] as FieldNode;
  return { fieldNodes: [field], fragments } as unknown as GraphQLResolveInfo;
}

interface ThingRow extends NodeRow {
  name: string;
  secret: string | null;
}

const ThingSpec = defineNode<ThingRow>({
  type: 'Thing',
  table: 'thing',
  columns: { createdAt: 't.created_at', updatedAt: 't.updated_at', archivedAt: 't.archived_at', name: 't.name', secret: 't.secret' },
  onDemand: { secret: ['secret', 'hint'] },
});

describe("a list's columns", () => {
  it("collects the nodes' fields under nodes and edges.node, through named and inline fragments", () => {
    const info = infoOf(`{ persons { totalCount pageInfo { endCursor }
        nodes { id name ... on Person { phone } }
        edges { cursor node { ...P } } } }
      fragment P on Person { gender ... Q } fragment Q on Person { createdAt }`);
    expect([...nodeFields(info)].sort()).toEqual(['createdAt', 'gender', 'id', 'name', 'phone']);
    // A fragment spread twice, at either level, is walked once and gives the same fields.
    const twice = infoOf(`{ persons { ...C ...C nodes { ...P ...P } } }
      fragment C on PersonConnection { edges { node { ...P } } } fragment P on Person { id name }`);
    expect([...nodeFields(twice)].sort()).toEqual(['id', 'name']);
    // Fields of the connection itself are not the nodes' (totalCount, pageInfo, cursor).
    expect([...nodeFields(infoOf('{ persons { totalCount pageInfo { endCursor } edges { cursor } } }'))]).toEqual([]);
  });

  it('sees a sub-field asked for directly or through fragments, and not one asked for deeper down', () => {
    const info = infoOf(`{ persons { ...P nodes { household { building { id } } } } }
      fragment P on PersonConnection { ... on PersonConnection { totalCount } }`);
    expect(selects(info, 'totalCount')).toBe(true);
    expect(selects(info, 'nodes')).toBe(true);
    expect(selects(info, 'building')).toBe(false);
    expect(selects(infoOf('{ persons { nodes { id } } }'), 'totalCount')).toBe(false);
  });

  it('reads on-demand columns only for the fields that need them, and every column otherwise', () => {
    const narrow = ThingSpec.projection(new Set(['id', 'name']));
    expect(narrow.complete).toBe(false);
    expect(narrow.select).toContain('t.name as "name"');
    for (const column of ['t.created_at', 't.updated_at', 't.archived_at', 't.secret']) expect(narrow.select).not.toContain(column);
    // Either field that needs the secret reads it; the same combination is the same projection.
    const hinted = ThingSpec.projection(new Set(['hint']));
    expect(hinted.select).toContain('t.secret as "secret"');
    expect(hinted).toBe(ThingSpec.projection(new Set(['hint', 'name'])));
    expect(hinted.key).not.toBe(narrow.key);
    const all = ThingSpec.projection(new Set(['createdAt', 'updatedAt', 'archivedAt', 'secret']));
    expect(all).toBe(ThingSpec.full);
    expect(all.select).toBe(ThingSpec.select);
  });

  it('answers a read of a column the list left out with an error outside production', () => {
    const projection = ThingSpec.projection(new Set(['name']));
    const [row] = ThingSpec.hydrate([{ pk: 7, name: 'a' } as ThingRow], projection);
    expect(row.id).toBeDefined();
    expect(row.name).toBe('a');
    expect(() => row.secret).toThrow(/Thing\.secret was not read for this list/);
    expect(() => row.createdAt).toThrow(/Thing\.createdAt/);
    // Left out of what the row shows (JSON, spreads).
    expect(JSON.parse(JSON.stringify(row))).toEqual({ pk: 7, id: row.id, __typename: 'Thing', name: 'a' });
  });

  it('selects inherited properties as nulls for the parent column that declares them, and no other', () => {
    const Child = defineNode<ThingRow & { path: string }>({
      type: 'Child',
      table: 'child',
      columns: { ...ThingSpec.columns, path: 't.path::text' },
      onDemand: { secret: ['secret'] },
      inherits: { parent_id: ['path'] },
    });
    const narrow = Child.projection(new Set(['name']));
    const inherited = Child.inheriting(narrow, 'parent_id');
    expect(inherited.select).toContain('null as "path"');
    expect(inherited.select).not.toContain('t.path');
    expect(inherited.select).not.toContain('t.secret');
    expect(inherited).toMatchObject({ complete: false, inherited: ['path'], omitted: narrow.omitted });
    expect(inherited.key).not.toEqual(narrow.key);
    // Made once per projection and parent column; another parent column reads the paths itself.
    expect(Child.inheriting(narrow, 'parent_id')).toBe(inherited);
    expect(Child.inheriting(narrow, 'community_id')).toBe(narrow);
    expect(Child.inheriting(Child.full, 'parent_id').select).toContain('t.secret');
  });
});
