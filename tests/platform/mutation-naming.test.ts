import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, getNamedType, type GraphQLSchema } from 'graphql';

/*
 * Mutation naming (docs/api.md, "Versioning and deprecation"; issue 14): a mutation `doThing` takes
 * one argument, `input: DoThingInput!`, and returns `DoThingPayload!`, both its own. Every mutation,
 * with no exceptions: the last ones breaking it were renamed in one breaking change of 0.1.0
 * (docs/changelog.md, "Breaking: one input and one payload per mutation"), and renaming a type later
 * would break clients' documents with no deprecation period to give.
 */

/** How each mutation breaks the rule, by mutation name; mutations that keep it are absent. */
function namingBreaches(schema: GraphQLSchema): Map<string, string[]> {
  const breaches = new Map<string, string[]>();
  const mutations = Object.values(schema.getMutationType()?.getFields() ?? {});
  const users = new Map<string, string[]>();
  for (const mutation of mutations) {
    for (const type of [...mutation.args.map((a) => getNamedType(a.type).name), getNamedType(mutation.type).name]) {
      users.set(type, [...(users.get(type) ?? []), mutation.name]);
    }
  }
  for (const mutation of mutations) {
    const x = mutation.name[0].toUpperCase() + mutation.name.slice(1);
    const found: string[] = [];
    const args = mutation.args.map((a) => `${a.name}: ${String(a.type)}`);
    if (args.length !== 1 || args[0] !== `input: ${x}Input!`) found.push(`takes (${args.join(', ')}), not (input: ${x}Input!)`);
    if (String(mutation.type) !== `${x}Payload!`) found.push(`returns ${String(mutation.type)}, not ${x}Payload!`);
    for (const type of [...mutation.args.map((a) => getNamedType(a.type).name), getNamedType(mutation.type).name]) {
      const shared = (users.get(type) ?? []).filter((other) => other !== mutation.name);
      if (shared.length > 0) found.push(`shares ${type} with ${[...new Set(shared)].join(', ')}`);
    }
    if (found.length > 0) breaches.set(mutation.name, found);
  }
  return breaches;
}

describe('mutation naming', () => {
  const root = path.join(__dirname, '../..');
  const schema = buildSchema(readFileSync(path.join(root, 'schema/schema.graphql'), 'utf8'));
  const changelog = readFileSync(path.join(root, 'docs/changelog.md'), 'utf8');

  it('every mutation takes `input: XInput!` and returns `XPayload!`, both its own', () => {
    const breaches = [...namingBreaches(schema)].map(([name, why]) => `${name}: ${why.join('; ')}`);
    expect(breaches).toEqual([]);
  });

  it('keeps no list of exceptions in the changelog', () => {
    expect(changelog).not.toMatch(/^## Planned: one input and one payload per mutation/m);
  });

  it('tells a mutation that keeps the rule from the ways of breaking it', () => {
    const sample = buildSchema(`
      type Query { ok: Int }
      input OpenThingInput { a: Int }
      type OpenThingPayload { a: Int }
      input StepInput { a: Int }
      type ThingPayload { a: Int }
      input CloseThingInput { a: Int }
      type Mutation {
        openThing(input: OpenThingInput!): OpenThingPayload!
        startThing(input: StepInput!): ThingPayload!
        stopThing(input: StepInput!): ThingPayload!
        closeThing(input: CloseThingInput, reason: String): ThingPayload!
        logout: Boolean!
      }
    `);
    expect(Object.fromEntries(namingBreaches(sample))).toEqual({
      startThing: [
        'takes (input: StepInput!), not (input: StartThingInput!)',
        'returns ThingPayload!, not StartThingPayload!',
        'shares StepInput with stopThing',
        'shares ThingPayload with stopThing, closeThing',
      ],
      stopThing: [
        'takes (input: StepInput!), not (input: StopThingInput!)',
        'returns ThingPayload!, not StopThingPayload!',
        'shares StepInput with startThing',
        'shares ThingPayload with startThing, closeThing',
      ],
      closeThing: [
        'takes (input: CloseThingInput, reason: String), not (input: CloseThingInput!)',
        'returns ThingPayload!, not CloseThingPayload!',
        'shares ThingPayload with startThing, stopThing',
      ],
      logout: ['takes (), not (input: LogoutInput!)', 'returns Boolean!, not LogoutPayload!'],
    });
  });

  it('describes each payload by its own mutation, not by a sentence every payload shares', () => {
    const mutations = Object.values(schema.getMutationType()?.getFields() ?? {});
    const descriptions = mutations.map((m) => getNamedType(m.type).description ?? '');
    const shared = descriptions.filter((d) => /mutation answers: the changed object/.test(d));
    expect(shared).toEqual([]);
    // Derived from the mutation: its name, the first sentence of what it does, what the payload carries.
    const derived = mutations.filter((m) => getNamedType(m.type).description?.startsWith('The answer of'));
    expect(derived.length).toBeGreaterThan(100);
    for (const m of derived) expect(getNamedType(m.type).description).toContain(`\`${m.name}\``);
    expect(schema.getType('CreatePersonPayload')?.description).toBe(
      'The answer of `createPerson` (records a person of a household (personal data: READ_PERSONAL_DATA to read it back)): ' +
        '`person` as it is after the change; `userErrors` says why when it was refused, and then nothing changed.',
    );
  });
});
