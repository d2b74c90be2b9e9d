import {
  CreateBuildingGroupDocument,
  CreateCommunityDocument,
  CreateCompoundBranchDocument,
  CreateDistrictDocument,
  CreateStreetDocument,
  NodeByIdDocument,
  UpdateBuildingGroupDocument,
  UpdateCommunityCommitteeDocument,
  UpdateCommunityDocument,
  UpdateCompoundBranchDocument,
  UpdateDistrictDocument,
  UpdateStreetDocument,
} from '../generated/graphql';
import { sql } from '../support/databases';
import { DEMO, idByName } from '../support/demo';
import { fingerprint } from '../support/snapshot';
import { codes, gid, ok, startTestApp, type TestApp } from '../support/test-app';

describe('changing the organization: districts, streets, communities, committees, branches, groups', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('builds a new district down to a building group, the committee coming with its community', async () => {
    const district = ok(await app.request(CreateDistrictDocument, { input: { name: '迎泽区', city: '太原市' } })).createDistrict;
    expect(district.userErrors).toEqual([]);
    const street = ok(
      await app.request(CreateStreetDocument, { input: { districtId: district.district!.id, name: '桥东街道' } }),
    ).createStreet;
    expect(street.street).toEqual({ id: expect.any(String), name: '桥东街道', district: { name: '迎泽区' } });

    const community = ok(
      await app.request(CreateCommunityDocument, {
        input: { streetId: street.street!.id, name: '东岗社区', areaKm2: 1.35, registeredResidents: 8200, brandName: '暖新驿站' },
      }),
    ).createCommunity;
    expect(community.userErrors).toEqual([]);
    expect(community.community).toMatchObject({ name: '东岗社区', areaKm2: 1.35, registeredResidents: 8200, district: { name: '迎泽区' } });
    expect(community.community!.committee).toEqual({ id: expect.any(String), name: '东岗社区党委', brandName: '暖新驿站' });

    const branch = ok(
      await app.request(CreateCompoundBranchDocument, {
        input: { communityId: community.community!.id, name: '东岗联合党支部', kind: 'JOINT', establishedOn: '2024-03-01' },
      }),
    ).createCompoundBranch;
    expect(branch.branch).toMatchObject({ name: '东岗联合党支部', kind: 'JOINT', establishedOn: '2024-03-01', secretary: null });
    const group = ok(
      await app.request(CreateBuildingGroupDocument, { input: { branchId: branch.branch!.id, name: '第一党小组' } }),
    ).createBuildingGroup;
    expect(group.buildingGroup).toMatchObject({ name: '第一党小组', branch: { name: '东岗联合党支部' }, leader: null });
  });

  it('updates names and published figures, changing only what the input names', async () => {
    const id = await idByName(app.database, 'community', '新竹社区', 'Community');
    const renamed = ok(await app.request(UpdateCommunityDocument, { input: { id, registeredResidents: 9100 } })).updateCommunity;
    expect(renamed.community).toMatchObject({ name: '新竹社区', registeredResidents: 9100 });
    const cleared = ok(await app.request(UpdateCommunityDocument, { input: { id, registeredResidents: null } })).updateCommunity;
    expect(cleared.community!.registeredResidents).toBeNull();

    const districtId = await idByName(app.database, 'district', '绿园区', 'District');
    expect(
      ok(await app.request(UpdateDistrictDocument, { input: { id: districtId, name: '绿园区 ' } })).updateDistrict.district!.name,
    ).toBe('绿园区');
    const streetId = await idByName(app.database, 'street', '殿前街道', 'Street');
    expect(
      ok(await app.request(UpdateStreetDocument, { input: { id: streetId, name: '殿前街道（湖里）' } })).updateStreet.street!.name,
    ).toBe('殿前街道（湖里）');
  });

  it('refuses invalid input field by field, in one answer, and changes nothing', async () => {
    const before = await fingerprint(app.database);
    const res = ok(await app.request(CreateDistrictDocument, { input: { name: '   ', city: '太'.repeat(101) } })).createDistrict;
    expect(res.district).toBeNull();
    expect(res.userErrors).toEqual(
      expect.arrayContaining([
        { field: ['name'], code: 'BLANK', message: 'name must not be blank' },
        { field: ['city'], code: 'TOO_LONG', message: 'city must be at most 100 characters' },
      ]),
    );
    const control = ok(await app.request(CreateDistrictDocument, { input: { name: 'bad\u0007name', city: '太原市' } })).createDistrict;
    expect(control.userErrors.map((e) => e.code)).toEqual(['INVALID']);
    // An ID the permission check must read, malformed: refused before anything else (nothing to check it against).
    const street = await app.request(CreateStreetDocument, { input: { districtId: 'no such id', name: '街道' } });
    expect(street.errors?.map((e) => [e.extensions.code, e.message, e.extensions.field])).toEqual([
      ['BAD_USER_INPUT', 'input.districtId is not a valid ID', ['input', 'districtId']],
    ]);
    const area = ok(
      await app.request(CreateCommunityDocument, { input: { streetId: gid('Street', 1), name: '新社区', areaKm2: 1.234 } }),
    ).createCommunity;
    expect(area.userErrors.map((e) => [e.field, e.code])).toEqual([[['areaKm2'], 'OUT_OF_RANGE']]);
    expect(await fingerprint(app.database)).toEqual(before);
  });

  it('counts length in characters, so 100 Chinese characters fit and 101 do not', async () => {
    const fits = ok(await app.request(CreateDistrictDocument, { input: { name: '区'.repeat(100), city: '测试市' } })).createDistrict;
    expect(fits.userErrors).toEqual([]);
    const emoji = ok(await app.request(CreateDistrictDocument, { input: { name: '🏠'.repeat(100), city: '测试市' } })).createDistrict;
    expect(emoji.userErrors).toEqual([]);
    const tooLong = ok(await app.request(CreateDistrictDocument, { input: { name: '区'.repeat(101), city: '测试市' } })).createDistrict;
    expect(tooLong.userErrors.map((e) => e.code)).toEqual(['TOO_LONG']);
  });

  it('turns a duplicate name (a unique constraint) into a TAKEN user error, not an internal error', async () => {
    const before = await fingerprint(app.database);
    const res = ok(await app.request(CreateDistrictDocument, { input: { name: '小店区', city: '太原市' } })).createDistrict;
    expect(res).toEqual({
      district: null,
      userErrors: [{ field: ['name'], code: 'TAKEN', message: 'A district with this name already exists in this city' }],
    });
    const streetId = await idByName(app.database, 'street', '小店街道', 'Street');
    const dup = ok(await app.request(CreateCommunityDocument, { input: { streetId, name: DEMO.yongkang } })).createCommunity;
    expect(dup.userErrors.map((e) => [e.field, e.code])).toEqual([[['name'], 'TAKEN']]);
    expect(await fingerprint(app.database)).toEqual(before);
  });

  it('answers NOT_FOUND (a GraphQL error) for a well-formed ID of nothing, and changes nothing', async () => {
    const before = await fingerprint(app.database);
    const res = await app.request(CreateStreetDocument, { input: { districtId: gid('District', 99999), name: '无处街道' } });
    expect(codes(res)).toEqual(['NOT_FOUND']);
    expect(res.data?.createStreet ?? null).toBeNull();
    const wrongType = await app.request(CreateStreetDocument, { input: { districtId: gid('Community', 1), name: '无处街道' } });
    expect(codes(wrongType)).toEqual(['NOT_FOUND']);
    expect(await fingerprint(app.database)).toEqual(before);
  });

  it('keeps secretaries and leaders inside their community', async () => {
    const committee = await idByName(app.database, 'community_committee', '振兴社区党委', 'CommunityCommittee');
    const [local] = await sql<{ id: number; name: string }>(
      app.database,
      `select p.id, p.name from person p join community c on c.id = p.community_id where c.name = $1 order by p.id limit 1`,
      [DEMO.zhenxing],
    );
    const [foreign] = await sql<{ id: number }>(
      app.database,
      `select p.id from person p join community c on c.id = p.community_id where c.name = $1 order by p.id limit 1`,
      [DEMO.yongkang],
    );

    const set = ok(
      await app.request(UpdateCommunityCommitteeDocument, {
        input: { id: committee, secretaryId: gid('Person', local.id), brandName: '先锋振兴·红色物业' },
      }),
    );
    expect(set.updateCommunityCommittee.committee).toMatchObject({ brandName: '先锋振兴·红色物业', secretary: { name: local.name } });
    const refused = ok(
      await app.request(UpdateCommunityCommitteeDocument, { input: { id: committee, secretaryId: gid('Person', foreign.id) } }),
    );
    expect(refused.updateCommunityCommittee.userErrors.map((e) => [e.field, e.code])).toEqual([[['secretaryId'], 'MISMATCH']]);

    const branch = await idByName(app.database, 'compound_branch', '庭院第一党支部', 'CompoundBranch');
    const renamed = ok(
      await app.request(UpdateCompoundBranchDocument, { input: { id: branch, name: '庭院第一党支部（南区）', secretaryId: null } }),
    );
    expect(renamed.updateCompoundBranch.branch).toMatchObject({ name: '庭院第一党支部（南区）', kind: 'JOINT' });
    const group = await idByName(app.database, 'building_group', '都市花园党小组', 'BuildingGroup');
    const leader = ok(await app.request(UpdateBuildingGroupDocument, { input: { id: group, leaderId: gid('Person', foreign.id) } }));
    expect(leader.updateBuildingGroup.userErrors.map((e) => e.code)).toEqual(['MISMATCH']);
    const dupGroup = ok(await app.request(CreateBuildingGroupDocument, { input: { branchId: branch, name: '都市花园党小组' } }));
    expect(dupGroup.createBuildingGroup.userErrors.map((e) => [e.field, e.code])).toEqual([[['name'], 'TAKEN']]);
  });

  it('applies each mutation of a request on its own: the first stays when the second is refused', async () => {
    const res = await app.request<
      { a: { district: { id: string } | null }; b: { userErrors: Array<{ code: string }> } },
      Record<string, never>
    >(
      `mutation {
        a: createDistrict(input: { name: "新区甲", city: "测试市" }) { district { id } userErrors { code } }
        b: createDistrict(input: { name: "新区甲", city: "测试市" }) { district { id } userErrors { code } }
      }`,
    );
    const data = ok(res);
    expect(data.a.district).not.toBeNull();
    expect(data.b.userErrors.map((e) => e.code)).toEqual(['TAKEN']);
    expect(ok(await app.request(NodeByIdDocument, { id: data.a.district!.id })).node).not.toBeNull();
  });
});
