import { generateKeyPairSync } from 'node:crypto';
import { builtinModules } from 'node:module';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import pg from 'pg';
import { appDatabaseUrl, createTestDatabase, databaseUrl, dropTestDatabase, sql } from '../support/databases';
import { FIELD_KEYS, freePort, graphql, oneLine, root, runTool, start } from '../support/processes';
import { testDataDir } from '../support/test-app';

/*
 * The production start as an operator runs it: `npm run build` on a build machine, then an install
 * without dev dependencies serves from dist/; `npm run migrate` is safe to run from two instances at
 * once; a server refuses a database whose migrations are behind its code.
 */

const JWT_PRIVATE_KEY = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** Dev dependencies runtime code loads only when present, with a fallback (pretty logs → JSON). */
const OPTIONAL_AT_RUNTIME = new Set(['pino-pretty']);

async function createEmptyDatabase(): Promise<string> {
  const name = `lianxin_t_${process.env.LIANXIN_TEST_RUN}_${process.pid}_empty`;
  const admin = new pg.Client({ connectionString: process.env.LIANXIN_TEST_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`create database "${name}" encoding 'UTF8' template template0`);
  } finally {
    await admin.end();
  }
  return name;
}

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? jsFiles(path.join(dir, e.name)) : e.name.endsWith('.js') ? [path.join(dir, e.name)] : [],
  );
}

/** The package a module specifier names (`@scope/name/sub` → `@scope/name`). */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

