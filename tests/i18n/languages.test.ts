import { createClient, type ExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';
import { gid, startTestApp, type TestApp } from '../support/test-app';

/*
 * What a caller sees in each language: the same request answered in English (the default, and on
 * Accept-Language: en) and in Chinese (Accept-Language: zh), codes and fields unchanged.
 */
const ZH = { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5' };
const EN = { 'accept-language': 'en-US,en;q=0.9,zh;q=0.3' };

const CREATE_STREET = `mutation ($input: CreateStreetInput!) { createStreet(input: $input) { street { id } userErrors { field code message } } }`;
const CREATE_DISTRICT = `mutation ($input: CreateDistrictInput!) { createDistrict(input: $input) { district { id } userErrors { field code message } } }`;
const LABELS = `query ($locale: Locale!, $names: [String!]) { enumLabels(locale: $locale, names: $names) { name values { value label } } }`;

interface Payload {
  userErrors: Array<{ field: string[]; code: string; message: string }>;
}

describe('Chinese and English', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ template: 'schema' });
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers the same failed lookup in English by default and in Chinese on Accept-Language: zh, with the same code', async () => {
    const input = { input: { districtId: gid('District', 987654), name: '殿前街道' } };
    const english = await app.request(CREATE_STREET, input);
    const alsoEnglish = await app.request(CREATE_STREET, input, { headers: EN });
    const chinese = await app.request(CREATE_STREET, input, { headers: ZH });
    expect(english.errors?.map((e) => [e.extensions.code, e.message])).toEqual([
      ['NOT_FOUND', expect.stringMatching(/^No .* with that ID$/)],
    ]);
    expect(alsoEnglish.errors?.map((e) => e.message)).toEqual(english.errors?.map((e) => e.message));
    expect(chinese.errors?.map((e) => [e.extensions.code, e.message, e.path])).toEqual([
      ['NOT_FOUND', '找不到该 ID 对应的对象（或它不属于您所在的社区）。', english.errors![0].path],
    ]);
  });

  it('answers a refused credential in Chinese too (before any GraphQL runs)', async () => {
    const res = await app.request('{ districts { totalCount } }', {}, { headers: { ...ZH, authorization: 'Bearer not-a-token' } });
    expect(res.status).toBe(401);
    expect(res.errors?.map((e) => [e.extensions.code, e.message])).toEqual([
      ['UNAUTHENTICATED', '登录信息缺失、无效或已过期，请重新登录。'],
    ]);
  });

  it('gives userErrors in Chinese on request, field and code unchanged, and changes nothing', async () => {
    const input = { input: { name: '   ', city: '太'.repeat(101) } };
    const english = await app.request<{ createDistrict: Payload }, typeof input>(CREATE_DISTRICT, input);
    const chinese = await app.request<{ createDistrict: Payload }, typeof input>(CREATE_DISTRICT, input, { headers: ZH });
    expect(english.data!.createDistrict.userErrors).toEqual(
      expect.arrayContaining([
        { field: ['name'], code: 'BLANK', message: 'name must not be blank' },
        { field: ['city'], code: 'TOO_LONG', message: 'city must be at most 100 characters' },
      ]),
    );
    expect(chinese.data!.createDistrict.userErrors).toEqual(
      expect.arrayContaining([
        { field: ['name'], code: 'BLANK', message: '必填项为空或只有空白字符。' },
        { field: ['city'], code: 'TOO_LONG', message: '超出该字段允许的长度（按字符计算）。' },
      ]),
    );
    const count = await app.request<{ districts: { totalCount: number } }, Record<string, never>>('{ districts { totalCount } }', {});
    expect(count.data!.districts.totalCount).toBe(0);
  });

  it('labels enum values for frontends: Chinese by default, English on request, for anyone', async () => {
    type Labels = { enumLabels: Array<{ name: string; values: Array<{ value: string; label: string }> }> };
    const zh = await app.request<Labels, { locale: string; names: string[] }>(
      `query ($names: [String!]) { enumLabels(names: $names) { name values { value label } } }`,
      { names: ['IssueStatus', 'UserErrorCode'] } as never,
      { as: null },
    );
    expect(zh.errors).toBeUndefined();
    expect(zh.data!.enumLabels.map((e) => e.name)).toEqual(['IssueStatus', 'UserErrorCode']);
    const status = zh.data!.enumLabels[0].values;
    expect(status).toContainEqual({ value: 'IN_PROGRESS', label: '办理中' });
    expect(status).toContainEqual({ value: 'REPORTED', label: '待受理' });
    expect(zh.data!.enumLabels[1].values).toContainEqual({ value: 'BLANK', label: '必填项为空或只有空白字符。' });

    const en = await app.request<Labels, { locale: string; names: string[] }>(
      LABELS,
      { locale: 'EN', names: ['IssueStatus'] },
      { as: null },
    );
    expect(en.data!.enumLabels[0].values).toContainEqual({ value: 'IN_PROGRESS', label: 'In progress' });

    const all = await app.request<Labels, { locale: string }>(LABELS, { locale: 'ZH' }, { as: null });
    const names = all.data!.enumLabels.map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['Capability', 'LedgerCategory', 'Role', 'Locale', 'VulnerabilityTag']));
    expect(all.data!.enumLabels.flatMap((e) => e.values).every((v) => v.label.length > 0)).toBe(true);
  });

  it('answers the printable pages in Chinese when the request names no language, in English on Accept-Language: en', async () => {
    const url = app.url.replace('/graphql', `/statements/${gid('MonthlyStatement', 987654)}`);
    const authorization = `Bearer ${await app.tokenFor('platform.admin')}`;
    const message = async (headers: Record<string, string>) => {
      const res = await fetch(url, { headers: { authorization, ...headers } });
      expect(res.status).toBe(404);
      return ((await res.json()) as { errors: Array<{ message: string; extensions: { code: string } }> }).errors[0];
    };
    expect(await message({})).toEqual({ message: '找不到该 ID 对应的对象（或它不属于您所在的社区）。', extensions: { code: 'NOT_FOUND' } });
    expect(await message({ 'accept-language': 'en-GB,en' })).toEqual({
      message: 'No statement with that ID',
      extensions: { code: 'NOT_FOUND' },
    });
  });

  it('answers subscription errors in the language connection_init asks for', async () => {
    const authorization = `Bearer ${await app.tokenFor('platform.admin')}`;
    const firstError = async (locale?: string) => {
      const client = createClient({
        url: app.url.replace('http://', 'ws://'),
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        connectionParams: locale ? { authorization, locale } : { authorization },
      });
      try {
        return await new Promise<{ message: string; code: unknown }>((resolve, reject) => {
          client.subscribe(
            { query: 'subscription ($id: ID) { issueChanged(issueId: $id) { kind } }', variables: { id: gid('ResidentIssue', 987654) } },
            {
              next: (result: ExecutionResult) => {
                const e = result.errors?.[0];
                if (e) resolve({ message: e.message, code: e.extensions?.code });
              },
              error: (err) => {
                const e = Array.isArray(err) ? err[0] : undefined;
                if (e) resolve({ message: e.message, code: e.extensions?.code });
                else reject(err instanceof Error ? err : new Error(JSON.stringify(err)));
              },
              complete: () => reject(new Error('completed without an error')),
            },
          );
        });
      } finally {
        await client.dispose();
      }
    };
    const english = await firstError();
    const chinese = await firstError('zh');
    expect(english.code).toBe('NOT_FOUND');
    expect(english.message).toMatch(/with that ID/);
    expect(chinese).toEqual({ code: 'NOT_FOUND', message: '找不到该 ID 对应的对象（或它不属于您所在的社区）。' });
  });
});
