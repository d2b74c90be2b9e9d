-- Floor for Q2: one compound → buildings → units → households → persons in one statement.
WITH arg AS (
  SELECT split_part(convert_from(decode(rpad(translate($1::jsonb ->> 'id', '-_', '+/'), ((length($1::jsonb ->> 'id') + 3) / 4) * 4, '='), 'base64'), 'UTF8'), ':', 2)::int AS id
)
SELECT json_build_object('data', json_build_object('node', (
  SELECT row_to_json(x) FROM (
    SELECT translate(rtrim(encode(convert_to('Compound:' || cp.id, 'UTF8'), 'base64'), '='), '+/', '-_') AS id, cp.name, cp.property_mode AS "propertyMode",
      (SELECT json_build_object('nodes', coalesce(json_agg(b), '[]')) FROM (
         SELECT translate(rtrim(encode(convert_to('Building:' || b.id, 'UTF8'), 'base64'), '='), '+/', '-_') AS id, b.name, b.floors,
           (SELECT json_build_object('nodes', coalesce(json_agg(u), '[]')) FROM (
              SELECT translate(rtrim(encode(convert_to('Unit:' || u.id, 'UTF8'), 'base64'), '='), '+/', '-_') AS id, u.name,
                (SELECT json_build_object('nodes', coalesce(json_agg(h), '[]')) FROM (
                   SELECT translate(rtrim(encode(convert_to('Household:' || h.id, 'UTF8'), 'base64'), '='), '+/', '-_') AS id,
                          h.door_no AS "doorNo", h.area_sqm::float8 AS "areaSqm",
                          to_char(h.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "createdAt",
                     (SELECT json_build_object('nodes', coalesce(json_agg(p), '[]')) FROM (
                        SELECT translate(rtrim(encode(convert_to('Person:' || p.id, 'UTF8'), 'base64'), '='), '+/', '-_') AS id,
                               p.name, p.gender, p.birth_year AS "birthYear",
                               EXISTS (SELECT 1 FROM party_membership m WHERE m.person_id = p.id AND m.ended_on IS NULL) AS "isPartyMember"
                        FROM person p WHERE p.household_id = h.id AND p.archived_at IS NULL ORDER BY p.id LIMIT 100) p) AS persons
                   FROM household h WHERE h.unit_id = u.id AND h.archived_at IS NULL ORDER BY h.id LIMIT 100) h) AS households
              FROM unit u WHERE u.building_id = b.id AND u.archived_at IS NULL ORDER BY u.id LIMIT 100) u) AS units
         FROM building b WHERE b.compound_id = cp.id AND b.archived_at IS NULL ORDER BY b.id LIMIT 100) b) AS buildings
    FROM compound cp, arg WHERE cp.id = arg.id) x)))::text AS body
