import pg from 'pg';
import { ConfigError } from '../../config';

/* Kept free of entity imports: the test runner's global setup uses it (see tests/setup). */

function describe(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || 5432}/${u.pathname.slice(1)}`;
}

/** Connects once with a short timeout, turning the usual failures into one actionable line. */
export async function checkConnection(url: string, variable = 'DATABASE_URL'): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { code?: string };
    const where = describe(url);
    const hints: Record<string, string> = {
      ECONNREFUSED: 'nothing is listening there; start PostgreSQL or fix the host and port',
      ENOTFOUND: 'the host name does not resolve',
      ETIMEDOUT: 'the connection timed out',
      '3D000': 'the database does not exist; create it (createdb) or name another one',
      '28P01': 'the password was refused',
      '28000': 'the server refused this user',
    };
    const hint = (e.code && hints[e.code]) || e.message;
    throw new ConfigError(`cannot connect to ${variable} (${where}): ${hint}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
