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
  'user_account',
  'service_account',
  'api_key',
  'role_binding',
  'audit_entry',
  'co_managed_account',
  'custodian',
  'ledger_entry',
  'expenditure_proposal',
  'proposal_transition',
  'monthly_statement',
  'property_committee',
  'committee_member',
  'committee_election',
  'candidate',
  'property_company',
  'service_list',
  'service_item',
  'service_objection',
  'service_evaluation',
  'fee_schedule',
  'fee_charge',
  'fee_payment',
  'fee_waiver',
];

/**
 * A fingerprint of every row of the domain, identity and audit tables (row count and a hash of the rows' text), to
 * prove a refused mutation changed nothing at all.
 */
export async function fingerprint(database: string): Promise<Record<string, string>> {
  // An API key's last use is bookkeeping of the request itself, not a change.
  const row = (t: string) => (t === 'api_key' ? `(to_jsonb(x) - 'last_used_at')::text` : 'x::text');
  const parts = TABLES.map((t) => `select '${t}' as t, count(*) || ':' || coalesce(md5(string_agg(${row(t)}, '|' order by x.id)), '') as f from ${t} x`);
  const rows = await sql<{ t: string; f: string }>(database, parts.join(' union all '));
  return Object.fromEntries(rows.map((r) => [r.t, r.f]));
}
