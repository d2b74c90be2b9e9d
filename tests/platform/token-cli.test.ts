import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { ViewerDocument } from '../generated/graphql';
import { databaseUrl } from '../support/databases';
import { ok, startTestApp, testDataDir, type TestApp } from '../support/test-app';

/*
 * `npm run token -- <login>` as an operator uses it: the compiled script against the server's
 * database and signing key; what it prints is a working bearer credential.
 */
const root = path.resolve(__dirname, '../..');
const script = path.join(root, 'dist/src/scripts/token.js');
const run = promisify(execFile);

describe('npm run token', () => {
  let app: TestApp;

  beforeAll(async () => {
    if (!existsSync(script)) throw new Error('dist/src/scripts/token.js is missing: run the suite with `npm test`, which builds first');
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const token = (name: string) =>
    run(process.execPath, [script, name], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'test',
        LOG_LEVEL: 'error',
        DATABASE_URL: databaseUrl(app.database),
        DATA_DIR: testDataDir(),
      },
    });

  it.each(['secretary.xinyuan', 'district.gaoxin', 'resident.zhenxing'])('prints a bearer token for the user %s', async (login) => {
    const { stdout } = await token(login);
    const viewer = ok(await app.request(ViewerDocument, {}, { as: null, headers: { authorization: `Bearer ${stdout.trim()}` } })).viewer;
    expect(viewer.user?.login).toBe(login);
  });

  it('prints a fresh API key for the service account sync.yongkangbeilu', async () => {
    const { stdout } = await token('sync.yongkangbeilu');
    expect(stdout.trim()).toMatch(/^lxk_/);
    const viewer = ok(await app.request(ViewerDocument, {}, { as: null, headers: { authorization: `Bearer ${stdout.trim()}` } })).viewer;
    expect(viewer).toMatchObject({ kind: 'SERVICE_ACCOUNT', serviceAccount: { name: 'sync.yongkangbeilu' } });
  });

  it('ends with one line naming the problem for an unknown name', async () => {
    const failure = await token('nobody.here').then(
      () => null,
      (err: { code: number; stderr: string }) => err,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr.trim()).toBe('token: no user or service account is named nobody.here');
  });
});
