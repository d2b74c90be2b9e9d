import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import pg from 'pg';

/*
 * The floor: node:http + pg, no GraphQL. It takes the same POST /graphql bodies as the API, picks
 * bench/queries/<operationName>.sql and answers with ONE prepared statement whose single text
 * column is the whole response, JSON built by PostgreSQL. $1 is the variables object as jsonb.
 * Env: DATABASE_URL, PORT, PG_POOL_MAX.
 */
const dir = path.resolve(__dirname, '../../bench/queries');
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.PG_POOL_MAX ?? 10) });
const statements = new Map<string, { name: string; text: string }>();
for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql'))) {
  const op = file.slice(0, -4);
  statements.set(op, { name: `floor_${op}`, text: readFileSync(path.join(dir, file), 'utf8') });
}

const server = createServer((req, res) => {
  const send = (status: number, body: string) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
  if (req.method !== 'POST') return send(200, '{"ok":true}');
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    void (async () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { operationName?: string; query?: string; variables?: unknown };
        const op = body.operationName ?? /\bquery\s+(\w+)/.exec(body.query ?? '')?.[1] ?? '';
        const statement = statements.get(op);
        if (!statement) return send(400, JSON.stringify({ errors: [{ message: `no SQL for ${op}` }] }));
        const result = await pool.query<{ body: string }>({
          name: statement.name,
          text: statement.text,
          values: [JSON.stringify(body.variables ?? {})],
        });
        send(200, result.rows[0].body);
      } catch (err) {
        send(500, JSON.stringify({ errors: [{ message: (err as Error).message }] }));
      }
    })();
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT ?? 5100), '127.0.0.1', () => console.log(`floor ready (${[...statements.keys()].join(', ')})`));
const stop = () => {
  server.closeAllConnections();
  server.close(() => void pool.end().finally(() => process.exit(0)));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
