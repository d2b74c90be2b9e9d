import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { ConfigError } from '../config';
import { hashPassword } from '../core/auth/passwords';
import { withTransaction } from '../core/database/owner-transaction';
import { openCliDatabase } from '../seed/cli-database';

/*
 * npm run admin:create -- --login <login> [--display-name <name>]
 * Creates the first platform administrator of a real deployment (demo logins never exist there).
 * The password comes from standard input when it is piped (`… < file`, or from a secret store);
 * otherwise one is generated and printed once. Only its scrypt hash is stored.
 */
const USAGE = 'usage: npm run admin:create -- --login <login> [--display-name <name>]  (password on stdin, or one is generated)';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

async function readStdin(): Promise<string | undefined> {
  if (process.stdin.isTTY) return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  return text === '' ? undefined : text;
}

async function main(): Promise<void> {
  const login = option('login')?.trim().toLowerCase();
  if (!login || !/^[a-z0-9][a-z0-9._-]{1,63}$/.test(login)) throw new ConfigError(USAGE);
  const displayName = option('display-name')?.trim() || login;
  const given = await readStdin();
  if (given !== undefined && [...given].length < 10) throw new ConfigError('the password must have at least 10 characters');
  const password = given ?? randomBytes(18).toString('base64url');
  const { orm, close } = await openCliDatabase();
  try {
    const hash = await hashPassword(password);
    await withTransaction(orm.config.getClientUrl(), async (client) => {
      const taken = await client.query('select 1 from user_account where login = $1', [login]);
      if (taken.rowCount) throw new ConfigError(`a user named ${login} exists already`);
      const { rows } = await client.query<{ id: number }>(
        'insert into user_account (login, display_name, password_hash) values ($1, $2, $3) returning id',
        [login, displayName, hash],
      );
      await client.query("insert into role_binding (user_id, role, scope_type) values ($1, 'PLATFORM_ADMIN', 'PLATFORM')", [rows[0].id]);
    });
    process.stdout.write(`created the platform administrator ${login}\n`);
    if (given === undefined) process.stdout.write(`password (shown once; change it with changePassword): ${password}\n`);
  } finally {
    await close();
  }
}

main().catch((err) => {
  process.stderr.write(`admin:create: ${err instanceof ConfigError ? err.message : (err as Error).stack}\n`);
  process.exit(1);
});
