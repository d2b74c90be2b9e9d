import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/*
 * Every server process keeps the source text of each module it loaded. The chart library (≈ 8 MB
 * in the heap) and the spreadsheet writer (≈ 3 MB with its zip libraries) serve two report routes,
 * so they are loaded by the first report drawn (tests/figures: report-page, spreadsheets), not at
 * start. This holds it for the compiled server, as production runs it.
 */
describe('modules loaded at start', () => {
  it('leave out the chart and spreadsheet libraries until a report asks for them', () => {
    const app = path.resolve(__dirname, '../../dist/src/app.js');
    // `npm test` compiles dist/ before jest runs; jest alone may find none (or an old one).
    if (!existsSync(app)) throw new Error('dist/src/app.js is missing: run the suite with npm test, which builds it first');
    const script = `require('reflect-metadata'); require(${JSON.stringify(app)});
      const loaded = Object.keys(require.cache);
      process.stdout.write(JSON.stringify({
        app: loaded.some((f) => f.endsWith('/src/modules/figures/figures.report.js')),
        heavy: loaded.filter((f) => /node_modules\\/(echarts|exceljs|zrender)\\//.test(f)).length,
      }));`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: path.resolve(__dirname, '../..'), encoding: 'utf8' })) as {
      app: boolean;
      heavy: number;
    };
    expect(out).toEqual({ app: true, heavy: 0 });
  });
});
