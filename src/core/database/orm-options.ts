import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { Logger } from '../logger';
import { entities } from './entity-registry';
import { AuditRecorder } from '../audit/recorder';
import { migrationsList } from './migrations-list';
import { installTransactionEdges } from '../data/transaction-edges';

export interface OrmOptionsInput {
  clientUrl: string;
  poolMax?: number;
  logger?: Logger;
  /** Streaming replicas (the API's own ORM only): read by stale-tolerant queries, never implicitly. */
  replicaUrls?: readonly string[];
}

/** The one MikroORM configuration: explicit entities, explicit migrations, UTC, no globals. */
export function ormOptions({ clientUrl, poolMax = 10, logger, replicaUrls = [] }: OrmOptionsInput): Options {
  return defineConfig({
    clientUrl,
    // MikroORM's read replicas, each with a pool like the primary's. MikroORM would send every read
    // outside a transaction to them by default; here only a request that core/database/replicas.ts
    // routes there reads them (a stale-tolerant query, its principal not a recent writer, the
    // replica not too far behind).
    replicas: replicaUrls.map((url, i) => ({ name: `replica${i + 1}`, clientUrl: url })),
    preferReadReplicas: false,
    entities: entities() as Options['entities'],
    extensions: [Migrator],
    subscribers: [new AuditRecorder()],
    discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
    allowGlobalContext: false,
    forceUtcTimezone: true,
    timezone: '+00:00',
    pool: {
      min: 0,
      max: poolMax,
      // BEGIN and COMMIT ride with the transaction's statements (core/data/transaction-edges.ts).
      afterCreate: (connection: Parameters<typeof installTransactionEdges>[0], done: (err: Error | null, connection: unknown) => void) => {
        installTransactionEdges(connection);
        done(null, connection);
      },
    },
    debug: false,
    logger: (message) => logger?.debug(message),
    migrations: {
      migrationsList,
      tableName: 'mikro_orm_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      path: 'migrations',
      pathTs: 'migrations',
      emit: 'ts',
    },
    // Tables named lianxin_* are the platform's own machinery (signing key, sessions, query budgets, sign-in limits…), kept by
    // migrations and SQL functions, never mapped to entities.
    // The job queue's schema is graphile-worker's, migrated by it (core/jobs/install.ts).
    schemaGenerator: {
      disableForeignKeys: false,
      createForeignKeyConstraints: true,
      skipTables: [/^lianxin_/],
      ignoreSchema: ['graphile_worker'],
    },
  });
}
