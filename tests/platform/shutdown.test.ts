import WebSocket from 'ws';
import { createTestDatabase, dropTestDatabase, sql } from '../support/databases';
import { startTestApp } from '../support/test-app';

/*
 * Shutdown closes everything the instance opened: the HTTP and WebSocket sockets (a client that
 * never answers the close frame is cut, not waited for), the LISTEN connection, the job runner and
 * its pool, the limits pool and the request pool. What is left open keeps a process (or a jest
 * worker) from exiting.
 */

describe('shutdown', () => {
  it('leaves no connection to the database and no WebSocket open, even with a client that never answers', async () => {
    const database = await createTestDatabase('demo');
    try {
      const app = await startTestApp({ database });
      await app.jobs.start();
      const token = await app.tokenFor('leader.xinyuan');
      // A raw graphql-ws client: acknowledged, subscribed (so the instance LISTENs), then deaf.
      const socket = new WebSocket(app.url.replace('http://', 'ws://'), 'graphql-transport-ws');
      const messages: Array<{ type: string }> = [];
      socket.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString('utf8')) as { type: string }));
      const socketClosed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
      await new Promise<void>((resolve, reject) => {
        socket.once('open', () => resolve());
        socket.once('error', reject);
      });
      socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
      for (
        const end = Date.now() + 60_000;
        !messages.some((m) => m.type === 'connection_ack');
        await new Promise((r) => setTimeout(r, 20))
      ) {
        if (Date.now() > end) throw new Error(`no connection_ack: ${JSON.stringify(messages)}`);
      }
      socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription Changes { issueChanged { kind } }' } }));
      for (const end = Date.now() + 60_000; app.live.listener.listening('issue') === 0; await new Promise((r) => setTimeout(r, 20))) {
        if (Date.now() > end) throw new Error(`never subscribed: ${JSON.stringify(messages)}`);
      }
      (socket as unknown as { _socket: { pause(): void } })._socket.pause();

      await app.close();

      expect(app.live.server.connections).toBe(0);
      // A backend leaves pg_stat_activity a moment after its client hung up: wait for that, not for a leak.
      let left: Array<{ application_name: string; usename: string }> = [];
      for (const end = Date.now() + 10_000; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
        left = await sql<{ application_name: string; usename: string }>(
          database,
          'select application_name, usename from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
        );
        if (left.length === 0) break;
      }
      expect(left).toEqual([]);
      // The client hears of it once it reads its socket again.
      (socket as unknown as { _socket: { resume(): void } })._socket.resume();
      await socketClosed;
    } finally {
      await dropTestDatabase(database);
    }
  });
});