describe('production start', () => {
  it('runtime code (dist/src and the migrations, as compiled) requires no dev dependency', () => {
    const files = [...jsFiles(path.join(root, 'dist/src')), ...jsFiles(path.join(root, 'dist/migrations'))];
    expect(files.length).toBeGreaterThan(50);
    const offenders: string[] = [];
    for (const file of files) {
      for (const [, , specifier] of readFileSync(file, 'utf8').matchAll(/require\((["'])([^"'.][^"']*)\1\)/g)) {
        const name = packageOf(specifier);
        if (name.startsWith('node:') || builtinModules.includes(name) || pkg.dependencies[name] || OPTIONAL_AT_RUNTIME.has(name)) continue;
        offenders.push(`${path.relative(root, file)} requires ${specifier}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('serves from the build in production with only the production dependencies installed, without building', async () => {
    // What `npm ci --omit=dev` leaves: the lockfile's packages not marked dev (nested ones come with their parents).
    const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { dev?: boolean; optional?: boolean }>;
    };
    const install = mkdtempSync(path.join(os.tmpdir(), 'lianxin-prod-install-'));
    const database = await createTestDatabase('schema');
    try {
      cpSync(path.join(root, 'dist'), path.join(install, 'dist'), { recursive: true });
      cpSync(path.join(root, 'bin'), path.join(install, 'bin'), { recursive: true });
      writeFileSync(path.join(install, 'package.json'), JSON.stringify({ name: 'lianxin', private: true, dependencies: pkg.dependencies }));
      let linked = 0;
      for (const [key, entry] of Object.entries(lock.packages)) {
        const m = /^node_modules\/((?:@[^/]+\/)?[^/]+)$/.exec(key);
        if (!m || entry.dev) continue;
        const from = path.join(root, key);
        try {
          readdirSync(from);
        } catch {
          continue; // an optional package for another platform
        }
        mkdirSync(path.dirname(path.join(install, key)), { recursive: true });
        symlinkSync(from, path.join(install, key), 'dir');
        linked++;
      }
      expect(linked).toBeGreaterThan(20);
      // TypeScript itself is not among them: graphile-worker's cosmiconfig names it as an optional peer,
      // so npm keeps it (devOptional) in a production install; nothing at run time loads it.
      for (const dev of ['jest', 'eslint', '@graphql-codegen/cli', 'prettier']) {
        expect(() => require.resolve(dev, { paths: [install] })).toThrow();
      }

      const port = await freePort();
      const child = spawn(process.execPath, [path.join(install, 'bin/run.js'), 'src/server.js'], {
        cwd: install,
        env: {
          PATH: process.env.PATH ?? '',
          NODE_ENV: 'production',
          JWT_PRIVATE_KEY,
          ...FIELD_KEYS,
          DATABASE_URL: appDatabaseUrl(database),
          PORT: String(port),
          DATA_DIR: path.join(install, '.data'),
          // Asked for, but pino-pretty is a dev dependency: the log falls back to JSON.
          LOG_FORMAT: 'pretty',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (c: Buffer) => (output += c.toString()));
      child.stderr.on('data', (c: Buffer) => (output += c.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      try {
        const started = Date.now();
        while (!/serving GraphQL/.test(output)) {
          if (child.exitCode !== null || Date.now() - started > 60_000) throw new Error(`the server did not start:\n${output}`);
          await new Promise((r) => setTimeout(r, 50));
        }
        expect((await graphql(port, '{ districts { totalCount } }')).data).toEqual({ districts: { totalCount: 0 } });
        expect(output).not.toMatch(/tsc|Cannot find module/);
        const serving = output.split('\n').find((l) => l.includes('serving GraphQL'));
        expect(JSON.parse(serving!)).toMatchObject({ level: 'info', msg: expect.stringMatching(/^Lianxin is serving GraphQL/) });
      } finally {
        child.kill('SIGTERM');
        await exited;
      }
    } finally {
      rmSync(install, { recursive: true, force: true });
      await dropTestDatabase(database);
    }
  });

  it('in production never builds: a missing build is one line saying what to run', async () => {
    const child = spawn(process.execPath, [path.join(root, 'bin/run.js'), 'src/no-such-program.js'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toBe(
      'lianxin: dist/src/no-such-program.js is missing; run npm run build (with the dev dependencies installed) before starting in production\n',
    );
  });

  it('npm run migrate from two instances at once: one migrates, the other waits and applies nothing', async () => {
    const database = await createEmptyDatabase();
    try {
      const env = { DATABASE_URL: databaseUrl(database), DATA_DIR: testDataDir(), LOG_LEVEL: 'info' };
      const [a, b] = await Promise.all([runTool('migrate', [], env), runTool('migrate', [], env)]);
      expect([a.code, b.code]).toEqual([0, 0]);
      expect(a.stdout).toBe('migrate: the database is up to date\n');
      expect(b.stdout).toBe('migrate: the database is up to date\n');
      const logs = [a.stderr, b.stderr];
      expect(logs.filter((l) => /applied migrations/.test(l))).toHaveLength(1);
      expect(logs.filter((l) => /another instance is migrating this database; waiting for it/.test(l))).toHaveLength(1);
      const files = readdirSync(path.join(root, 'migrations')).filter((f) => /^Migration\d{14}_\w+\.ts$/.test(f));
      const rows = await sql<{ name: string; n: string }>(database, 'select name, count(*) as n from mikro_orm_migrations group by name');
      expect(rows).toHaveLength(files.length);
      expect(rows.every((r) => r.n === '1')).toBe(true);
    } finally {
      await dropTestDatabase(database);
    }
  });

  it('refuses to serve a database whose migrations are behind its code, naming the command that fixes it', async () => {
    const database = await createTestDatabase('schema');
    try {
      const [last] = await sql<{ name: string }>(
        database,
        'delete from mikro_orm_migrations where id = (select max(id) from mikro_orm_migrations) returning name',
      );
      const run = start({
        NODE_ENV: 'production',
        JWT_PRIVATE_KEY,
        ...FIELD_KEYS,
        DATABASE_URL: appDatabaseUrl(database),
        PORT: String(await freePort()),
      });
      expect(await run.exited).toBe(1);
      expect(oneLine(run.stderr())).toBe(
        `lianxin: the database is behind this code (1 migrations pending, first ${last.name}); run npm run migrate with MIGRATION_DATABASE_URL`,
      );
    } finally {
      await dropTestDatabase(database);
    }
  });
});
