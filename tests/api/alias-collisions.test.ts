import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, isInterfaceType, isObjectType } from 'graphql';
import { ok, startTestApp, type TestApp } from '../support/test-app';

/*
 * graphql-jit files each field's resolve info under its response path joined with '_': below, the
 * two `compounds` fields join alike (`s_idx0_nodes_x_idx0_nodes_a`), and compiled they would share
 * one info — one field's AST nodes for both. What reads the selection from it (the columns a list
 * reads, the loaders a field site keeps) would then serve one field the other's page. Such documents
 * are executed by graphql-js instead (src/core/graphql/jit-executor.ts).
 */
const colliding = `{
  x_idx0_nodes_a: communities { nodes { name s: compounds(first: 3) { totalCount nodes { name createdAt } } } }
  a: communities { nodes { name s_idx0_nodes_x: compounds(first: 1) { nodes { name } } } }
}`;
// The same fields under aliases without '_': compiled as usual.
const plain = colliding.replace('x_idx0_nodes_a', 'one').replace('a: communities', 'two: communities').replace('s_idx0_nodes_x', 't');

describe('aliases whose paths join alike', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it("answer each field with its own page and selection, as under aliases that don't", async () => {
    type Answer = Record<
      string,
      { nodes: Array<{ name: string } & Record<string, { totalCount?: number; nodes: Array<{ name: string; createdAt?: string }> }>> }
    >;
    const collided = ok(await app.request<Answer, Record<string, never>>(colliding));
    const expected = ok(await app.request<Answer, Record<string, never>>(plain));
    const first = collided.x_idx0_nodes_a.nodes;
    const second = collided.a.nodes;
    expect(first.length).toBeGreaterThan(0);
    expect(first.some((c) => c.s.nodes.length === 3)).toBe(true);
    for (const community of first) for (const compound of community.s.nodes) expect(compound.createdAt).toEqual(expect.any(String));
    for (const community of second) {
      expect(community.s_idx0_nodes_x.nodes.length).toBeLessThanOrEqual(1);
      expect(community.s_idx0_nodes_x.nodes.every((n) => n.createdAt === undefined)).toBe(true);
    }
    expect(first).toEqual(expected.one.nodes);
    expect(second.map((c) => ({ name: c.name, t: c.s_idx0_nodes_x }))).toEqual(expected.two.nodes);
  });

  it("never arise from the schema itself: no type or field of a path is named with a '_'", () => {
    const schema = buildSchema(readFileSync(join(__dirname, '../../schema/schema.graphql'), 'utf8'));
    const named: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
      named.push(type.name, ...Object.keys(type.getFields()).map((field) => `${type.name}.${field}`));
    }
    expect(named.length).toBeGreaterThan(500);
    expect(named.filter((name) => name.includes('_'))).toEqual([]);
  });
});
