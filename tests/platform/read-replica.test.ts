import '../../src/platform';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createApp, type App } from '../../src/app';
import { loadConfig } from '../../src/config';
import { openAppOrm, openOrm } from '../../src/core/database/database';
import { seedDemo } from '../../src/seed/demo';
import { quietLogger } from '../../src/core/logger';
import { createTestDatabase, databaseUrl, dropTestDatabase } from '../support/databases';
import { DEMO } from '../support/demo';
import {
  clusterMajor,
  copyDatabase,
  serverMajor,
  startReplicaCluster,
  stopReplicaClusters,
  type ReplicaCluster,
} from '../support/replica-cluster';
import { GENEROUS_LIMITS, gid, testDataDir, type GraphQLResponse } from '../support/test-app';

/*
 * Read replicas against a real streaming replica (tests/support/replica-cluster.ts: initdb and
 * pg_basebackup -R on free ports, stopped at the end). Two API instances serve the same primary
 * and replica: `tolerant` accepts a replica up to a minute behind (so a paused replica shows what
 * it serves), `strict` only 300 ms. Which server answered is visible twice: in
 * `extensions.readFrom`, and in the data itself, when replay is paused and the primary has moved on.
 */

const FIGURES = `query CommunityFigures($id: ID!) {
  node(id: $id) { __typename ... on Community { name figures(period: "2026-10") { people { households { value } } } } }
}`;
const COMMUNITY = `query OneCommunity($id: ID!) { community(id: $id) { name } }`;
const RENAME = `mutation Rename($input: UpdateCommunityInput!) {
  updateCommunity(input: $input) { community { name } userErrors { code message } }
}`;

interface Instance {
  app: App;
  orm: MikroORM;
  url: string;
}

type Answer = GraphQLResponse<{ node: { name: string; figures: unknown } | null; community?: { name: string } }> & {
  extensions?: { readFrom?: string };
};

