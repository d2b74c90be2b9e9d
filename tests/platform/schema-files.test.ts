import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { printApiSchema } from '../../src/schema';

const root = path.resolve(__dirname, '../..');

describe('committed generated files', () => {
  it('schema/schema.graphql is exactly the schema the server builds (run `npm run schema:emit` after changing types)', async () => {
    const committed = readFileSync(path.join(root, 'schema/schema.graphql'), 'utf8');
    expect(committed).toBe(await printApiSchema());
  });

  it('tests/generated/graphql.ts is what codegen makes of the committed schema and test operations (run `npm run codegen`)', () => {
    // graphql-codegen is ESM-heavy; run it in a plain Node process rather than inside jest.
    const script = `
      const { generate } = require('@graphql-codegen/cli');
      const config = require(${JSON.stringify(path.join(root, 'dist/codegen.js'))}).default;
      generate({ ...config, cwd: ${JSON.stringify(root)}, silent: true }, false)
        .then((outputs) => process.stdout.write(JSON.stringify(outputs)))
        .catch((err) => { console.error(err); process.exit(1); });`;
    const outputs = JSON.parse(
      execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }),
    ) as Array<{
      filename: string;
      content: string;
    }>;
    expect(outputs.length).toBeGreaterThan(0);
    for (const output of outputs) {
      expect(readFileSync(path.resolve(root, output.filename), 'utf8')).toBe(output.content);
    }
  });
});
