import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

/*
 * A PostgreSQL primary and a streaming replica of it, for the tests of read replicas: initdb and
 * pg_basebackup -R with the machine's PostgreSQL 15 binaries (PGBIN, default
 * /usr/lib/postgresql/15/bin), as ops/cluster/run.sh does, in a temp dir on free ports (never
 * 5432). As root, PostgreSQL runs as the postgres OS user. stop() ends both servers and removes the
 * directory; every step is bounded.
 */

const run = promisify(execFile);
export const PGBIN = process.env.PGBIN ?? '/usr/lib/postgresql/15/bin';
const APP_PASSWORD = 'replica-test-app-secret';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => (port === 5432 ? freePort().then(resolve, reject) : resolve(port)));
    });
  });
}

export interface ReplicaCluster {
  /** The owner (superuser) of the primary's database, for setup and inspection. */
  ownerUrl: string;
  /** The application role on the primary and on the replica. */
  appUrl: string;
  replicaAppUrl: string;
  /** The superuser on the replica (pause and resume replay, inspection). */
  replicaOwnerUrl: string;
  sql<T extends pg.QueryResultRow = Record<string, unknown>>(url: string, text: string, params?: unknown[]): Promise<T[]>;
  /** Waits until the replica has replayed everything the primary has written so far. */
  caughtUp(): Promise<void>;
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  stop(): Promise<void>;
}

/** Clusters still running, also those whose start had not returned when a hook timed out. */
const unstopped = new Set<() => Promise<void>>();

/** Stops every cluster this file started (afterAll: a start cut short by a timeout leaves no servers behind). */
export async function stopReplicaClusters(): Promise<void> {
  for (const stop of [...unstopped]) await stop();
}

/**
 * `load` fills the primary's database (owner's URL) before the replica is copied from it: the
 * base backup then carries the data, and the replica need not replay it.
 */
export async function startReplicaCluster(load: (ownerUrl: string) => Promise<void>, database = 'lianxin'): Promise<ReplicaCluster> {
  for (const tool of ['initdb', 'pg_ctl', 'pg_basebackup'])
    if (!existsSync(path.join(PGBIN, tool)))
      throw new Error(`${PGBIN}/${tool} is missing: install PostgreSQL 15 (Debian: postgresql-15) or set PGBIN`);
  const root = process.getuid?.() === 0;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lianxin-replica-'));
  const primaryDir = path.join(dir, 'primary');
  const replicaDir = path.join(dir, 'replica');
  const sockets = path.join(dir, 'sock');
  const pgUser = root ? (await run('id', ['-u', 'postgres'])).stdout.trim() : undefined;
  // Run from the temp dir: the postgres OS user may not enter the caller's working directory.
  const asPg = (tool: string, args: string[]) =>
    (root
      ? run('runuser', ['-u', 'postgres', '--', path.join(PGBIN, tool), ...args], { timeout: 60_000, cwd: dir })
      : run(path.join(PGBIN, tool), args, { timeout: 60_000, cwd: dir })
    ).catch((err: Error & { stderr?: string }) => {
      throw new Error(`${tool} failed: ${err.stderr?.trim() || err.message}`);
    });
  if (root) {
    await run('mkdir', ['-p', sockets]);
    for (const d of [dir, sockets]) chownSync(d, Number(pgUser), 0);
  } else await run('mkdir', ['-p', sockets]);
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  const options = (port: number) =>
    `-c port=${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${sockets} -c wal_level=replica -c max_wal_senders=5 -c hot_standby=on -c fsync=off`;
  const started: string[] = [];
  const stop = async () => {
    unstopped.delete(stop);
    for (const d of started.reverse()) await asPg('pg_ctl', ['-D', d, '-m', 'immediate', '-w', '-t', '20', 'stop']).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  unstopped.add(stop);
  try {
    await asPg('initdb', ['-D', primaryDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8']);
    await asPg('pg_ctl', ['-D', primaryDir, '-o', options(primaryPort), '-l', path.join(dir, 'primary.log'), '-w', '-t', '60', 'start']);
    started.push(primaryDir);
    const admin = `postgres://postgres@127.0.0.1:${primaryPort}/postgres`;
    const sql = async <T extends pg.QueryResultRow>(url: string, text: string, params: unknown[] = []): Promise<T[]> => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query<T>(text, params)).rows;
      } finally {
        await client.end();
      }
    };
    await sql(admin, `create database ${database}`);
    await sql(admin, `create role lianxin_app login password '${APP_PASSWORD}'`);
    await load(`postgres://postgres@127.0.0.1:${primaryPort}/${database}`);
    await asPg('pg_basebackup', [
      '-h',
      '127.0.0.1',
      '-p',
      String(primaryPort),
      '-U',
      'postgres',
      '-D',
      replicaDir,
      '-R',
      '-X',
      'stream',
      '--checkpoint=fast',
    ]);
    await asPg('pg_ctl', ['-D', replicaDir, '-o', options(replicaPort), '-l', path.join(dir, 'replica.log'), '-w', '-t', '60', 'start']);
    started.push(replicaDir);
    const ownerUrl = `postgres://postgres@127.0.0.1:${primaryPort}/${database}`;
    const replicaOwnerUrl = `postgres://postgres@127.0.0.1:${replicaPort}/${database}`;
    const cluster: ReplicaCluster = {
      ownerUrl,
      replicaOwnerUrl,
      appUrl: `postgres://lianxin_app:${APP_PASSWORD}@127.0.0.1:${primaryPort}/${database}`,
      replicaAppUrl: `postgres://lianxin_app:${APP_PASSWORD}@127.0.0.1:${replicaPort}/${database}`,
      sql,
      async caughtUp() {
        const [{ lsn }] = await sql<{ lsn: string }>(ownerUrl, 'select pg_current_wal_lsn()::text as lsn');
        for (let i = 0; i < 300; i++) {
          const [row] = await sql<{ done: boolean }>(replicaOwnerUrl, 'select pg_last_wal_replay_lsn() >= $1::pg_lsn as done', [lsn]);
          if (row.done) return;
          await new Promise((r) => setTimeout(r, 50));
        }
        throw new Error('the replica did not catch up within 15 s');
      },
      async pauseReplay() {
        await sql(replicaOwnerUrl, 'select pg_wal_replay_pause()');
      },
      async resumeReplay() {
        await sql(replicaOwnerUrl, 'select pg_wal_replay_resume()');
      },
      stop,
    };
    return cluster;
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Copies a database into the cluster's (pg_dump and pg_restore of the machine's binaries; the owner becomes postgres). */
export async function copyDatabase(fromUrl: string, toUrl: string): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lianxin-replica-dump-'));
  try {
    const dump = path.join(dir, 'db.dump');
    await run(path.join(PGBIN, 'pg_dump'), ['--format=custom', `--file=${dump}`, fromUrl], { timeout: 60_000 });
    await run(path.join(PGBIN, 'pg_restore'), ['--exit-on-error', '--no-owner', '--role=postgres', '-d', toUrl, dump], { timeout: 60_000 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The major version of the server at `url`. */
export async function serverMajor(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Math.floor(Number((await client.query<{ v: string }>('show server_version_num')).rows[0].v) / 10000);
  } finally {
    await client.end();
  }
}

/** The major version of the machine's binaries the cluster runs on (PGBIN). */
export async function clusterMajor(): Promise<number> {
  const { stdout } = await run(path.join(PGBIN, 'pg_dump'), ['--version']);
  return Number(/(\d+)(?:\.\d+)?/.exec(stdout)![1]);
}
