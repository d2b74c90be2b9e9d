import WebSocket from 'ws';
import { startTestApp, type TestApp } from '../support/test-app';

/*
 * Browsers apply no CORS to WebSockets: a page on any site may open one to the API. The upgrade
 * holds the same CORS_ORIGINS list as HTTP — a listed origin, or a client that sends none (an
 * integration script), is served; any other origin is refused before the handshake.
 */
describe('WebSocket upgrades and CORS_ORIGINS', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { CORS_ORIGINS: 'https://app.example.org' } });
  });
  afterAll(() => app.close());

  /** The connection_ack, or the HTTP status that refused the upgrade. */
  async function handshake(origin?: string): Promise<{ acked: true } | { status: number } | { closed: number }> {
    const authorization = `Bearer ${await app.tokenFor('admin.yongkangbeilu')}`;
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(app.url.replace('http://', 'ws://'), 'graphql-transport-ws', origin ? { origin } : {});
      ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization } })));
      ws.on('message', (data) => {
        const message = JSON.parse(String(data)) as { type: string };
        if (message.type === 'connection_ack') {
          ws.close();
          resolve({ acked: true });
        }
      });
      ws.on('unexpected-response', (_req, res) => {
        resolve({ status: res.statusCode ?? 0 });
        ws.terminate();
      });
      ws.on('close', (code) => resolve({ closed: code }));
      ws.on('error', (err) => reject(err));
    });
  }

  it('serves a listed origin and clients without one, and refuses any other origin', async () => {
    expect(await handshake('https://app.example.org')).toEqual({ acked: true });
    expect(await handshake()).toEqual({ acked: true });
    expect(await handshake('https://evil.example.com')).toEqual({ status: 403 });
    expect(await handshake('https://app.example.org.evil.example.com')).toEqual({ status: 403 });
  });
});