describe('read replicas', () => {
  let cluster: ReplicaCluster;
  let tolerant: Instance;
  let strict: Instance;
  let yongkang: string;
  let zhenxing: string;
  const tokens = new Map<string, string>();

  async function instance(env: Record<string, string>): Promise<Instance> {
    const config = loadConfig({
      NODE_ENV: 'test',
      DATA_DIR: testDataDir(),
      ...GENEROUS_LIMITS,
      DATABASE_REPLICA_URLS: cluster.replicaAppUrl,
      REPLICA_LAG_CHECK_MS: '50',
      ...env,
    });
    const orm = await openAppOrm(cluster.appUrl, quietLogger, 4, config.replicas.urls);
    const app = await createApp({ orm, config, logger: quietLogger });
    const port = await app.listen(0, '127.0.0.1');
    return { app, orm, url: `http://127.0.0.1:${port}/graphql` };
  }

  async function token(login: string): Promise<string> {
    let t = tokens.get(login);
    if (!t) {
      const [user] = await cluster.sql<{ id: number }>(cluster.ownerUrl, 'select id from user_account where login = $1', [login]);
      const issued = await tolerant.app.tokens.issue(
        <T extends object>(text: string, values: unknown[]) => cluster.sql(cluster.ownerUrl, text, values) as Promise<T[]>,
        user.id,
      );
      t = issued!.token;
      tokens.set(login, t);
    }
    return t;
  }

  async function ask(on: Instance, query: string, variables: Record<string, unknown>, as: string): Promise<Answer> {
    const res = await fetch(on.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await token(as)}` },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, ...((await res.json()) as Omit<Answer, 'status'>) };
  }

  /** Renames a community on the primary behind the API's back (no principal wrote it). */
  async function renameDirectly(id: string, name: string): Promise<void> {
    const pk = Number(Buffer.from(id, 'base64url').toString().split(':')[1]);
    await cluster.sql(cluster.ownerUrl, 'update community set name = $1 where id = $2', [name, pk]);
  }

  beforeAll(async () => {
    // The run's demo database, copied into the primary before the replica is made from it.
    // A dump moves only to a server of the same major version: the suite's own server when it is the
    // cluster's (the PostgreSQL 15 run); the embedded PostgreSQL 18 run seeds the demo afresh.
    const source = await createTestDatabase('demo');
    try {
      const copy = (await serverMajor(databaseUrl(source))) === (await clusterMajor());
      cluster = await startReplicaCluster(async (ownerUrl) => {
        if (copy) return copyDatabase(databaseUrl(source), ownerUrl);
        const orm = await openOrm(ownerUrl, quietLogger, 2);
        try {
          await seedDemo(orm, quietLogger);
        } finally {
          await orm.close(true);
        }
      });
    } finally {
      await dropTestDatabase(source);
    }
    const ids = await cluster.sql<{ name: string; id: number }>(cluster.ownerUrl, 'select name, id from community');
    yongkang = gid('Community', ids.find((c) => c.name === DEMO.yongkang)!.id);
    zhenxing = gid('Community', ids.find((c) => c.name === DEMO.zhenxing)!.id);
    tolerant = await instance({ REPLICA_MAX_LAG_MS: '60000', READ_YOUR_WRITES_MS: '60050' });
    strict = await instance({ REPLICA_MAX_LAG_MS: '300', READ_YOUR_WRITES_MS: '350' });
    // Sessions are rows: issued now, while the replica replays, so that it knows them when paused.
    for (const login of ['admin.yongkangbeilu', 'admin.zhenxing', 'district.xiaodian', 'district.gaoxin']) await token(login);
    await cluster.caughtUp();
    // The demo template is built once per run (minutes on a busy machine, for the first file that needs it).
  }, 300_000);

  afterAll(async () => {
    for (const i of [tolerant, strict]) {
      await i?.app.close();
      await i?.orm.close(true);
    }
    await stopReplicaClusters();
  });

  it('serves a stale-tolerant query from the replica, and everything else from the primary', async () => {
    const figures = await ask(tolerant, FIGURES, { id: yongkang }, 'admin.yongkangbeilu');
    expect(figures.errors).toBeUndefined();
    expect(figures.data!.node!.name).toBe(DEMO.yongkang);
    expect(figures.extensions!.readFrom).toBe('replica');
    // A query of other fields (community(id:) is not declared stale-tolerant) reads the primary.
    const plain = await ask(tolerant, COMMUNITY, { id: yongkang }, 'admin.yongkangbeilu');
    expect(plain.data!.community!.name).toBe(DEMO.yongkang);
    expect(plain.extensions!.readFrom).toBe('primary');
  });

  it('answers from the replica what the replica has: with replay paused, the primary has moved on and the replica has not', async () => {
    await cluster.pauseReplay();
    try {
      await renameDirectly(zhenxing, '振兴社区（新）');
      const stale = await ask(tolerant, FIGURES, { id: zhenxing }, 'admin.zhenxing');
      expect(stale.extensions!.readFrom).toBe('replica');
      expect(stale.data!.node!.name).toBe(DEMO.zhenxing);
      const fresh = await ask(tolerant, COMMUNITY, { id: zhenxing }, 'admin.zhenxing');
      expect(fresh.data!.community!.name).toBe('振兴社区（新）');
    } finally {
      await cluster.resumeReplay();
      await renameDirectly(zhenxing, DEMO.zhenxing);
      await cluster.caughtUp();
    }
  });

  it('falls back to the primary while the replica lags more than REPLICA_MAX_LAG_MS, and returns to it once caught up', async () => {
    const before = await ask(strict, FIGURES, { id: zhenxing }, 'admin.zhenxing');
    expect(before.extensions!.readFrom).toBe('replica');
    await cluster.pauseReplay();
    try {
      await renameDirectly(zhenxing, '振兴社区（二）');
      // The lag grows while replay is paused; within a few checks the instance sees it past 300 ms.
      let answer = await ask(strict, FIGURES, { id: zhenxing }, 'admin.zhenxing');
      for (let i = 0; i < 50 && answer.extensions!.readFrom !== 'primary'; i++) {
        await new Promise((r) => setTimeout(r, 100));
        answer = await ask(strict, FIGURES, { id: zhenxing }, 'admin.zhenxing');
      }
      expect(answer.extensions!.readFrom).toBe('primary');
      expect(answer.data!.node!.name).toBe('振兴社区（二）');
      // And it stays there while the replica is behind.
      const again = await ask(strict, FIGURES, { id: zhenxing }, 'admin.zhenxing');
      expect(again.extensions!.readFrom).toBe('primary');
      expect(again.data!.node!.name).toBe('振兴社区（二）');
    } finally {
      await cluster.resumeReplay();
    }
    await cluster.caughtUp();
    let back = await ask(strict, FIGURES, { id: zhenxing }, 'admin.zhenxing');
    for (let i = 0; i < 50 && back.extensions!.readFrom !== 'replica'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      back = await ask(strict, FIGURES, { id: zhenxing }, 'admin.zhenxing');
    }
    expect(back.extensions!.readFrom).toBe('replica');
    expect(back.data!.node!.name).toBe('振兴社区（二）');
    await renameDirectly(zhenxing, DEMO.zhenxing);
    await cluster.caughtUp();
  });

  it("reads a mutation's author back from the primary at once, on any instance, while others still read the replica", async () => {
    await cluster.pauseReplay();
    try {
      const renamed = await ask(tolerant, RENAME, { input: { id: yongkang, name: '永康北路社区（改）' } }, 'admin.yongkangbeilu');
      expect(renamed.data).toEqual({ updateCommunity: { community: { name: '永康北路社区（改）' }, userErrors: [] } });
      expect(renamed.extensions!.readFrom).toBe('primary');
      // The author, on the instance it wrote through and on another one: the primary, with the write.
      for (const on of [tolerant, strict]) {
        const own = await ask(on, FIGURES, { id: yongkang }, 'admin.yongkangbeilu');
        expect(own.extensions!.readFrom).toBe('primary');
        expect(own.data!.node!.name).toBe('永康北路社区（改）');
      }
      // Someone who wrote nothing reads the (paused) replica: the old name, as stale as allowed.
      const other = await ask(tolerant, FIGURES, { id: yongkang }, 'district.xiaodian');
      expect(other.extensions!.readFrom).toBe('replica');
      expect(other.data!.node!.name).toBe(DEMO.yongkang);
    } finally {
      await cluster.resumeReplay();
    }
    await cluster.caughtUp();
    const restored = await ask(tolerant, RENAME, { input: { id: yongkang, name: DEMO.yongkang } }, 'admin.yongkangbeilu');
    expect(restored.errors).toBeUndefined();
  });

  it("keeps permissions and row-level security on the replica: another community's figures are not there", async () => {
    const mine = await ask(tolerant, FIGURES, { id: zhenxing }, 'admin.zhenxing');
    expect(mine.extensions!.readFrom).toBe('replica');
    expect(mine.data!.node!.name).toBe(DEMO.zhenxing);
    const theirs = await ask(tolerant, FIGURES, { id: yongkang }, 'district.gaoxin');
    expect(theirs.extensions!.readFrom).toBe('replica');
    expect(theirs.data?.node ?? null).toBeNull();
    const across = await ask(tolerant, FIGURES, { id: yongkang }, 'admin.zhenxing');
    expect(across.extensions!.readFrom).toBe('replica');
    expect(across.data?.node ?? null).toBeNull();
    // A binding revoked on the primary and still live on a paused replica: the replica's grant would
    // reach more than the primary's, so the primary answers (and refuses).
    await cluster.pauseReplay();
    try {
      await cluster.sql(
        cluster.ownerUrl,
        "update role_binding set revoked_at = now() where user_id = (select id from user_account where login = 'admin.zhenxing')",
      );
      const revoked = await ask(tolerant, FIGURES, { id: zhenxing }, 'admin.zhenxing');
      expect(revoked.extensions!.readFrom).toBe('primary');
      expect(revoked.data?.node ?? null).toBeNull();
    } finally {
      await cluster.resumeReplay();
      await cluster.sql(
        cluster.ownerUrl,
        "update role_binding set revoked_at = null where user_id = (select id from user_account where login = 'admin.zhenxing')",
      );
      await cluster.caughtUp();
    }
    // The replica's transaction is read-only and carries the caller's own signed grant: as
    // lianxin_app without a grant nothing of a tenant table is visible there.
    const [row] = await cluster.sql<{ n: number; ro: string }>(
      cluster.replicaAppUrl,
      "select count(*)::int as n, current_setting('transaction_read_only') as ro from community",
    );
    expect(row).toEqual({ n: 0, ro: 'on' });
  });
});
