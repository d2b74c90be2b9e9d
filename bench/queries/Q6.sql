-- Floor for Q6: a district's figures for October 2026 per community, with a 12-month collection
-- series, recomputed from the base tables in one statement (no roll-ups, no suppression: the
-- synthetic communities have no small cells).
WITH arg AS (
  SELECT split_part(convert_from(decode(rpad(translate($1::jsonb ->> 'id', '-_', '+/'), ((length($1::jsonb ->> 'id') + 3) / 4) * 4, '='), 'base64'), 'UTF8'), ':', 2)::int AS id
), cp AS (
  SELECT cp.id, cp.community_id, cp.property_mode, coalesce(br.kind, 'NONE') AS kind
    FROM compound cp JOIN community c ON c.id = cp.community_id JOIN arg ON c.district_id = arg.id
    LEFT JOIN compound_branch br ON br.id = cp.branch_id
   WHERE cp.archived_at IS NULL AND c.archived_at IS NULL
), hh AS (
  SELECT h.community_id, count(*) AS n FROM household h JOIN cp ON cp.id = h.compound_id WHERE h.archived_at IS NULL GROUP BY 1
), pm AS (
  SELECT h.community_id, count(*) AS n FROM party_membership m JOIN person p ON p.id = m.person_id JOIN household h ON h.id = p.household_id
    JOIN cp ON cp.id = h.compound_id WHERE m.ended_on IS NULL AND p.archived_at IS NULL AND h.archived_at IS NULL GROUP BY 1
), fee AS (
  SELECT x.community_id, x.period, count(*) AS households, sum(x.amount - x.waived) AS due, sum(x.paid) AS collected
    FROM (SELECT c.community_id, c.period, c.household_id, sum(c.amount_fen) AS amount, sum(c.waived_fen) AS waived, sum(c.paid_fen) AS paid
            FROM fee_charge c JOIN cp ON cp.id = c.compound_id
           WHERE c.period BETWEEN '2025-11-01' AND '2026-10-01' GROUP BY 1, 2, 3) x
   GROUP BY 1, 2
), rows AS (
  SELECT c.id, c.name,
         (SELECT count(*) FROM cp WHERE cp.community_id = c.id) AS compounds,
         (SELECT count(*) FROM cp WHERE cp.community_id = c.id AND kind = 'STANDALONE') AS standalone,
         (SELECT count(*) FROM cp WHERE cp.community_id = c.id AND kind = 'JOINT') AS joint,
         (SELECT count(*) FROM cp WHERE cp.community_id = c.id AND property_mode = 'NONE') AS without_pm,
         (SELECT count(*) FROM cp WHERE cp.community_id = c.id AND property_mode = 'RED_PROPERTY') AS red,
         coalesce((SELECT n FROM hh WHERE hh.community_id = c.id), 0) AS households,
         coalesce((SELECT n FROM pm WHERE pm.community_id = c.id), 0) AS members,
         coalesce((SELECT households FROM fee WHERE fee.community_id = c.id AND period = '2026-10-01'), 0) AS charged,
         coalesce((SELECT due FROM fee WHERE fee.community_id = c.id AND period = '2026-10-01'), 0) AS due,
         coalesce((SELECT collected FROM fee WHERE fee.community_id = c.id AND period = '2026-10-01'), 0) AS collected
    FROM community c JOIN arg ON c.district_id = arg.id WHERE c.archived_at IS NULL
), g AS (
  SELECT r.*, r.compounds - r.standalone - r.joint AS uncovered FROM rows r
)
SELECT json_build_object('data', json_build_object('node', json_build_object('figures', json_build_object(
  'coverage', json_build_object('compounds', (SELECT sum(compounds) FROM g)::int, 'standaloneCompounds', (SELECT sum(standalone) FROM g)::int,
                                'jointCompounds', (SELECT sum(joint) FROM g)::int, 'uncoveredCompounds', (SELECT sum(uncovered) FROM g)::int),
  'property', json_build_object('withoutPropertyManagement', (SELECT sum(without_pm) FROM g)::int, 'redPropertyCompounds', (SELECT sum(red) FROM g)::int),
  'fees', json_build_object(
    'chargedHouseholds', json_build_object('value', (SELECT sum(charged) FROM g)::int, 'suppressed', false),
    'collectionRate', json_build_object('value', (SELECT CASE WHEN sum(due) > 0 THEN round(sum(collected)::numeric / sum(due), 4)::float8 END FROM g), 'suppressed', false)),
  'people', json_build_object(
    'households', json_build_object('value', (SELECT sum(households) FROM g)::int, 'suppressed', false),
    'partyMembers', json_build_object('value', (SELECT sum(members) FROM g)::int, 'suppressed', false)),
  'breakdown', (SELECT coalesce(json_agg(json_build_object(
      'id', translate(rtrim(encode(convert_to('Community:' || g.id, 'UTF8'), 'base64'), '='), '+/', '-_'), 'name', g.name,
      'coverage', json_build_object('compounds', g.compounds, 'standaloneCompounds', g.standalone, 'jointCompounds', g.joint, 'uncoveredCompounds', g.uncovered),
      'property', json_build_object('withoutPropertyManagement', g.without_pm, 'redPropertyCompounds', g.red),
      'fees', json_build_object(
        'chargedHouseholds', json_build_object('value', g.charged, 'suppressed', false),
        'collectionRate', json_build_object('value', CASE WHEN g.due > 0 THEN round(g.collected::numeric / g.due, 4)::float8 END, 'suppressed', false)),
      'people', json_build_object(
        'households', json_build_object('value', g.households, 'suppressed', false),
        'partyMembers', json_build_object('value', g.members, 'suppressed', false))
    ) ORDER BY g.id), '[]') FROM g),
  'series', (SELECT json_agg(json_build_object(
      'month', m::date,
      'collectionRate', json_build_object('value',
        (SELECT CASE WHEN sum(due) > 0 THEN round(sum(collected)::numeric / sum(due), 4)::float8 END FROM fee WHERE fee.period = m::date), 'suppressed', false)
    ) ORDER BY m) FROM generate_series('2025-11-01'::date, '2026-10-01'::date, interval '1 month') m)
))))::text AS body
