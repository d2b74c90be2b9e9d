import { isObjectType } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { buildApiSchema } from '../../src/schema';

/*
 * A field that only reads its row's property must have no resolver: graphql-jit reads such a field
 * directly, while for a field with a resolver it builds a resolve info, a response path and closures
 * for every row of a page (on a compound's page of 400 households, 400 calls per such field).
 * type-graphql gives every field a resolver of its own unless its type declares `simpleResolvers`,
 * and fields inherited from an abstract class (createdAt, updatedAt…) take the abstract class's
 * setting, not the type's. So: an object field has a resolver only where some class declares one.
 */
describe("the schema's object fields", () => {
  it('have a resolver only where a field resolver computes them', async () => {
    const schema = await buildApiSchema();
    const storage = getMetadataStorage();
    const classOf = new Map(storage.objectTypes.map((o) => [o.name, o.target]));
    const declared = storage.fieldResolvers.map((r) => ({ target: r.getObjectType?.(), name: r.schemaName }));
    const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].map((t) => t?.name));

    const plainWithResolver: string[] = [];
    let checked = 0;
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__') || roots.has(type.name)) continue;
      const target = classOf.get(type.name);
      if (!target) continue;
      for (const [name, field] of Object.entries(type.getFields())) {
        if (!field.resolve) continue;
        checked++;
        const computed = declared.some(
          (d) => d.name === name && d.target !== undefined && (d.target === target || target.prototype instanceof d.target),
        );
        if (!computed) plainWithResolver.push(`${type.name}.${name}`);
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(plainWithResolver).toEqual([]);
    // The inherited fields of a node read straight from the row.
    const household = schema.getType('Household');
    if (!isObjectType(household)) throw new Error('Household is not an object type');
    expect(household.getFields().createdAt.resolve).toBeUndefined();
    expect(household.getFields().updatedAt.resolve).toBeUndefined();
    expect(household.getFields().archivedAt.resolve).toBeUndefined();
  });
});
