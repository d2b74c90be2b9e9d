import type { EntityManager } from '@mikro-orm/postgresql';
import { RESIDENT_READING_ROLES } from '../../src/core/auth/capabilities';
import { sql } from './databases';
import type { TestApp } from './test-app';

/**
 * Runs `work` in a transaction begun as the server begins a request of the user (a fresh session,
 * lianxin_begin_request with the roles that read residents), so what it reads is what that user's
 * request would read under row-level security; rolled back afterwards, whatever happens.
 */
export async function inRequestOf<T>(app: TestApp, userId: number, work: (em: EntityManager) => Promise<T>): Promise<T> {
  const [session] = await sql<{ secret: string }>(app.database, 'select lianxin_open_session($1, 3600) as secret', [userId]);
  const em: EntityManager = app.orm.em.fork({ clear: true, useContext: false });
  await em.begin();
  try {
    await em.execute("select lianxin_begin_request('user', ?, ?, now(), string_to_array(?, ','))", [
      String(userId),
      session.secret,
      RESIDENT_READING_ROLES.join(','),
    ]);
    return await work(em);
  } finally {
    await em.rollback();
  }
}
