-- Floor for Q1: the whole response in one statement, JSON built in PostgreSQL. $1 = variables (jsonb);
-- global IDs are decoded and encoded in SQL exactly as the API does (base64url of "Type:pk").
WITH arg AS (
  SELECT split_part(convert_from(decode(rpad(translate($1::jsonb ->> 'id', '-_', '+/'), ((length($1::jsonb ->> 'id') + 3) / 4) * 4, '='), 'base64'), 'UTF8'), ':', 2)::int AS id
)
SELECT json_build_object('data', json_build_object('community', (
  SELECT row_to_json(x) FROM (
    SELECT translate(rtrim(encode(convert_to('Community:' || c.id, 'UTF8'), 'base64'), '='), '+/', '-_') AS id, c.name,
      (SELECT row_to_json(d) FROM (SELECT d.name FROM district d WHERE d.id = c.district_id) d) AS district,
      (SELECT row_to_json(s) FROM (SELECT s.name FROM street s WHERE s.id = c.street_id) s) AS street,
      (SELECT json_build_object('totalCount', (SELECT count(*) FROM compound k WHERE k.community_id = c.id AND k.archived_at IS NULL),
                                'nodes', coalesce(json_agg(cp), '[]'))
       FROM (
         SELECT translate(rtrim(encode(convert_to('Compound:' || cp.id, 'UTF8'), 'base64'), '='), '+/', '-_') AS id,
                cp.name, cp.property_mode AS "propertyMode",
                (SELECT count(*) FROM household h WHERE h.compound_id = cp.id AND h.archived_at IS NULL) AS "householdCount",
                cp.built_year AS "builtYear",
           (SELECT json_build_object('nodes', coalesce(json_agg(b), '[]'))
            FROM (
              SELECT translate(rtrim(encode(convert_to('Building:' || b.id, 'UTF8'), 'base64'), '='), '+/', '-_') AS id, b.name, b.floors,
                     json_build_object('totalCount', (SELECT count(*) FROM household h WHERE h.building_id = b.id AND h.archived_at IS NULL)) AS households
              FROM building b WHERE b.compound_id = cp.id AND b.archived_at IS NULL ORDER BY b.id LIMIT 100) b) AS buildings
         FROM compound cp WHERE cp.community_id = c.id AND cp.archived_at IS NULL ORDER BY cp.id LIMIT 100) cp) AS compounds
    FROM community c, arg WHERE c.id = arg.id) x)))::text AS body
