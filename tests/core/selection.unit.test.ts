import { parse, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { selectsPath, type FieldSite } from '../../src/core/graphql/selection';

/*
 * Resolvers read further ahead when the query walks there (selectsPath); @skip and @include decide
 * whether it does. Without the request's variables (what is kept per field site for every request
 * of a document), a directive that names a variable leaves its selection in: reading more than is
 * asked is harmless, reading less is not.
 */
function site(source: string, variableValues?: Record<string, unknown>): FieldSite {
  const document = parse(source);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
  const fragments = Object.fromEntries(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === 'FragmentDefinition').map((d) => [d.name.value, d]),
  );
  return { fieldNodes: [operation.selectionSet.selections[0] as FieldNode], fragments, variableValues };
}

const UP = ['unit', 'building'];

describe('selectsPath with @skip and @include', () => {
  it('finds a path that no directive leaves out, through fragments', () => {
    expect(selectsPath(site('{ node(id: "x") { ... on Household { unit { building { name } } } } }'), UP)).toBe(true);
    expect(selectsPath(site('{ node(id: "x") { ...up } } fragment up on Household { unit { building { name } } }'), UP)).toBe(true);
    expect(selectsPath(site('{ node(id: "x") { ... on Household { unit { name } } } }'), UP)).toBe(false);
  });

  it('leaves out what a literal @skip(if: true) or @include(if: false) leaves out, at any level', () => {
    expect(selectsPath(site('{ node(id: "x") { ... on Household { unit @skip(if: true) { building { name } } } } }'), UP)).toBe(false);
    expect(selectsPath(site('{ node(id: "x") { ... on Household { unit { building @include(if: false) { name } } } } }'), UP)).toBe(false);
    expect(selectsPath(site('{ node(id: "x") { ... @include(if: false) { ... on Household { unit { building { name } } } } } }'), UP)).toBe(
      false,
    );
    expect(
      selectsPath(site('{ node(id: "x") { ...up @skip(if: true) } } fragment up on Household { unit { building { name } } }'), UP),
    ).toBe(false);
    expect(selectsPath(site('{ node(id: "x") { ... on Household { unit @skip(if: false) { building { name } } } } }'), UP)).toBe(true);
  });

  it('follows the request’s variables when it has them, and keeps the selection when it has not', () => {
    const query = 'query ($s: Boolean!) { node(id: "x") { ... on Household { unit @skip(if: $s) { building { name } } } } }';
    expect(selectsPath(site(query, { s: true }), UP)).toBe(false);
    expect(selectsPath(site(query, { s: false }), UP)).toBe(true);
    expect(selectsPath(site(query), UP)).toBe(true);
  });

  it('finds the path in a second spread of a fragment that the first left out', () => {
    const query = '{ node(id: "x") { ...up @skip(if: true) ...up } } fragment up on Household { unit { building { name } } }';
    expect(selectsPath(site(query), UP)).toBe(true);
  });
});
