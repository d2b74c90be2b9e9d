import type pg from 'pg';
import { blindIndex, seal } from '../core/crypto/sealed';
import { digestOf } from '../modules/issues/qr/qr-codes';

/*
 * QR codes for reporting without an account (群众吹哨, seed 003): the red-whistle statue in 梓林小区,
 * with one report a passer-by made through it, and the gate of a 振兴社区 courtyard. The demo's
 * tokens are fixed so the page can be tried (`/r/<token>`, docs/issues.md); a real deployment
 * makes its own with createIssueQrPoint, and rotateIssueQrToken retires these.
 */

export const DEMO_QR_TOKENS = {
  zilinStatue: 'zilin-red-whistle-statue-demo-qr-code-00001',
  zhenxingGate: 'zhenxing-courtyard-gate-demo-qr-code-000001',
};

/** The demo report's tracking code (for trying /r/t/<code>). */
export const DEMO_TRACKING_CODE = 'zilin-street-lamp-demo-tracking-code-000001';

export async function seedDemoQr(client: pg.ClientBase): Promise<void> {
  const {
    rows: [statue],
  } = await client.query<{ id: number }>(
    `insert into issue_qr_point (community_id, compound_id, spot, token_hash, token_set_at, created_by)
     select community_id, id, '红哨子雕像', $1, '2026-06-01T00:00:00Z', 'demo' from compound where name = '梓林小区' returning id`,
    [digestOf(DEMO_QR_TOKENS.zilinStatue)],
  );
  await client.query(
    `insert into issue_qr_point (community_id, compound_id, spot, token_hash, token_set_at, created_by)
     select cp.community_id, cp.id, '小区大门', $1, '2026-06-01T00:00:00Z', 'demo'
       from compound cp join community c on c.id = cp.community_id where c.name = '振兴社区' order by cp.id limit 1`,
    [digestOf(DEMO_QR_TOKENS.zhenxingGate)],
  );
  if (!statue) return;
  // A passer-by's report through the statue's code: the street lamp by the statue, taken in and repaired.
  const {
    rows: [issue],
  } = await client.query<{ id: number }>(
    `insert into resident_issue (community_id, qr_point_id, compound_id, subject, spot, category, priority, text, location, name_visible,
                                 reporter_user_id, reporter_name, status, level, reported_at, resolved_at, created_at, updated_at)
     select p.community_id, p.id, p.compound_id, 'SPOT', p.spot, 'property_service', 'NORMAL', '雕像旁的路灯晚上不亮，老人走路看不清',
            '红哨子雕像旁', false, 0, '扫码群众', 'RESOLVED', 'BUILDING_GROUP', '2026-07-08T12:00:00Z', '2026-07-09T09:00:00Z',
            '2026-07-08T12:00:00Z', '2026-07-09T09:00:00Z'
       from issue_qr_point p where p.id = $1 returning id`,
    [statue.id],
  );
  await client.query(
    `insert into anonymous_report (community_id, issue_id, qr_point_id, phone_sealed, phone_index, tracking_hash)
     select community_id, id, qr_point_id, $2, $3, $4 from resident_issue where id = $1`,
    [issue.id, seal('13604310000'), blindIndex('phone', '13604310000'), digestOf(DEMO_TRACKING_CODE)],
  );
  await client.query(
    `insert into issue_step (community_id, issue_id, from_status, to_status, level, actor, role, at, note)
     select community_id, id, s.from_status, s.to_status, 'BUILDING_GROUP', s.actor, s.role, s.at::timestamptz, s.note
       from resident_issue, (values (null, 'REPORTED', 'qr-point:' || $2::text, 'QR_REPORTER', '2026-07-08T12:00:00Z', null),
                                    ('REPORTED', 'ACCEPTED', '梓林小区网格员', 'GRID_WORKER', '2026-07-08T14:00:00Z', '已联系物业'),
                                    ('ACCEPTED', 'RESOLVED', '梓林小区网格员', 'GRID_WORKER', '2026-07-09T09:00:00Z', '物业已更换灯泡'))
                                    as s(from_status, to_status, actor, role, at, note)
      where id = $1`,
    [issue.id, statue.id],
  );
}
