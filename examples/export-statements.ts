import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createClient, LianxinError, type LianxinClient } from '../clients/typescript/client';
import { CommunityStatementsDocument, type CommunityStatementsQuery } from '../clients/typescript/generated/graphql';

/*
 * Downloads a month's published statements (月度公示) of a community: for each compound, the
 * statement of its co-managed account for that month — figures as JSON, and the printable
 * notice-board page (GET documentPath with the same Authorization header) as HTML. Drafts are never
 * exported: only what was published, frozen and hashed is disclosure. An account pooled per joint
 * branch shows its one statement under each of its compounds; it is exported once.
 *
 * The token needs READ_DISCLOSURES over the compounds (a community or finance role; the INTEGRATION
 * role of a sync service account does not carry it).
 *
 *   npx tsc -p tsconfig.json
 *   LIANXIN_URL=http://localhost:4000/graphql LIANXIN_API_KEY=… COMMUNITY_ID=… MONTH=2026-02 \
 *     node dist/examples/export-statements.js out/
 */

export interface ExportedStatement {
  id: string;
  month: string;
  placeName: string;
  compounds: string[];
  openingBalanceFen: number;
  incomeFen: number;
  expenseFen: number;
  closingBalanceFen: number;
  contentHash: string | null;
  publishedAt: string | null;
  verified: boolean;
  documentPath: string;
}

/** The published statements of `month` (YYYY-MM or YYYY-MM-DD) across the community's compounds. */
export async function publishedStatements(client: LianxinClient, communityId: string, month: string): Promise<ExportedStatement[]> {
  const first = `${month.slice(0, 7)}-01`;
  const found = new Map<string, ExportedStatement>();
  let after: string | null = null;
  for (;;) {
    const answer: CommunityStatementsQuery = await client.request(CommunityStatementsDocument, { communityId, after });
    const { node } = answer;
    if (!node || !('compounds' in node)) throw new LianxinError('NOT_FOUND', `no community ${communityId}`);
    for (const compound of node.compounds.nodes) {
      // A compound has one account and so at most 12 statements a year: the first 100 reach years back.
      for (const s of compound.monthlyStatements.nodes) {
        if (s.status !== 'PUBLISHED' || s.month !== first) continue;
        const known = found.get(s.id);
        if (known) known.compounds.push(compound.name);
        else {
          const { status: _status, ...fields } = s;
          found.set(s.id, { ...fields, compounds: [compound.name] });
        }
      }
    }
    if (!node.compounds.pageInfo.hasNextPage) break;
    after = node.compounds.pageInfo.endCursor ?? null;
  }
  return [...found.values()].sort((a, b) => a.placeName.localeCompare(b.placeName, 'zh'));
}

/** The printable page of a statement, fetched with the caller's own credentials. */
export async function statementDocument(
  graphqlUrl: string,
  apiKey: string,
  documentPath: string,
  send: typeof fetch = fetch,
): Promise<string> {
  const res = await send(new URL(documentPath, graphqlUrl), { headers: { authorization: `Bearer ${apiKey}` } });
  if (!res.ok) throw new LianxinError(`HTTP_${res.status}`, `could not download ${documentPath}`);
  return res.text();
}

/** Writes `<month>.json` (every statement's figures) and one `<month>-<n>.html` per statement into `dir`. */
export async function exportStatements(
  options: { url: string; apiKey: string; fetch?: typeof fetch },
  communityId: string,
  month: string,
  dir: string,
): Promise<{ statements: ExportedStatement[]; files: string[] }> {
  const client = createClient(options);
  const statements = await publishedStatements(client, communityId, month);
  mkdirSync(dir, { recursive: true });
  const stem = month.slice(0, 7);
  const files = [path.join(dir, `${stem}.json`)];
  writeFileSync(files[0], JSON.stringify(statements, null, 2));
  for (const [n, s] of statements.entries()) {
    const file = path.join(dir, `${stem}-${n + 1}.html`);
    writeFileSync(file, await statementDocument(options.url, options.apiKey, s.documentPath, options.fetch));
    files.push(file);
  }
  return { statements, files };
}

async function main(): Promise<void> {
  const { LIANXIN_URL, LIANXIN_API_KEY, COMMUNITY_ID, MONTH } = process.env;
  if (!LIANXIN_URL || !LIANXIN_API_KEY || !COMMUNITY_ID || !MONTH)
    throw new Error('set LIANXIN_URL, LIANXIN_API_KEY, COMMUNITY_ID and MONTH');
  const { statements, files } = await exportStatements(
    { url: LIANXIN_URL, apiKey: LIANXIN_API_KEY },
    COMMUNITY_ID,
    MONTH,
    process.argv[2] ?? '.',
  );
  for (const s of statements)
    console.log(`${s.month} ${s.placeName}: closing ${s.closingBalanceFen} fen, ${s.verified ? 'verified' : 'NOT VERIFIED'}`);
  console.log(`wrote ${files.join(', ')}`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
