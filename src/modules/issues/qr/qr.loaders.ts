import type { RequestContext } from '../../../context';
import { Capability } from '../../../core/auth/capabilities';
import { openOrNull } from '../../../core/crypto/sealed';
import { defineNode, unarchivedColumns, type TenantRow } from '../../../core/data/node-spec';
import { registerNodeSpec } from '../../../core/graphql/node';

/* How QR points are read: placed where their compound (or building) is, for the permission tree. */

export interface IssueQrPointRow extends TenantRow {
  compoundId: number;
  buildingId: number | null;
  path: string;
  orgPath: string | null;
  place: string;
  spot: string | null;
  tokenSetAt: string;
  createdBy: string;
}

export const IssueQrPointSpec = registerNodeSpec(
  defineNode<IssueQrPointRow>({
    type: 'IssueQrPoint',
    table: 'issue_qr_point',
    archivable: false,
    columns: {
      ...unarchivedColumns,
      communityId: 't.community_id',
      compoundId: 't.compound_id',
      buildingId: 't.building_id',
      // The compound's paths: those who handle the compound's issues manage its codes.
      path: '(select c.path::text from compound c where c.id = t.compound_id)',
      orgPath: '(select c.org_path::text from compound c where c.id = t.compound_id)',
      place: `concat_ws(' · ', (select c.name from compound c where c.id = t.compound_id), (select b.name from building b where b.id = t.building_id), t.spot)`,
      spot: 't.spot',
      tokenSetAt: 't.token_set_at',
      createdBy: 't.created_by',
    },
  }),
  Capability.HANDLE_ISSUES,
);

/** The phones of anonymous reports, by issue, one statement per request level. */
export function callbackPhones(ctx: RequestContext) {
  return ctx.loaders.custom<number, string | null>('issues:callbackPhone', async (db, keys) => {
    const rows = await db.query<{ issueId: number; phone: string }>(
      'select issue_id as "issueId", phone_sealed as phone from anonymous_report where issue_id = any($1::int[])',
      [keys],
    );
    const byIssue = new Map(rows.map((r) => [r.issueId, r.phone]));
    return keys.map((k) => openOrNull(byIssue.get(k)));
  });
}
