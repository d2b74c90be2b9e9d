import {
  AssignDutyRoleDocument,
  DesignateMemberHouseholdDocument,
  EndDutyAssignmentDocument,
  EndPartyMembershipDocument,
  PersonDetailDocument,
  RecordPartyMembershipDocument,
  UndesignateMemberHouseholdDocument,
  UpdateMemberHouseholdDocument,
  UpdatePartyMembershipDocument,
} from '../generated/graphql';
import { sql } from '../support/databases';
import { DEMO, idByName } from '../support/demo';
import { fingerprint } from '../support/snapshot';
import { gid, ok, startTestApp, type TestApp } from '../support/test-app';

describe('party memberships, member households and duties', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  /** A household in the compound with no party member, and its first adult. */
  async function householdWithoutMembers(compound: string) {
    const [row] = await sql<{ household: number; person: number }>(
      app.database,
      `select h.id as household, min(p.id) as person from household h join compound cp on cp.id = h.compound_id join person p on p.household_id = h.id
        where cp.name = $1 and p.birth_year < 1990
          and not exists (select 1 from party_membership m join person q on q.id = m.person_id where q.household_id = h.id and m.ended_on is null)
        group by h.id order by h.id limit 1`,
      [compound],
    );
    return { household: gid('Household', row.household), person: gid('Person', row.person) };
  }

  it('records a membership (LOCAL with its branch, EXTERNAL with its home organization), promotes and ends it, keeping the record', async () => {
    const { person } = await householdWithoutMembers(DEMO.xinyuan);
    const branchId = await idByName(app.database, 'compound_branch', DEMO.xinyuanBranch, 'CompoundBranch');
    const recorded = ok(
      await app.request(RecordPartyMembershipDocument, {
        input: { personId: person, organizationRelation: 'LOCAL', status: 'PROBATIONARY', branchId, joinedOn: '2025-07-01' },
      }),
    ).recordPartyMembership;
    expect(recorded.partyMembership).toMatchObject({
      organizationRelation: 'LOCAL',
      status: 'PROBATIONARY',
      active: true,
      branch: { name: DEMO.xinyuanBranch },
      person: { isPartyMember: true },
    });

    const again = ok(
      await app.request(RecordPartyMembershipDocument, {
        input: { personId: person, organizationRelation: 'EXTERNAL', status: 'FULL', homeOrganization: '某单位党委' },
      }),
    ).recordPartyMembership;
    expect(again.userErrors.map((e) => [e.field, e.code])).toEqual([[['personId'], 'ALREADY_MEMBER']]);

    const id = recorded.partyMembership!.id;
    expect(
      ok(await app.request(UpdatePartyMembershipDocument, { input: { id, status: 'FULL' } })).updatePartyMembership.partyMembership!.status,
    ).toBe('FULL');
    const toExternal = ok(
      await app.request(UpdatePartyMembershipDocument, { input: { id, organizationRelation: 'EXTERNAL' } }),
    ).updatePartyMembership;
    expect(toExternal.userErrors.map((e) => [e.field, e.code])).toEqual([[['homeOrganization'], 'REQUIRED']]);

    const early = ok(await app.request(EndPartyMembershipDocument, { input: { id, endedOn: '2025-01-01' } })).endPartyMembership;
    expect(early.userErrors.map((e) => [e.field, e.code])).toEqual([[['endedOn'], 'DATE_ORDER']]);
    const ended = ok(await app.request(EndPartyMembershipDocument, { input: { id, endedOn: '2025-09-30' } })).endPartyMembership;
    expect(ended.partyMembership).toMatchObject({ active: false, endedOn: '2025-09-30' });
    expect(ok(await app.request(EndPartyMembershipDocument, { input: { id } })).endPartyMembership.userErrors.map((e) => e.code)).toEqual([
      'ALREADY_ENDED',
    ]);

    const detail = ok(await app.request(PersonDetailDocument, { id: person })).node!;
    if (!('isPartyMember' in detail)) throw new Error('expected a person');
    expect(detail.isPartyMember).toBe(false);
    expect(detail.partyMembership).toBeNull();
    expect(detail.partyMemberships.nodes).toEqual([{ id, endedOn: '2025-09-30' }]);
  });

  it('refuses a LOCAL member without a branch and an EXTERNAL one without a home organization', async () => {
    const { person } = await householdWithoutMembers(DEMO.yifen);
    const before = await fingerprint(app.database);
    const local = ok(
      await app.request(RecordPartyMembershipDocument, { input: { personId: person, organizationRelation: 'LOCAL', status: 'FULL' } }),
    ).recordPartyMembership;
    expect(local.userErrors.map((e) => [e.field, e.code])).toEqual([[['branchId'], 'REQUIRED']]);
    const external = ok(
      await app.request(RecordPartyMembershipDocument, { input: { personId: person, organizationRelation: 'EXTERNAL', status: 'FULL' } }),
    ).recordPartyMembership;
    expect(external.userErrors.map((e) => [e.field, e.code])).toEqual([[['homeOrganization'], 'REQUIRED']]);
    const future = ok(
      await app.request(RecordPartyMembershipDocument, {
        input: { personId: person, organizationRelation: 'EXTERNAL', status: 'FULL', homeOrganization: 'x', joinedOn: '2099-01-01' },
      }),
    ).recordPartyMembership;
    expect(future.userErrors.map((e) => [e.field, e.code])).toEqual([[['joinedOn'], 'OUT_OF_RANGE']]);
    expect(await fingerprint(app.database)).toEqual(before);
  });

  it('designates a member household only where a party member lives, once at a time, and un-designates it keeping history', async () => {
    const { household, person } = await householdWithoutMembers(DEMO.yifen);
    const refused = ok(await app.request(DesignateMemberHouseholdDocument, { input: { householdId: household } })).designateMemberHousehold;
    expect(refused.userErrors.map((e) => [e.field, e.code])).toEqual([[['householdId'], 'NO_PARTY_MEMBER']]);

    ok(
      await app.request(RecordPartyMembershipDocument, {
        input: { personId: person, organizationRelation: 'EXTERNAL', status: 'FULL', homeOrganization: '区教育系统党委' },
      }),
    );
    const designated = ok(
      await app.request(DesignateMemberHouseholdDocument, {
        input: { householdId: household, designatedOn: '2025-07-01', pledge: '有事找党员，随叫随到', specialties: '理发、修自行车' },
      }),
    ).designateMemberHousehold;
    expect(designated.memberHousehold).toMatchObject({
      active: true,
      designatedOn: '2025-07-01',
      displaysPlate: true,
      pledge: '有事找党员，随叫随到',
      household: { id: household },
    });
    const twice = ok(await app.request(DesignateMemberHouseholdDocument, { input: { householdId: household } })).designateMemberHousehold;
    expect(twice.userErrors.map((e) => e.code)).toEqual(['ALREADY_DESIGNATED']);

    const id = designated.memberHousehold!.id;
    expect(
      ok(await app.request(UpdateMemberHouseholdDocument, { input: { id, displaysPlate: false, pledge: null } })).updateMemberHousehold
        .memberHousehold,
    ).toEqual({
      id,
      displaysPlate: false,
      pledge: null,
    });
    const ended = ok(
      await app.request(UndesignateMemberHouseholdDocument, { input: { id, undesignatedOn: '2025-10-01' } }),
    ).undesignateMemberHousehold;
    expect(ended.memberHousehold).toEqual({ id, active: false, undesignatedOn: '2025-10-01' });
    expect(
      ok(await app.request(UndesignateMemberHouseholdDocument, { input: { id } })).undesignateMemberHousehold.userErrors.map((e) => e.code),
    ).toEqual(['ALREADY_ENDED']);

    const detail = ok(await app.request(PersonDetailDocument, { id: person })).node!;
    if (!('household' in detail)) throw new Error('expected a person');
    expect(detail.household!.memberHousehold).toBeNull();
    const again = ok(await app.request(DesignateMemberHouseholdDocument, { input: { householdId: household } })).designateMemberHousehold;
    expect(again.userErrors).toEqual([]);
  });

  it('assigns the two heads and four officers to places, one current head per building or unit', async () => {
    const [row] = await sql<{ person: number; other: number; building: number; name: string; unit: number; otherUnit: number }>(
      app.database,
      `select min(p.id) as person, max(p.id) as other, b.id as building, b.name, min(u.id) as unit,
              (select u2.id from unit u2 where u2.building_id <> b.id and u2.community_id = b.community_id limit 1) as "otherUnit"
         from building b join unit u on u.building_id = b.id join compound cp on cp.id = b.compound_id
         join household h on h.building_id = b.id join person p on p.household_id = h.id
        where cp.name = '御景苑'
          and not exists (select 1 from duty_assignment d where d.building_id = b.id and d.ended_on is null)
        group by b.id order by b.id limit 1`,
    );
    const noBuilding = ok(
      await app.request(AssignDutyRoleDocument, { input: { personId: gid('Person', row.person), role: 'BUILDING_HEAD' } }),
    ).assignDutyRole;
    expect(noBuilding.userErrors.map((e) => [e.field, e.code])).toEqual([[['buildingId'], 'REQUIRED']]);

    const head = ok(
      await app.request(AssignDutyRoleDocument, {
        input: {
          personId: gid('Person', row.person),
          role: 'BUILDING_HEAD',
          buildingId: gid('Building', row.building),
          startedOn: '2025-01-01',
        },
      }),
    ).assignDutyRole;
    expect(head.dutyAssignment).toMatchObject({
      role: 'BUILDING_HEAD',
      active: true,
      compound: { name: '御景苑' },
      building: { name: row.name },
      unit: null,
    });
    const second = ok(
      await app.request(AssignDutyRoleDocument, {
        input: { personId: gid('Person', row.other), role: 'BUILDING_HEAD', buildingId: gid('Building', row.building) },
      }),
    ).assignDutyRole;
    expect(second.userErrors).toEqual([
      { field: ['buildingId'], code: 'TAKEN', message: 'The building already has a building head; end that duty first' },
    ]);

    const unitHead = ok(
      await app.request(AssignDutyRoleDocument, {
        input: { personId: gid('Person', row.other), role: 'UNIT_HEAD', unitId: gid('Unit', row.unit) },
      }),
    ).assignDutyRole;
    expect(unitHead.dutyAssignment).toMatchObject({ role: 'UNIT_HEAD', building: { name: row.name }, compound: { name: '御景苑' } });
    const mismatch = ok(
      await app.request(AssignDutyRoleDocument, {
        input: {
          personId: gid('Person', row.other),
          role: 'UNIT_HEAD',
          unitId: gid('Unit', row.otherUnit),
          buildingId: gid('Building', row.building),
        },
      }),
    ).assignDutyRole;
    expect(mismatch.userErrors.map((e) => e.code)).toEqual(['MISMATCH']);

    const officer = ok(
      await app.request(AssignDutyRoleDocument, {
        input: { personId: gid('Person', row.other), role: 'SAFETY_PATROLLER', buildingId: gid('Building', row.building) },
      }),
    ).assignDutyRole;
    expect(officer.userErrors).toEqual([]);

    const ended = ok(
      await app.request(EndDutyAssignmentDocument, { input: { id: head.dutyAssignment!.id, endedOn: '2025-06-30' } }),
    ).endDutyAssignment;
    expect(ended.dutyAssignment).toMatchObject({ active: false, endedOn: '2025-06-30' });
    const replaced = ok(
      await app.request(AssignDutyRoleDocument, {
        input: { personId: gid('Person', row.other), role: 'BUILDING_HEAD', buildingId: gid('Building', row.building) },
      }),
    ).assignDutyRole;
    expect(replaced.userErrors).toEqual([]);

    const detail = ok(await app.request(PersonDetailDocument, { id: gid('Person', row.other) })).node!;
    if (!('dutyAssignments' in detail)) throw new Error('expected a person');
    expect(detail.dutyAssignments.nodes.map((d) => d.role).sort()).toEqual(['BUILDING_HEAD', 'SAFETY_PATROLLER', 'UNIT_HEAD']);
  });
});
