import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appDatabaseUrl, createTestDatabase, databaseUrl, dropTestDatabase } from '../support/databases';
import { FIELD_KEYS, freePort, graphql, oneLine, runTool, start } from '../support/processes';
import { testDataDir } from '../support/test-app';

/*
 * No known credentials anywhere real. A production server connects as the application role only,
 * never creates the demo logins, refuses a database that still has them with the published
 * password, and gets its first administrator from `npm run admin:create`.
 */

const JWT_PRIVATE_KEY = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

async function signIn(port: number, login: string, password: string): Promise<string | null> {
  const res = await graphql(port, `mutation { login(input: { login: "${login}", password: "${password}" }) { token } }`);
  return (res.data?.login as { token: string } | null)?.token ?? null;
}

describe('production: no known credentials', () => {
  let database: string;

  beforeAll(async () => {
    database = await createTestDatabase('demo');
  });
  afterAll(() => dropTestDatabase(database));

  it('refuses to serve as a superuser or the owner', async () => {
    const run = start({
      NODE_ENV: 'production',
      JWT_PRIVATE_KEY,
      ...FIELD_KEYS,
      DATABASE_URL: databaseUrl(database),
      PORT: String(await freePort()),
    });
    expect(await run.exited).toBe(1);
    expect(oneLine(run.stderr())).toMatch(/^lianxin: DATABASE_URL connects as postgres, which is a superuser.*connect as lianxin_app/);
  });

  it('refuses a database with demo logins, serves it once they are retired, and takes its administrator from admin:create', async () => {
    const env = { NODE_ENV: 'production', JWT_PRIVATE_KEY, ...FIELD_KEYS, DATABASE_URL: appDatabaseUrl(database) };
    const refused = start({ ...env, PORT: String(await freePort()) });
    expect(await refused.exited).toBe(1);
    expect(oneLine(refused.stderr())).toMatch(
      /^lianxin: this database has demo logins with the published password \(platform\.admin, .*\); run npm run demo:retire/,
    );

    const tool = { DATABASE_URL: databaseUrl(database), DATA_DIR: testDataDir() };
    const retired = await runTool('demo-retire', [], tool);
    expect(retired.code).toBe(0);
    expect(retired.stdout).toMatch(/^disabled 15 demo logins: platform\.admin/);
    const created = await runTool(
      'admin-create',
      ['--login', 'ops.admin', '--display-name', '平台运维'],
      tool,
      'a-long-secret-from-the-vault\n',
    );
    expect(created).toMatchObject({ code: 0, stdout: 'created the platform administrator ops.admin\n' });
    const generated = await runTool('admin-create', ['--login', 'ops.backup'], tool);
    const password = /password \(shown once; change it with changePassword\): (\S+)/.exec(generated.stdout)?.[1];
    expect(password).toHaveLength(24);
    expect((await runTool('admin-create', ['--login', 'ops.admin'], tool, 'another-long-password')).stderr).toBe(
      'admin:create: a user named ops.admin exists already\n',
    );

    const port = await freePort();
    const run = start({ ...env, PORT: String(port) });
    try {
      await run.waitFor(/serving GraphQL/);
      expect(await signIn(port, 'platform.admin', 'lianxin-demo-2026')).toBeNull();
      const token = await signIn(port, 'ops.admin', 'a-long-secret-from-the-vault');
      expect(token).toBeTruthy();
      expect((await graphql(port, '{ communities { totalCount } }', token!)).data).toEqual({ communities: { totalCount: 6 } });
      expect(await signIn(port, 'ops.backup', password!)).toBeTruthy();
    } finally {
      run.child.kill('SIGTERM');
      await run.exited;
    }
  });

  it('never creates the demo logins, even on its own embedded database', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lianxin-prod-'));
    chmodSync(dataDir, 0o755);
    const port = await freePort();
    const run = start({
      NODE_ENV: 'production',
      JWT_PRIVATE_KEY,
      ...FIELD_KEYS,
      DATA_DIR: dataDir,
      PORT: String(port),
      EMBEDDED_PG_PORT: String(await freePort()),
    });
    try {
      await run.waitFor(/serving GraphQL/, 120_000);
      expect(run.output()).not.toMatch(/demo data/);
      expect(await signIn(port, 'platform.admin', 'lianxin-demo-2026')).toBeNull();
      expect((await graphql(port, '{ districts { totalCount } }')).data).toEqual({ districts: { totalCount: 0 } });
    } finally {
      run.child.kill('SIGTERM');
      await run.exited;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
