import { readFileSync } from 'node:fs';
import { createClient, LianxinError, type LianxinClient } from '../clients/typescript/client';
import {
  ChangesSinceDocument,
  HouseholdByRegisterIdDocument,
  PersonByIdCardDocument,
  PersonByRegisterIdDocument,
  RecordPersonDocument,
  RecordRegisterIdDocument,
} from '../clients/typescript/generated/graphql';

/*
 * Keeps a community's persons in step with a population register export (CSV: household_id,
 * person_id, name, gender, birth_year, id_number; the sample is fictional). Safe to re-run: a person
 * is found by the register's ID, else matched by identity card number (without ever reading one),
 * and only then created. Households must already carry the register's IDs (setExternalId); bulk
 * upserts of places are not built yet.
 *
 *   npx tsc -p tsconfig.json
 *   LIANXIN_URL=http://localhost:4000/graphql LIANXIN_API_KEY=lxk_… COMMUNITY_ID=… \
 *     node dist/examples/sync-population.js examples/population-sample.csv
 */

export interface RegisterRow {
  householdId: string;
  personId: string;
  name: string;
  gender: 'MALE' | 'FEMALE' | null;
  birthYear: number | null;
  idNumber: string | null;
}

export interface SyncReport {
  created: string[];
  matched: string[];
  unchanged: string[];
  errors: Array<{ personId: string; message: string }>;
}

export function parseRegister(csv: string): RegisterRow[] {
  const [header, ...lines] = csv.trim().split(/\r?\n/);
  const columns = header.split(',');
  return lines.map((line) => {
    const cells = Object.fromEntries(line.split(',').map((v, i) => [columns[i], v.trim()]));
    return {
      householdId: cells.household_id,
      personId: cells.person_id,
      name: cells.name,
      gender: cells.gender === 'MALE' || cells.gender === 'FEMALE' ? cells.gender : null,
      birthYear: cells.birth_year ? Number(cells.birth_year) : null,
      idNumber: cells.id_number || null,
    };
  });
}

export async function syncPopulation(client: LianxinClient, system: string, communityId: string, rows: RegisterRow[]): Promise<SyncReport> {
  const report: SyncReport = { created: [], matched: [], unchanged: [], errors: [] };
  for (const row of rows) {
    try {
      const known = await client.request(PersonByRegisterIdDocument, { system, id: row.personId, communityId });
      if (known.nodeByExternalId) {
        report.unchanged.push(row.personId);
        continue;
      }
      let personId = row.idNumber
        ? (await client.request(PersonByIdCardDocument, { idNumber: row.idNumber, communityId })).personByIdNumber?.id
        : undefined;
      if (personId) report.matched.push(row.personId);
      else {
        const home = await client.request(HouseholdByRegisterIdDocument, { system, id: row.householdId, communityId });
        if (!home.nodeByExternalId) throw new Error(`household ${row.householdId} carries no ${system} ID yet`);
        const made = await client.request(RecordPersonDocument, {
          input: {
            householdId: home.nodeByExternalId.id,
            name: row.name,
            gender: row.gender,
            birthYear: row.birthYear,
            idNumber: row.idNumber,
          },
        });
        if (!made.createPerson.person)
          throw new Error(made.createPerson.userErrors.map((e) => `${e.field.join('.')}: ${e.message}`).join('; '));
        personId = made.createPerson.person.id;
        report.created.push(row.personId);
      }
      const recorded = await client.request(RecordRegisterIdDocument, { input: { nodeId: personId, system, id: row.personId } });
      if (recorded.setExternalId.userErrors.length) throw new Error(recorded.setExternalId.userErrors[0].message);
    } catch (err) {
      report.errors.push({
        personId: row.personId,
        message: err instanceof LianxinError || err instanceof Error ? err.message : String(err),
      });
    }
  }
  return report;
}

/** Every change after `after`, and the cursor to keep for next time. */
export async function changesSince(client: LianxinClient, communityId: string, after: string | null) {
  const changes: Array<{ type: string; nodeId: string; operation: string; fields: string[] }> = [];
  let cursor = after;
  for (;;) {
    const page = (await client.request(ChangesSinceDocument, { communityId, after: cursor })).changes;
    changes.push(...page.changes);
    cursor = page.endCursor ?? cursor;
    if (!page.hasMore) return { changes, cursor };
  }
}

async function main(): Promise<void> {
  const { LIANXIN_URL, LIANXIN_API_KEY, COMMUNITY_ID, SYSTEM = 'taiyuan-population' } = process.env;
  if (!LIANXIN_URL || !LIANXIN_API_KEY || !COMMUNITY_ID) throw new Error('set LIANXIN_URL, LIANXIN_API_KEY and COMMUNITY_ID');
  const client = createClient({ url: LIANXIN_URL, apiKey: LIANXIN_API_KEY });
  const rows = parseRegister(readFileSync(process.argv[2] ?? 'examples/population-sample.csv', 'utf8'));
  const report = await syncPopulation(client, SYSTEM, COMMUNITY_ID, rows);
  console.log(JSON.stringify(report, null, 2));
  const { changes } = await changesSince(client, COMMUNITY_ID, process.env.AFTER ?? null);
  for (const c of changes) console.log(`${c.operation} ${c.type} ${c.nodeId} ${c.fields.join(',')}`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
