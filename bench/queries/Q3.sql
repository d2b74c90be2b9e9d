-- Floor for Q3: one household up both trees to the district, in one statement.
WITH arg AS (
  SELECT split_part(convert_from(decode(rpad(translate($1::jsonb ->> 'id', '-_', '+/'), ((length($1::jsonb ->> 'id') + 3) / 4) * 4, '='), 'base64'), 'UTF8'), ':', 2)::int AS id
)
SELECT json_build_object('data', json_build_object('node', (
  SELECT json_build_object(
    'id', translate(rtrim(encode(convert_to('Household:' || h.id, 'UTF8'), 'base64'), '='), '+/', '-_'),
    'doorNo', h.door_no,
    'unit', json_build_object('name', u.name, 'building', json_build_object('name', b.name, 'compound', json_build_object('name', cp.name))),
    'buildingGroup', CASE WHEN g.id IS NULL THEN NULL ELSE json_build_object('name', g.name, 'branch', json_build_object(
      'name', br.name, 'kind', br.kind, 'committee', json_build_object('name', cc.name, 'community', json_build_object(
        'name', c.name, 'street', json_build_object('name', s.name, 'district', json_build_object('name', d.name, 'city', d.city)))))) END)
  FROM arg JOIN household h ON h.id = arg.id
  JOIN unit u ON u.id = h.unit_id JOIN building b ON b.id = h.building_id JOIN compound cp ON cp.id = h.compound_id
  LEFT JOIN building_group g ON g.id = b.group_id LEFT JOIN compound_branch br ON br.id = g.branch_id
  LEFT JOIN community_committee cc ON cc.id = br.committee_id LEFT JOIN community c ON c.id = cc.community_id
  LEFT JOIN street s ON s.id = c.street_id LEFT JOIN district d ON d.id = s.district_id)))::text AS body
