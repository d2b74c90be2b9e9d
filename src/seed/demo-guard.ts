import type { MikroORM } from '@mikro-orm/postgresql';
import { verifyPassword } from '../core/auth/passwords';
import { DEMO_LOGINS, DEMO_PASSWORD } from './demo-principals';

/**
 * The demo logins of this database that still accept the published demo password (and are not
 * disabled). A server that other machines can reach, or that runs in production, refuses to start
 * while any is left: their password is in the README.
 */
export async function demoLoginsWithPublishedPassword(orm: MikroORM): Promise<string[]> {
  const found: string[] = [];
  const connection = orm.em.getConnection();
  for (const login of DEMO_LOGINS) {
    const rows = await connection.execute<Array<{ password_hash: string | null }>>('select password_hash from lianxin_login_lookup(?)', [
      login,
    ]);
    if (rows[0]?.password_hash && (await verifyPassword(DEMO_PASSWORD, rows[0].password_hash))) found.push(login);
  }
  return found;
}
