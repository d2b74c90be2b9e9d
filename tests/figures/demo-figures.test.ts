import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from '../support/databases';
import { DEMO } from '../support/demo';
import { gid, ok, startTestApp, type TestApp } from '../support/test-app';
import type { Figures } from './queries';

/*
 * The README's "For district offices" section, run as written: its query as district.xiaodian, and
 * the demo figures its prose states (the articles' figures) read back from the API.
 */
function section(): { query: string; login: string; prose: string } {
  const readme = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
  const start = readme.indexOf('## For district offices');
  const text = readme.slice(start, readme.indexOf('\n## ', start + 10));
  const block = /```graphql\n([\s\S]*?)```/.exec(text)![1];
  return { query: block, login: /^# as ([a-z.]+)/.exec(block)![1], prose: text.replace(/```[\s\S]*?```/g, '').replace(/\s+/g, ' ') };
}

const COMMUNITY_FIGURES = `query CommunityFigures($id: ID!, $period: FiguresPeriod!) {
  node(id: $id) { ... on Community { figures(period: $period) { breakdown { name fees { collectionRate { value suppressed } } } } } }
}`;

describe('the README section for district offices', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('reads the articles’ figures on the demo data, as the README states them', async () => {
    const { query, login, prose } = section();
    const [district] = await sql<{ id: number }>(app.database, "select id from district where name = '小店区'");
    const res = await app.request<{ node: { figures: Figures } }, Record<string, unknown>>(
      query,
      { district: gid('District', district.id) },
      { as: login },
    );
    const figures = ok(res).node.figures;
    const row = (name: string) => figures.breakdown.find((r: Figures) => r.name === name);

    const m =
      /永康北路社区 reads (\d+) compounds, (\d+) without property management, (\d+) standalone \((\d+) of them graduated\) and (\d+) in (\d+) joint branches/.exec(
        prose,
      )!;
    const [compounds, withoutPm, standalone, graduated, joint, jointBranches] = m.slice(1).map(Number);
    // The article's figures: 8 standalone branches and 35 compounds in 2 joint branches, one of which graduated since.
    expect([compounds, withoutPm, standalone, graduated, joint, jointBranches]).toEqual([63, 43, 9, 1, 34, 2]);
    const yongkang = row(DEMO.yongkang);
    expect(yongkang.coverage.compounds).toBe(compounds);
    expect(yongkang.property.withoutPropertyManagement).toBe(withoutPm);
    expect(yongkang.coverage.standaloneCompounds).toBe(standalone);
    expect(yongkang.coverage.graduatedCompounds).toBe(graduated);
    expect(yongkang.coverage.jointCompounds).toBe(joint);
    expect(yongkang.coverage.jointBranches).toBe(jointBranches);

    const red = Number(/in 高新区, 振兴社区 reads (\d+) courtyards under red property management/.exec(prose)![1]);
    expect(red).toBe(11);
    const [gaoxin] = await sql<{ id: number }>(app.database, "select id from district where name = '高新区'");
    const other = ok(
      await app.request<{ node: { figures: Figures } }, Record<string, unknown>>(
        query,
        { district: gid('District', gaoxin.id) },
        { as: 'district.gaoxin' },
      ),
    ).node.figures;
    const zhenxing = other.breakdown.find((r: Figures) => r.name === DEMO.zhenxing);
    expect(zhenxing.property.redPropertyCompounds).toBe(red);
    expect(zhenxing.coverage.compounds).toBe(red);
    expect(figures.series).toHaveLength(22);

    const x = /馨园's collection .*? reads (\d+) % in (\d{4}-\d{2}) and (\d+) % in (\d{4}-\d{2})/.exec(prose)!;
    expect([Number(x[1]), Number(x[3])]).toEqual([28, 100]);
    const [community] = await sql<{ id: number }>(app.database, 'select id from community where name = $1', [DEMO.yongkang]);
    for (const [percent, period] of [
      [x[1], x[2]],
      [x[3], x[4]],
    ]) {
      const answer = ok(
        await app.request<{ node: { figures: Figures } }, Record<string, unknown>>(
          COMMUNITY_FIGURES,
          { id: gid('Community', community.id), period },
          { as: 'admin.yongkangbeilu' },
        ),
      );
      const xinyuan = answer.node.figures.breakdown.find((r: Figures) => r.name === DEMO.xinyuan);
      expect(Math.round(xinyuan.fees.collectionRate.value * 100)).toBe(Number(percent));
    }
  });
});
