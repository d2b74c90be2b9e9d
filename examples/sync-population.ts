import { readFileSync } from 'node:fs';
import { createClient, LianxinError, type LianxinClient } from '../clients/typescript/client';
import {
  ChangesSinceDocument,
  PersonByIdCardDocument,
  RecordRegisterIdDocument,
  UpsertRegisterBuildingsDocument,
  UpsertRegisterCompoundsDocument,
  UpsertRegisterHouseholdsDocument,
  UpsertRegisterPersonsDocument,
  UpsertRegisterUnitsDocument,
} from '../clients/typescript/generated/graphql';

/*
 * Keeps a community's places and persons in step with a population register export (CSV, one row a
 * person with their compound, building, unit and household; the sample is fictional). Upserts go
 * top-down — compounds, buildings, units, households, persons — keyed by the register's IDs, in
 * batches of up to 1,000, each call with its own Idempotency-Key (the client retries with it). Safe
 * to re-run: the second run answers `UNCHANGED` for everything. A person already on record without
 * the register's ID is matched by identity card number (never reading one) and given the ID.
 *
 *   npx tsc -p tsconfig.json
 *   LIANXIN_URL=http://localhost:4000/graphql LIANXIN_API_KEY=lxk_… COMMUNITY_ID=… \
 *     node dist/examples/sync-population.js examples/population-sample.csv
 */

export interface RegisterRow {
  compoundId: string;
  compoundName: string;
  buildingId: string;
  buildingName: string;
  unitId: string;
  unitName: string;
  householdId: string;
  doorNo: string;
  personId: string;
  name: string;
  gender: 'MALE' | 'FEMALE' | null;
  birthYear: number | null;
  idNumber: string | null;
}

type Status = 'CREATED' | 'UPDATED' | 'UNCHANGED' | 'ERROR';
type Counts = Record<Exclude<Status, 'ERROR'>, number>;

export interface SyncReport {
  /** Places by kind: how many were created, updated, unchanged. */
  places: Record<'compounds' | 'buildings' | 'units' | 'households', Counts>;
  /** Persons by the register's ID. */
  created: string[];
  updated: string[];
  matched: string[];
  unchanged: string[];
  errors: Array<{ id: string; message: string }>;
}

export const BATCH = 1000;

export function parseRegister(csv: string): RegisterRow[] {
  const [header, ...lines] = csv.trim().split(/\r?\n/);
  const columns = header.split(',');
  return lines.map((line) => {
    const cells = Object.fromEntries(line.split(',').map((v, i) => [columns[i], v.trim()]));
    return {
      compoundId: cells.compound_id,
      compoundName: cells.compound_name,
      buildingId: cells.building_id,
      buildingName: cells.building_name,
      unitId: cells.unit_id,
      unitName: cells.unit_name,
      householdId: cells.household_id,
      doorNo: cells.door_no,
      personId: cells.person_id,
      name: cells.name,
      gender: cells.gender === 'MALE' || cells.gender === 'FEMALE' ? cells.gender : null,
      birthYear: cells.birth_year ? Number(cells.birth_year) : null,
      idNumber: cells.id_number || null,
    };
  });
}

/** One entry per external ID (the register repeats a household on each of its persons' rows). */
function distinct<T extends { externalId: string }>(items: T[]): T[] {
  return [...new Map(items.map((i) => [i.externalId, i])).values()];
}

interface UpsertAnswer {
  results: Array<{ index: number; externalId: string; status: Status; id?: string | null }>;
  userErrors: Array<{ field: string[]; message: string }>;
}

/** Sends `items` in batches; returns every item's result and the messages of refused ones by external ID. */
async function inBatches<T extends { externalId: string }>(
  items: T[],
  send: (batch: T[]) => Promise<UpsertAnswer>,
): Promise<{ results: UpsertAnswer['results']; errors: Map<string, string[]> }> {
  const results: UpsertAnswer['results'] = [];
  const errors = new Map<string, string[]>();
  for (let start = 0; start < items.length; start += BATCH) {
    const batch = items.slice(start, start + BATCH);
    const answer = await send(batch);
    results.push(...answer.results);
    for (const e of answer.userErrors) {
      const item = e.field[0] === 'items' ? batch[Number(e.field[1])] : undefined;
      const key = item?.externalId ?? '(call)';
      errors.set(key, [...(errors.get(key) ?? []), `${e.field.slice(2).join('.')}: ${e.message}`]);
    }
  }
  return { results, errors };
}

