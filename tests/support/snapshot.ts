import { sql } from './databases';

const TABLES = [
  'district',
  'street',
  'community',
  'community_committee',
  'compound_branch',
  'building_group',
  'compound',
  'compound_branch_assignment',
  'building',
  'unit',
  'household',
  'person',
  'party_membership',
  'member_household',
  'duty_assignment',
];

/**
 * A fingerprint of every row of the domain tables (row count and a hash of the rows' text), to
 * prove a refused mutation changed nothing at all.
 */
export async function fingerprint(database: string): Promise<Record<string, string>> {
  const parts = TABLES.map((t) => `select '${t}' as t, count(*) || ':' || coalesce(md5(string_agg(x::text, '|' order by x.id)), '') as f from ${t} x`);
  const rows = await sql<{ t: string; f: string }>(database, parts.join(' union all '));
  return Object.fromEntries(rows.map((r) => [r.t, r.f]));
}
