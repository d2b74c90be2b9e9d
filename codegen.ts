import type { CodegenConfig } from '@graphql-codegen/cli';

/*
 * npm run codegen — TypeScript types for the operations the tests send (tests/operations/*.graphql),
 * checked against the committed schema. The output is committed; a test fails when it is stale.
 */
export const codegenConfig: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['tests/operations/**/*.graphql'],
  generates: {
    'tests/generated/graphql.ts': {
      plugins: ['typescript-operations', 'typed-document-node'],
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        avoidOptionals: false,
        scalars: { DateTime: 'string', Date: 'string', ID: 'string', Fen: 'number' },
        skipTypename: true,
        dedupeFragments: true,
      },
    },
  },
  hooks: {},
};

export default codegenConfig;
