import { CommunitiesDocument, NodeByIdDocument } from '../generated/graphql';
import { createLogger } from '../../src/core/logger';
import { heldAnswers } from '../../src/core/http/json-answer';
import { sql } from '../support/databases';
import { codes, gid, ok, startTestApp, type TestApp } from '../support/test-app';

describe('the HTTP surface and error masking', () => {
  let app: TestApp;
  let production: TestApp;
  const logged: string[] = [];
  beforeAll(async () => {
    app = await startTestApp({ template: 'schema' });
    production = await startTestApp({
      template: 'schema',
      env: { NODE_ENV: 'production', CORS_ORIGINS: 'https://frontend.example.org' },
      logger: createLogger('error', (line) => logged.push(line)),
    });
  });
  afterAll(async () => {
    await app.close();
    await production.close();
  });

  it('answers every GraphQL response with a request id (header and extensions) and, outside production, the statement count', async () => {
    const res = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ districts { totalCount } }' }),
    });
    const body = (await res.json()) as { extensions: { requestId: string; sqlStatements: number } };
    expect(res.headers.get('x-request-id')).toBe(body.extensions.requestId);
    expect(body.extensions.sqlStatements).toBe(2); // authentication (anonymous here), then the count
    const prod = await production.request(CommunitiesDocument, {});
    expect(prod.extensions).toEqual({
      requestId: expect.any(String),
      cost: expect.objectContaining({ requestedQueryCost: expect.any(Number) }),
    });
  });

  it('masks unexpected failures as INTERNAL_SERVER_ERROR with the request id, never the detail', async () => {
    // Break the database under the running server: the next read fails inside PostgreSQL.
    await sql(production.database, 'alter table district rename to district_gone');
    try {
      const res = await production.request<unknown, Record<string, never>>('{ districts { totalCount } }', {}, { as: null });
      expect(codes(res)).toEqual(['INTERNAL_SERVER_ERROR']);
      const [error] = res.errors!;
      expect(error.message).toBe('Internal server error');
      expect(error.extensions.requestId).toBe(res.extensions?.requestId);
      expect(JSON.stringify(res)).not.toMatch(/district_gone|relation|stack|\.ts:/);
      // The detail goes to the log, under the same request id.
      const line = logged.find((l) => l.includes(res.extensions!.requestId));
      expect(JSON.parse(line!)).toMatchObject({
        level: 'error',
        msg: 'internal error',
        message: expect.stringContaining('relation "district" does not exist'),
      });
    } finally {
      await sql(production.database, 'alter table district_gone rename to district');
    }
  });

  it('masks a failure before execution (in the first statement of the request) the same way', async () => {
    await sql(production.database, 'alter table community rename to community_gone');
    try {
      const res = await production.request(CommunitiesDocument, {});
      expect(res.status).toBe(500);
      expect(res.errors).toEqual([
        { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: res.extensions!.requestId } },
      ]);
      expect(logged.some((l) => l.includes(res.extensions!.requestId) && l.includes('community'))).toBe(true);
    } finally {
      await sql(production.database, 'alter table community_gone rename to community');
    }
  });

  it('never sends stack traces in production, and does outside it', async () => {
    const prod = await production.request(NodeByIdDocument, { id: 'bad id' });
    expect(codes(prod)).toEqual(['BAD_USER_INPUT']);
    expect(prod.errors![0].extensions.stacktrace).toBeUndefined();
    const dev = await app.request(NodeByIdDocument, { id: 'bad id' });
    expect(dev.errors![0].extensions.stacktrace).toEqual(expect.any(Array));
  });

  it('refuses bad requests with a clear status: invalid JSON, an oversized body, a GET mutation, an unknown path', async () => {
    const invalid = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(invalid.status).toBe(400);
    const huge = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ districts { totalCount } } #${'x'.repeat(1_100_000)}` }),
    });
    expect(huge.status).toBe(413);
    const getMutation = await fetch(
      `${app.url}?query=${encodeURIComponent('mutation { archiveNode(input: {id: "x"}) { userErrors { code } } }')}`,
      {
        headers: { 'apollo-require-preflight': 'true' },
      },
    );
    expect(getMutation.status).toBe(405);
    const unknown = await fetch(app.url.replace('/graphql', '/nope'));
    expect(unknown.status).toBe(404);
  });

  it('sends every answer as the JSON text Apollo would, with its length, and keeps no answer once it is sent', async () => {
    const post = (body: string) => fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const answers = await Promise.all([
      // Wide enough (≈ 150 KB) to be encoded in groups of list elements.
      post(JSON.stringify({ query: '{ __schema { types { name description fields { name description args { name description } } } } }' })),
      post(JSON.stringify({ query: '{ districts { totalCount } }' })),
      post(JSON.stringify({ query: '{ districts { nope } }' })),
      post(JSON.stringify({ query: '{ districts { ' })),
    ]);
    const bodies: Array<{ data?: Record<string, unknown>; errors?: Array<{ extensions: { code: string } }> }> = [];
    for (const res of answers) {
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(Number(res.headers.get('content-length'))).toBe(bytes.length);
      const text = bytes.toString('utf8');
      expect(text).toBe(`${JSON.stringify(JSON.parse(text))}\n`);
      bodies.push(JSON.parse(text) as (typeof bodies)[number]);
    }
    // Each request got its own answer.
    expect(Object.keys(bodies[0].data!)).toEqual(['__schema']);
    expect(bodies[1].data).toEqual({ districts: { totalCount: expect.any(Number) } });
    expect(bodies.slice(2).map((b) => b.errors?.[0].extensions.code)).toEqual(['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED']);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 400, 400]);
    expect(Number(answers[0].headers.get('content-length'))).toBeGreaterThan(100_000);
    expect(heldAnswers()).toBe(0);
  });

  it('answers variables of the wrong type and unknown fields as the client’s mistake, not an internal error', async () => {
    const res = await app.request<unknown, { n: unknown }>('query Page($n: Int) { districts(first: $n) { totalCount } }', { n: 'ten' });
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    const missing = await app.request<unknown, Record<string, never>>('query Need($id: ID!) { node(id: $id) { id } }', {});
    expect(codes(missing)).toEqual(['BAD_USER_INPUT']);
    const unknown = await app.request<unknown, Record<string, never>>('{ districts { nope } }');
    expect(codes(unknown)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    const garbled = await app.request<unknown, Record<string, never>>('{ districts { ');
    expect(codes(garbled)).toEqual(['GRAPHQL_PARSE_FAILED']);
  });

  it('refuses text that is not valid Unicode (a lone surrogate) as the client’s mistake, before anything runs; a surrogate pair is text', async () => {
    const CREATE = 'mutation($i: CreateDistrictInput!) { createDistrict(input: $i) { district { name } userErrors { code } } }';
    const token = await app.tokenFor('platform.admin');
    const send = (name: string) =>
      fetch(app.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        // JSON.stringify writes a lone surrogate as the escape \ud800, which JSON.parse gives back as one.
        body: JSON.stringify({ query: CREATE, variables: { i: { name, city: '测试市' } } }),
      });
    const refused = await send('坏\ud800区');
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as { errors: Array<{ message: string; extensions: { code: string; variable: string } }> };
    expect(body.errors.map((e) => [e.extensions.code, e.extensions.variable])).toEqual([['BAD_USER_INPUT', '$i.name']]);
    expect(await sql(app.database, "select id from district where city = '测试市'")).toEqual([]);
    const pair = await app.request<{ createDistrict: { district: { name: string } } }, Record<string, unknown>>(
      CREATE,
      { i: { name: '笑脸😀区', city: '测试市' } },
      { as: 'platform.admin' },
    );
    expect(ok(pair).createDistrict.district.name).toBe('笑脸😀区');
  });

  it('reports liveness and database readiness', async () => {
    const base = app.url.replace('/graphql', '');
    expect(await (await fetch(`${base}/health`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(200);
  });

  it('answers CORS preflights so browser frontends can call the API', async () => {
    const res = await fetch(app.url, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example.org', 'access-control-request-method': 'POST' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-headers')).toContain('authorization');
  });

  it('in production, answers no browser origin it was not given, offers no introspection and no sandbox, and shows no stack', async () => {
    const preflight = await fetch(production.url, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example.org', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const introspection = await production.request('{ __schema { queryType { name } } }', {});
    expect(codes(introspection)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    const sandbox = await fetch(production.url, { headers: { accept: 'text/html' } });
    expect(await sandbox.text()).not.toMatch(/sandbox|embeddable-explorer/i);
    const bad = await production.request('{ community(id: "nonsense") { name } }', {});
    expect(bad.errors?.[0].extensions.stacktrace).toBeUndefined();
    // Outside production (on loopback) the sandbox and introspection are there.
    expect(codes(await app.request('{ __schema { queryType { name } } }', {}))).toEqual([]);
  });

  it('in production, suggests no names from the schema in its errors (introspection is off); outside production it does', async () => {
    const messages = (res: { errors?: Array<{ message: string }> }) => (res.errors ?? []).map((e) => e.message).join(' | ');
    // A misspelt field and a misspelt enum value.
    const field = 'mutation { creatApiKey { x } }';
    const value = '{ viewer { can(capability: READ_STRUCTUR) } }';
    const answers = [await production.request(field, {}), await production.request(value, {})];
    expect(answers.map((a) => a.errors?.length ?? 0).every((n) => n > 0)).toBe(true);
    for (const answer of answers) expect(messages(answer)).not.toMatch(/Did you mean|createApiKey|READ_STRUCTURE/);
    expect(messages(await app.request(field, {}))).toMatch(/Did you mean "createApiKey"/);
    expect(messages(await app.request(value, {}))).toMatch(/Did you mean the enum value "READ_STRUCTURE"/);
  });

  it('in production, answers browsers from the listed origins only (CORS_ORIGINS), naming the origin, never *', async () => {
    const preflight = (origin: string) =>
      fetch(production.url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
    const listed = await preflight('https://frontend.example.org');
    expect(listed.status).toBe(204);
    expect(listed.headers.get('access-control-allow-origin')).toBe('https://frontend.example.org');
    expect(listed.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(listed.headers.get('vary')).toMatch(/origin/i);
    for (const origin of ['https://frontend.example.org.evil.example', 'http://frontend.example.org', 'https://evil.example'])
      expect((await preflight(origin)).headers.get('access-control-allow-origin')).toBeNull();
    const post = (origin: string) =>
      fetch(production.url, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ districts { totalCount } }' }),
      });
    expect((await post('https://frontend.example.org')).headers.get('access-control-allow-origin')).toBe('https://frontend.example.org');
    expect((await post('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('names every request itself: a client’s x-request-id is kept beside the server’s, never used as it', async () => {
    const sent = 'client-chosen-id-0001';
    const res = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': sent },
      body: JSON.stringify({ query: '{ districts { totalCount } }' }),
    });
    const body = (await res.json()) as { extensions: { requestId: string; clientRequestId: string } };
    expect(body.extensions.requestId).not.toBe(sent);
    expect(body.extensions.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.extensions.clientRequestId).toBe(sent);
    expect(res.headers.get('x-request-id')).toBe(body.extensions.requestId);
  });

  it('runs each request in its own transaction: a failed request leaves nothing half-done', async () => {
    const res = await app.request(NodeByIdDocument, { id: gid('Community', 1) });
    expect(res.errors).toBeUndefined();
    const open = await sql<{ n: number }>(
      app.database,
      "select count(*)::int as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'",
    );
    expect(open[0].n).toBe(0);
  });
});
