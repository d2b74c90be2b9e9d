import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * The layering of docs/architecture.md, checked over the import graph of src/: the core imports
 * no module, and a module imports only modules listed before it in src/modules/index.ts, so no
 * two modules import each other and a new module is a folder plus one line in that list.
 */
const SRC = resolve(__dirname, '../../src');
const MODULES = join(SRC, 'modules');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;

/** The files of src/ a file imports (relative imports only; packages are not our layering). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const targets: string[] = [];
  for (const match of text.matchAll(SPECIFIER)) {
    const spec = match[1];
    if (!spec.startsWith('.')) continue;
    const base = resolve(dirname(file), spec);
    const candidates = [`${base}.ts`, join(base, 'index.ts'), base];
    const found = candidates.find((c) => existsSync(c) && statSync(c).isFile());
    if (!found) throw new Error(`${relative(SRC, file)} imports ${spec}, which does not resolve`);
    targets.push(found);
  }
  return targets;
}

/** The module a file belongs to, or undefined outside src/modules/<name>/. */
function moduleOf(file: string): string | undefined {
  const rel = relative(MODULES, file);
  if (rel.startsWith('..') || !rel.includes(sep)) return undefined;
  return rel.split(sep)[0];
}

/** The module names in the order of src/modules/index.ts (read from the file, not by loading it). */
function moduleOrder(): string[] {
  const index = readFileSync(join(MODULES, 'index.ts'), 'utf8');
  const list = index.slice(index.indexOf('export const modules'));
  const names = [...list.matchAll(/^\s*(\w+)Module,\s*$/gm)].map((m) => m[1]);
  const folders = new Map<string, string>();
  for (const m of index.matchAll(/import \{ (\w+)Module \} from '\.\/([\w-]+)\//g)) folders.set(m[1], m[2]);
  return names.map((n) => folders.get(n) ?? n);
}

const files = sourceFiles(SRC);
const graph = new Map(files.map((f) => [f, importsOf(f)]));

describe('import graph', () => {
  it('lists every module folder once in src/modules/index.ts', () => {
    const folders = readdirSync(MODULES).filter((n) => statSync(join(MODULES, n)).isDirectory());
    expect([...moduleOrder()].sort()).toEqual([...folders].sort());
  });

  it('the core imports no module and not the platform that lists them', () => {
    const offending: string[] = [];
    for (const [file, targets] of graph) {
      if (!file.startsWith(join(SRC, 'core') + sep)) continue;
      for (const target of targets) {
        if (target.startsWith(MODULES + sep) || target === join(SRC, 'platform.ts')) {
          offending.push(`${relative(SRC, file)} -> ${relative(SRC, target)}`);
        }
      }
    }
    expect(offending).toEqual([]);
  });

  it('a module imports only modules listed before it, so no two modules import each other', () => {
    const order = moduleOrder();
    const offending: string[] = [];
    for (const [file, targets] of graph) {
      const from = moduleOf(file);
      if (!from) continue;
      for (const target of targets) {
        const to = moduleOf(target);
        if (!to || to === from) continue;
        if (order.indexOf(to) > order.indexOf(from)) {
          offending.push(`${relative(SRC, file)} -> ${relative(SRC, target)}`);
        }
      }
    }
    expect(offending).toEqual([]);
  });

  it('outside src/modules, only the platform (the list), the demo data and the QR pages of app.ts import a module', () => {
    // Everything else a module offers (schema, rules, entities, documents, jobs) reaches the server through its manifest.
    const allowed = (file: string, target: string) =>
      (file === join(SRC, 'platform.ts') && target === join(MODULES, 'index.ts')) ||
      file.startsWith(join(SRC, 'seed') + sep) ||
      (file === join(SRC, 'app.ts') && target.startsWith(join(MODULES, 'issues', 'qr') + sep));
    const offending: string[] = [];
    for (const [file, targets] of graph) {
      if (file.startsWith(MODULES + sep)) continue;
      for (const target of targets) {
        if (target.startsWith(MODULES + sep) && !allowed(file, target))
          offending.push(`${relative(SRC, file)} -> ${relative(SRC, target)}`);
      }
    }
    expect(offending).toEqual([]);
  });

  it('the check sees imports (a sample edge exists)', () => {
    // Guards the test itself: if the parser stopped seeing imports, the checks above would pass vacuously.
    const finance = files.filter((f) => moduleOf(f) === 'finance');
    const edges = finance.flatMap((f) => graph.get(f)!.map(moduleOf)).filter((m) => m && m !== 'finance');
    expect(edges.length).toBeGreaterThan(0);
  });
});