function countsOf(results: UpsertAnswer['results']): Counts {
  const counts: Counts = { CREATED: 0, UPDATED: 0, UNCHANGED: 0 };
  for (const r of results) if (r.status !== 'ERROR') counts[r.status]++;
  return counts;
}

export async function syncPopulation(client: LianxinClient, system: string, communityId: string, rows: RegisterRow[]): Promise<SyncReport> {
  const base = { communityId, system };
  const report: SyncReport = {
    places: {} as SyncReport['places'],
    created: [],
    updated: [],
    matched: [],
    unchanged: [],
    errors: [],
  };
  const places = async <T extends { externalId: string }>(
    kind: keyof SyncReport['places'],
    items: T[],
    send: (b: T[]) => Promise<UpsertAnswer>,
  ) => {
    const { results, errors } = await inBatches(distinct(items), send);
    report.places[kind] = countsOf(results);
    for (const [id, messages] of errors) report.errors.push({ id, message: messages.join('; ') });
  };

  await places(
    'compounds',
    rows.map((r) => ({ externalId: r.compoundId, name: r.compoundName, propertyMode: 'NONE' as const })),
    async (items) => (await client.request(UpsertRegisterCompoundsDocument, { input: { ...base, items } })).upsertCompounds,
  );
  await places(
    'buildings',
    rows.map((r) => ({ externalId: r.buildingId, compoundExternalId: r.compoundId, name: r.buildingName })),
    async (items) => (await client.request(UpsertRegisterBuildingsDocument, { input: { ...base, items } })).upsertBuildings,
  );
  await places(
    'units',
    rows.map((r) => ({ externalId: r.unitId, buildingExternalId: r.buildingId, name: r.unitName })),
    async (items) => (await client.request(UpsertRegisterUnitsDocument, { input: { ...base, items } })).upsertUnits,
  );
  await places(
    'households',
    rows.map((r) => ({ externalId: r.householdId, unitExternalId: r.unitId, doorNo: r.doorNo })),
    async (items) => (await client.request(UpsertRegisterHouseholdsDocument, { input: { ...base, items } })).upsertHouseholds,
  );

  const persons = rows.map((r) => ({
    externalId: r.personId,
    householdExternalId: r.householdId,
    name: r.name,
    gender: r.gender,
    birthYear: r.birthYear,
    idNumber: r.idNumber,
  }));
  const sendPersons = async (items: typeof persons) =>
    (await client.request(UpsertRegisterPersonsDocument, { input: { ...base, items } })).upsertPersons;
  const first = await inBatches(persons, sendPersons);

  // A number on record under no register ID (TAKEN): that person is the register's; give them its ID and send the row again.
  const retry: typeof persons = [];
  for (const result of first.results) {
    const person = persons.find((p) => p.externalId === result.externalId)!;
    if (result.status !== 'ERROR') {
      report[result.status === 'CREATED' ? 'created' : result.status === 'UPDATED' ? 'updated' : 'unchanged'].push(person.externalId);
      continue;
    }
    const messages = first.errors.get(person.externalId) ?? [];
    const match =
      person.idNumber && messages.every((m) => m.startsWith('idNumber:'))
        ? (await client.request(PersonByIdCardDocument, { idNumber: person.idNumber, communityId })).personByIdNumber
        : null;
    if (!match) {
      report.errors.push({ id: person.externalId, message: messages.join('; ') });
      continue;
    }
    const recorded = await client.request(RecordRegisterIdDocument, { input: { nodeId: match.id, system, id: person.externalId } });
    if (recorded.setExternalId.userErrors.length) {
      report.errors.push({ id: person.externalId, message: recorded.setExternalId.userErrors[0].message });
      continue;
    }
    retry.push(person);
  }
  if (retry.length) {
    const second = await inBatches(retry, sendPersons);
    for (const result of second.results) {
      if (result.status === 'ERROR')
        report.errors.push({ id: result.externalId, message: (second.errors.get(result.externalId) ?? []).join('; ') });
      else report.matched.push(result.externalId);
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
    console.error(err instanceof LianxinError || err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
