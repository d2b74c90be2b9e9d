import type { CodegenConfig } from '@graphql-codegen/cli';

/*
 * npm run codegen — TypeScript types, checked against the committed schema, for the operations the
 * tests send (tests/operations/*.graphql) and for the typed client of integration scripts
 * (examples/*.graphql → clients/typescript/generated). The outputs are committed; a test fails
 * when they are stale.
 */
const typed = {
  plugins: ['typescript-operations', 'typed-document-node'],
  config: {
    enumsAsTypes: true,
    useTypeImports: true,
    avoidOptionals: false,
    scalars: { DateTime: 'string', Date: 'string', ID: 'string', Fen: 'number' },
    skipTypename: true,
    dedupeFragments: true,
  },
};

export const codegenConfig: CodegenConfig = {
  schema: 'schema/schema.graphql',
  generates: {
    'tests/generated/graphql.ts': { documents: ['tests/operations/**/*.graphql'], ...typed },
    'clients/typescript/generated/graphql.ts': { documents: ['examples/**/*.graphql'], ...typed },
  },
  hooks: {},
};

export default codegenConfig;
