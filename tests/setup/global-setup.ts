import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { checkConnection } from '../../src/core/database/check-connection';
import { startEmbeddedPostgres, type RunningPostgres } from '../../src/core/database/embedded-postgres';
import { createLogger } from '../../src/core/logger';

/*
 * Once per `npm test`: a PostgreSQL to create test databases in. TEST_DATABASE_URL names an
 * existing server (the suite creates and drops its own databases there); otherwise a throwaway
 * embedded PostgreSQL starts in the OS temp directory and is deleted afterwards.
 * No entities are imported here (jest hands globalSetup a separate module registry).
 */

export interface TestGlobals {
  __LIANXIN_PG__?: RunningPostgres;
  __LIANXIN_PG_DIR__?: string;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export default async function globalSetup(): Promise<void> {
  process.env.LIANXIN_TEST_RUN = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  // The application role logs in with a password of this run's (set on the role with the first template).
  // Servers and tools the tests start in development mode set the role's password from their
  // DATA_DIR: the run's data directory holds the same one, so nobody changes it under the others.
  process.env.LIANXIN_TEST_APP_PASSWORD = randomBytes(18).toString('base64url');
  const dataDir = path.join(os.tmpdir(), `lianxin-test-data-${process.env.LIANXIN_TEST_RUN}`);
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(path.join(dataDir, 'app-role.password'), `${process.env.LIANXIN_TEST_APP_PASSWORD}\n`, { mode: 0o600 });
  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    await checkConnection(external, 'TEST_DATABASE_URL');
    process.env.LIANXIN_TEST_ADMIN_URL = external;
    return;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lianxin-test-pg-'));
  chmodSync(dir, 0o755); // mkdtemp makes it 0700; as root, PostgreSQL runs as `postgres` and must enter it
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(dir, 'pg'),
    port: await freePort(),
    logger: createLogger('warn'),
    persistent: false,
  });
  (globalThis as TestGlobals).__LIANXIN_PG__ = pg;
  (globalThis as TestGlobals).__LIANXIN_PG_DIR__ = dir;
  process.env.LIANXIN_TEST_ADMIN_URL = pg.adminUrl('postgres');
}
