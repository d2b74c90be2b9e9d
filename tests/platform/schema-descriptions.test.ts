import '../../src/platform';
import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, isSpecifiedScalarType, type GraphQLSchema } from 'graphql';
import { buildApiSchema } from '../../src/schema';

/*
 * The schema documents itself: every type, field, argument, input field, enum value and mutation
 * carries a description (what a client reads in its IDE or the sandbox). Enum values get theirs
 * through registerEnumType's valuesConfig; comments in the source never reach the schema.
 */

function undescribed(schema: GraphQLSchema): string[] {
  const blank = (text: string | null | undefined) => !text || text.trim() === '';
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || isSpecifiedScalarType(type)) continue;
    if (blank(type.description)) missing.push(`type ${type.name}`);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (blank(field.description)) missing.push(`field ${type.name}.${field.name}`);
        for (const arg of 'args' in field ? field.args : []) {
          if (blank(arg.description)) missing.push(`argument ${type.name}.${field.name}(${arg.name})`);
        }
      }
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) if (blank(value.description)) missing.push(`value ${type.name}.${value.name}`);
    }
  }
  return missing.sort();
}

describe('the schema documents itself', () => {
  it('describes every type, field, argument, input field, enum value and mutation', async () => {
    expect(undescribed(await buildApiSchema())).toEqual([]);
  });
});
