import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_TABLE_END, CONFIG_TABLE_START, CONFIG_VARIABLES, configurationTable } from '../../src/config-reference';

/*
 * The documents a newcomer reads stay true: the README is short, every relative link in it and in
 * docs/ leads to a file (and heading) that exists, and the configuration table of docs/operations.md
 * lists exactly the variables src/config.ts reads, with the defaults that code computes.
 */

const root = path.resolve(__dirname, '../..');
const documents = [
  'README.md',
  ...readdirSync(path.join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** GitHub's anchor for a heading. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchorsOf(file: string): Set<string> {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1])));
}

describe('the documentation', () => {
  it('keeps the README to about 10 KB', () => {
    expect(readFileSync(path.join(root, 'README.md')).length).toBeLessThan(11 * 1024);
  });

  it('has every relative link of the README and docs/ lead to an existing file and heading', () => {
    const broken: string[] = [];
    for (const doc of documents) {
      const text = readFileSync(path.join(root, doc), 'utf8').replace(/```[\s\S]*?```/g, '');
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/i.test(target)) continue; // http:, https:, mailto:
        const [file, anchor] = target.split('#');
        const resolved = file ? path.resolve(path.dirname(path.join(root, doc)), file) : path.join(root, doc);
        if (!existsSync(resolved)) broken.push(`${doc}: ${target} (no such file)`);
        else if (anchor && resolved.endsWith('.md') && !anchorsOf(resolved).has(anchor)) broken.push(`${doc}: ${target} (no such heading)`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('lists in docs/operations.md exactly the variables the configuration reads, with the defaults it computes (npm run config:docs)', () => {
    // config.ts, and the field keys it delegates to core/crypto (parsed there so tests can install them alone).
    const source = ['src/config.ts', 'src/core/crypto/field-keys.ts'].map((f) => readFileSync(path.join(root, f), 'utf8')).join('\n');
    const read = new Set(
      [...source.matchAll(/\(env, '([A-Z][A-Z0-9_]*)'|env\.([A-Z][A-Z0-9_]*)|'(OIDC_[A-Z_]+)'/g)].map((m) => m[1] ?? m[2] ?? m[3]),
    );
    expect([...read].sort()).toEqual(CONFIG_VARIABLES.map((v) => v.name).sort());
    const operations = readFileSync(path.join(root, 'docs/operations.md'), 'utf8');
    const table = operations.slice(
      operations.indexOf(CONFIG_TABLE_START) + CONFIG_TABLE_START.length,
      operations.indexOf(CONFIG_TABLE_END),
    );
    expect(table.trim()).toBe(configurationTable().trim());
  });
});
