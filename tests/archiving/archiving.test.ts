import {
  ArchiveNodeDocument,
  CommunityCompoundsDocument,
  CreateBuildingDocument,
  CreateCompoundDocument,
  CreateUnitDocument,
  NodeByIdDocument,
  RestoreNodeDocument,
} from '../generated/graphql';
import { sql } from '../support/databases';
import { DEMO, idByName } from '../support/demo';
import { fingerprint } from '../support/snapshot';
import { codes, gid, ok, startTestApp, type TestApp } from '../support/test-app';

describe('archiving (soft) and restoring', () => {
  let app: TestApp;
  let community: string;
  beforeAll(async () => {
    app = await startTestApp();
    community = await idByName(app.database, 'community', DEMO.zhenxing, 'Community');
  });
  afterAll(() => app.close());

  it('hides an archived compound from default lists, keeps it by ID and under the ARCHIVED filter, and restores it', async () => {
    const created = ok(
      await app.request(CreateCompoundDocument, { input: { communityId: community, name: '待拆小区', propertyMode: 'NONE' } }),
    ).createCompound.compound!;
    const archived = ok(await app.request(ArchiveNodeDocument, { input: { id: created.id } })).archiveNode;
    expect(archived.userErrors).toEqual([]);
    expect(archived.node).toEqual({ id: created.id, archivedAt: expect.stringMatching(/Z$/) });

    const active = ok(await app.request(CommunityCompoundsDocument, { id: community })).community!.compounds;
    expect(active.edges.map((e) => e.node.name)).not.toContain('待拆小区');
    expect(active.totalCount).toBe(11);
    const onlyArchived = ok(await app.request(CommunityCompoundsDocument, { id: community, archived: 'ARCHIVED' })).community!.compounds;
    expect(onlyArchived.edges.map((e) => e.node.name)).toEqual(['待拆小区']);
    expect(ok(await app.request(CommunityCompoundsDocument, { id: community, archived: 'ALL' })).community!.compounds.totalCount).toBe(12);
    expect(ok(await app.request(NodeByIdDocument, { id: created.id })).node).toMatchObject({
      name: '待拆小区',
      archivedAt: expect.any(String),
    });

    expect(ok(await app.request(ArchiveNodeDocument, { input: { id: created.id } })).archiveNode.userErrors.map((e) => e.code)).toEqual([
      'ARCHIVED',
    ]);
    const restored = ok(await app.request(RestoreNodeDocument, { input: { id: created.id } })).restoreNode;
    expect(restored.node).toEqual({ id: created.id, archivedAt: null });
    expect(ok(await app.request(RestoreNodeDocument, { input: { id: created.id } })).restoreNode.userErrors.map((e) => e.code)).toEqual([
      'NOT_ARCHIVED',
    ]);
  });

  it('refuses to archive a node with active children, naming them, and changes nothing', async () => {
    const compound = await idByName(app.database, 'compound', '都市花园', 'Compound');
    const before = await fingerprint(app.database);
    const res = ok(await app.request(ArchiveNodeDocument, { input: { id: compound } })).archiveNode;
    expect(res.node).toBeNull();
    expect(res.userErrors).toEqual([
      { field: ['id'], code: 'HAS_ACTIVE_CHILDREN', message: expect.stringMatching(/^It still has \d+ active buildings/) },
    ]);
    const [member] = await sql<{ id: number }>(app.database, `select person_id as id from party_membership where ended_on is null limit 1`);
    const person = ok(await app.request(ArchiveNodeDocument, { input: { id: gid('Person', member.id) } })).archiveNode;
    expect(person.userErrors[0].message).toMatch(/current party memberships/);
    expect(await fingerprint(app.database)).toEqual(before);
  });

  it('archives bottom-up, refuses children under an archived parent, and restores top-down only', async () => {
    const compound = ok(
      await app.request(CreateCompoundDocument, { input: { communityId: community, name: '临时小区', propertyMode: 'NONE' } }),
    ).createCompound.compound!;
    const building = ok(await app.request(CreateBuildingDocument, { input: { compoundId: compound.id, name: '1号楼' } })).createBuilding
      .building!;
    const unit = ok(await app.request(CreateUnitDocument, { input: { buildingId: building.id, name: '1单元' } })).createUnit.unit!;

    for (const id of [unit.id, building.id, compound.id])
      expect(ok(await app.request(ArchiveNodeDocument, { input: { id } })).archiveNode.userErrors).toEqual([]);
    const underArchived = ok(
      await app.request(CreateBuildingDocument, { input: { compoundId: compound.id, name: '2号楼' } }),
    ).createBuilding;
    expect(underArchived.userErrors.map((e) => [e.field, e.code])).toEqual([[['compoundId'], 'PARENT_ARCHIVED']]);
    const childFirst = ok(await app.request(RestoreNodeDocument, { input: { id: building.id } })).restoreNode;
    expect(childFirst.userErrors).toEqual([
      { field: ['id'], code: 'PARENT_ARCHIVED', message: 'Its compound is archived; restore that first' },
    ]);
    expect(ok(await app.request(RestoreNodeDocument, { input: { id: compound.id } })).restoreNode.userErrors).toEqual([]);
    expect(ok(await app.request(RestoreNodeDocument, { input: { id: building.id } })).restoreNode.userErrors).toEqual([]);
  });

  it('answers a malformed ID with BAD_USER_INPUT and an ID of nothing (or of a type that cannot be archived) with NOT_FOUND', async () => {
    expect(codes(await app.request(ArchiveNodeDocument, { input: { id: '***' } }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await app.request(ArchiveNodeDocument, { input: { id: gid('Compound', 999999) } }))).toEqual(['NOT_FOUND']);
    expect(codes(await app.request(ArchiveNodeDocument, { input: { id: gid('PartyMembership', 1) } }))).toEqual(['NOT_FOUND']);
  });
});
