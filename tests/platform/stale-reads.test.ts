import '../../src/platform';
import { getOperationAST, parse } from 'graphql';
import { StaleReads } from '../../src/core/graphql/stale-reads';
import { platform } from '../../src/platform';
import { buildApiSchema } from '../../src/schema';
import { PAGE_QUERY } from '../../src/modules/figures/figures.page';
import { REPORT_QUERY } from '../../src/modules/figures/figures.report';

/* The modules' stale-tolerant declarations against the real schema (the rules: tests/core/stale-reads.unit.test.ts). */

describe("the API's declarations", () => {
  it('send the district report, its spreadsheet and the printable page to a replica, and a household list to the primary', async () => {
    const api = new StaleReads(await buildApiSchema(), platform.staleReads);
    const check = (text: string) => {
      const document = parse(text);
      return api.allows(document, getOperationAST(document)!);
    };
    expect(api.fields).toEqual(['Community.figures', 'District.figures', 'Street.figures']);
    expect(check(REPORT_QUERY)).toBe(true);
    expect(check(PAGE_QUERY)).toBe(true);
    expect(check('query($id: ID!) { node(id: $id) { ... on Compound { households(first: 5) { nodes { id } } } } }')).toBe(false);
  });
});
