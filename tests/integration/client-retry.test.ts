import { createClient, LianxinError } from '../../clients/typescript/client';
import { UpsertRegisterCompoundsDocument } from '../../clients/typescript/generated/graphql';
import { BindServiceAccountSystemDocument, CreateApiKeyDocument } from '../generated/graphql';
import { sql } from '../support/databases';
import { DEMO } from '../support/demo';
import { gid, ok, startTestApp, type TestApp } from '../support/test-app';

const SYSTEM = 'taiyuan-population';

/*
 * The typed client's retries against a real server: an answer lost on the way (the server ran the
 * mutation, the script never heard) is asked for again with the same Idempotency-Key, and the
 * server replays it instead of running it twice. Errors that a retry cannot fix are not retried.
 */
describe('clients/typescript: retries with the same Idempotency-Key', () => {
  let app: TestApp;
  let apiKey: string;
  let community: string;

  beforeAll(async () => {
    app = await startTestApp();
    const [account] = await sql<{ id: number }>(app.database, "select id from service_account where name = 'sync.yongkangbeilu'");
    const serviceAccountId = gid('ServiceAccount', account.id);
    apiKey = ok(await app.request(CreateApiKeyDocument, { input: { serviceAccountId } })).createApiKey.secret!;
    ok(await app.request(BindServiceAccountSystemDocument, { input: { serviceAccountId, system: SYSTEM } }));
    const [c] = await sql<{ id: number }>(app.database, 'select id from community where name = $1', [DEMO.yongkang]);
    community = gid('Community', c.id);
  });
  afterAll(() => app.close());

  it('replays a mutation whose answer was lost, creating nothing twice', async () => {
    const keys: string[] = [];
    let lost = 1;
    const flaky: typeof fetch = async (url, init) => {
      keys.push(new Headers(init?.headers).get('idempotency-key') ?? '');
      const res = await fetch(url, init);
      if (lost-- > 0) {
        await res.text();
        throw new TypeError('fetch failed: connection reset');
      }
      return res;
    };
    const client = createClient({ url: app.url, apiKey, fetch: flaky, sleep: async () => undefined });
    const input = {
      communityId: community,
      system: SYSTEM,
      items: [{ externalId: 'CP-RETRY', name: '重试小区', propertyMode: 'NONE' as const }],
    };
    const answer = await client.request(UpsertRegisterCompoundsDocument, { input });
    // The server created it on the first try; the retry is the replay of that answer.
    expect(answer.upsertCompounds.results.map((r) => r.status)).toEqual(['CREATED']);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    const [{ n }] = await sql<{ n: string }>(app.database, "select count(*) as n from compound where name = '重试小区'");
    expect(Number(n)).toBe(1);
  });

  it('does not retry what a retry cannot fix (FORBIDDEN)', async () => {
    const sent: Array<string | null> = [];
    const counting: typeof fetch = async (url, init) => {
      sent.push(new Headers(init?.headers).get('idempotency-key'));
      return fetch(url, init);
    };
    const client = createClient({ url: app.url, apiKey, fetch: counting, sleep: async () => undefined });
    const input = { communityId: community, system: 'taiyuan-grid', items: [] };
    await expect(client.request(UpsertRegisterCompoundsDocument, { input })).rejects.toThrow(LianxinError);
    expect(sent).toHaveLength(1);
  });
});
