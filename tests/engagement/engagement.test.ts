import pg from 'pg';
import { fixedClock } from '../../src/core/clock';
import {
  AppointCrossPostDocument,
  BranchReportedClaimsDocument,
  ClaimServiceOfferDocument,
  CloseServiceOfferDocument,
  CommunityServiceOffersDocument,
  CompleteServiceClaimDocument,
  CompoundCrossAppointmentsDocument,
  CompoundMemberProfilesDocument,
  CrossAppointmentHoldersDocument,
  EndCrossAppointmentDocument,
  EndReportingRelationDocument,
  EngagementNodeDocument,
  HouseholdCompoundProfilesDocument,
  MyMemberProfileDocument,
  PublishServiceOfferDocument,
  RecordReportingRelationDocument,
  UpdateMyMemberProfileDocument,
} from '../generated/graphql';
import { databaseUrl, sql } from '../support/databases';
import { DEMO, idByName } from '../support/demo';
import { setPersonalValues } from '../support/people';
import { codes, gid, ok, pkOf, startTestApp, type TestApp } from '../support/test-app';

/*
 * Engagement: Zhenxing's four cross-appointed posts and a new one, listed on the compound;
 * reporting members' claims, read by their home branch in another community only through the
 * reporting relation (and nothing else of that community); a member's public profile, of which
 * residents of the compound see the fields the member shows and nothing personal.
 */
describe('engagement', () => {
  let app: TestApp;
  const clock = fixedClock('2026-11-19T09:00:00Z');
  let zhenxing: string;
  let yongkang: string;
  let dushi: string;
  let xinyuan: string;
  let xinyuanBranch: string;
  let dormitoryBranch: string;
  /** Zhenxing's reporting memberships of the demo, in order: two related to Xinyuan's branch, one not. */
  let reporting: string[] = [];

  async function createLogin(login: string, personId: number, role: string, scopeType: string, scopeId: number): Promise<void> {
    const [user] = await sql<{ id: number }>(
      app.database,
      'insert into user_account (login, display_name, person_id) values ($1, $1, $2) returning id',
      [login, personId],
    );
    await sql(app.database, 'insert into role_binding (user_id, role, scope_type, scope_id) values ($1, $2, $3, $4)', [
      user.id,
      role,
      scopeType,
      scopeId,
    ]);
  }

  /** A resident reaches their compound through their household. */
  async function profilesSeenBy(login: string) {
    const [row] = await sql<{ id: number }>(
      app.database,
      'select p.household_id as id from user_account u join person p on p.id = u.person_id where u.login = $1',
      [login],
    );
    const res = await app.request(HouseholdCompoundProfilesDocument, { id: gid('Household', row.id) }, { as: login });
    const node = ok(res).node;
    if (!node || !('compound' in node) || !node.compound) throw new Error('expected the household');
    return { res, profiles: node.compound.memberProfiles, appointments: node.compound.crossAppointments };
  }

  beforeAll(async () => {
    app = await startTestApp({ clock });
    zhenxing = await idByName(app.database, 'community', DEMO.zhenxing, 'Community');
    yongkang = await idByName(app.database, 'community', DEMO.yongkang, 'Community');
    dushi = await idByName(app.database, 'compound', '都市花园', 'Compound');
    xinyuan = await idByName(app.database, 'compound', DEMO.xinyuan, 'Compound');
    xinyuanBranch = await idByName(app.database, 'compound_branch', DEMO.xinyuanBranch, 'CompoundBranch');
    dormitoryBranch = await idByName(app.database, 'compound_branch', DEMO.dormitoryBranch, 'CompoundBranch');
    const rows = await sql<{ id: number; person: number; household: number }>(
      app.database,
      `select m.id, m.person_id as person, p.household_id as household from party_membership m join person p on p.id = m.person_id
        where m.organization_relation = 'EXTERNAL' and m.community_id = $1
        order by exists (select 1 from reporting_relation r where r.membership_id = m.id) desc, m.id`,
      [pkOf(zhenxing)],
    );
    reporting = rows.map((r) => gid('PartyMembership', r.id));
    // The first reporting member signs in as a resident of their home in Zhenxing.
    await createLogin('reporter.zhenxing', rows[0].person, 'RESIDENT', 'HOUSEHOLD', rows[0].household);
  });
  afterAll(() => app.close());

  describe('cross-appointments (交叉任职)', () => {
    it('shows Zhenxing’s four posts, with the property company on the other side', async () => {
      const posts = ok(await app.request(CrossAppointmentHoldersDocument, { id: zhenxing }, { as: 'admin.zhenxing' })).community!
        .crossAppointments;
      expect(new Set(posts.map((p) => p.post))).toEqual(
        new Set(['PARTY_BUILDING_INSTRUCTOR', 'PARTY_BUILDING_LIAISON', 'PUBLIC_OPINION_LIAISON', 'SOCIAL_CONDITIONS_SUPERVISOR']),
      );
      expect(posts.every((p) => p.counterpart === '郑州红管家物业服务中心' && p.appointedBy === '振兴社区党委')).toBe(true);
      // The property manager is a person of the community, without a household.
      expect(posts.find((p) => p.post === 'SOCIAL_CONDITIONS_SUPERVISOR')!.person!.name).toBe('物业项目经理丙');
    });

    it('appoints and ends a post for a compound, listed on the compound; others are refused', async () => {
      const [manager] = await sql<{ id: number }>(app.database, "select id from person where name = '物业项目经理丙'");
      const input = {
        compoundId: dushi,
        personId: gid('Person', manager.id),
        post: 'SOCIAL_CONDITIONS_SUPERVISOR' as const,
        counterpart: '郑州红管家物业服务中心',
        appointedBy: '振兴社区党委',
        startedOn: '2026-11-01',
      };
      expect(codes(await app.request(AppointCrossPostDocument, { input }, { as: 'resident.zhenxing' }))).toEqual(['FORBIDDEN']);
      expect(codes(await app.request(AppointCrossPostDocument, { input }, { as: 'admin.yongkangbeilu' }))).toEqual(['NOT_FOUND']);
      // A person of another community: as if it did not exist.
      const [yongkangPerson] = await sql<{ id: number }>(
        app.database,
        "select person_id as id from user_account where login = 'resident.xinyuan'",
      );
      expect(
        codes(
          await app.request(
            AppointCrossPostDocument,
            { input: { ...input, personId: gid('Person', yongkangPerson.id) } },
            { as: 'admin.zhenxing' },
          ),
        ),
      ).toEqual(['NOT_FOUND']);

      const made = ok(await app.request(AppointCrossPostDocument, { input }, { as: 'admin.zhenxing' })).appointCrossPost;
      expect(made.userErrors).toEqual([]);
      expect(made.appointment).toMatchObject({
        post: 'SOCIAL_CONDITIONS_SUPERVISOR',
        startedOn: '2026-11-01',
        compound: { name: '都市花园' },
      });

      // Residents of the community see the posts of their compound.
      const listed = await profilesSeenBy('resident.zhenxing');
      expect(listed.appointments.map((a) => a.post).sort()).toEqual(['PUBLIC_OPINION_LIAISON', 'SOCIAL_CONDITIONS_SUPERVISOR']);
      // Who holds them by name (a public office), not their record.
      expect(listed.appointments.find((a) => a.post === 'SOCIAL_CONDITIONS_SUPERVISOR')!.holderName).toBe('物业项目经理丙');
      // Not to the offices above the community.
      const district = await app.request(CompoundCrossAppointmentsDocument, { id: dushi }, { as: 'district.gaoxin' });
      expect(new Set(codes(district))).toEqual(new Set(['FORBIDDEN'])); // one per holder's name
      expect(JSON.stringify(district.data)).not.toContain('物业项目经理丙');
      expect(ok(await app.request(CompoundCrossAppointmentsDocument, { id: dushi }, { as: 'admin.yongkangbeilu' })).node).toBeNull();

      const end = (as: string) =>
        app.request(EndCrossAppointmentDocument, { input: { appointmentId: made.appointment!.id, endedOn: '2026-11-18' } }, { as });
      expect(codes(await end('resident.zhenxing'))).toEqual(['FORBIDDEN']);
      expect(codes(await end('secretary.xinyuan'))).toEqual(['NOT_FOUND']);
      expect(ok(await end('admin.zhenxing')).endCrossAppointment.appointment!.endedOn).toBe('2026-11-18');
      expect(ok(await end('admin.zhenxing')).endCrossAppointment.userErrors.map((e) => e.code)).toEqual(['ALREADY_ENDED']);
    });
  });

  describe('claims (认领) and the home branch', () => {
    it('a claim shows the member behind it only to those who read that member: not the property side of the offer’s compound', async () => {
      // A reporting member living in 漪汾仙庄 claims an offer of 馨园: the claim is 馨园's, the member is not.
      const [outside] = await sql<{ id: number }>(
        app.database,
        `select p.id from person p join household h on h.id = p.household_id join compound c on c.id = h.compound_id
          where c.name = '漪汾仙庄' and p.archived_at is null
            and not exists (select 1 from party_membership m where m.person_id = p.id and m.ended_on is null)
          order by p.id limit 1`,
      );
      const recorded = ok(
        await app.request(
          `mutation ($personId: ID!) { recordPartyMembership(input: { personId: $personId, organizationRelation: EXTERNAL, status: FULL, homeOrganization: "某局机关党委" }) { partyMembership { id } userErrors { code } } }`,
          { personId: gid('Person', outside.id) },
          { as: 'admin.yongkangbeilu' },
        ),
      ) as { recordPartyMembership: { partyMembership: { id: string } } };
      const [offer] = await sql<{ id: number }>(app.database, "select id from service_offer where title = '周末义务理发'");
      const offerId = gid('ServiceOffer', offer.id);
      const claimed = ok(
        await app.request(
          `mutation ($offerId: ID!, $membershipId: ID!) { claimServiceOffer(input: { offerId: $offerId, membershipId: $membershipId }) { claim { id } userErrors { code } } }`,
          { offerId, membershipId: recorded.recordPartyMembership.partyMembership.id },
          { as: 'admin.yongkangbeilu' },
        ),
      ) as { claimServiceOffer: { claim: { id: string }; userErrors: unknown[] } };
      expect(claimed.claimServiceOffer.userErrors).toEqual([]);
      const claimsOf = (as: string) =>
        app.request(
          `query ($id: ID!) { node(id: $id) { ... on ServiceOffer { claims { id membership { homeOrganization person { id name gender birthYear household { id } } } } } } }`,
          { id: offerId },
          { as },
        ) as Promise<{
          data?: { node: { claims: Array<{ id: string; membership: { person: { id: string; name: string } } | null }> } };
          errors?: Array<{ path: Array<string | number>; extensions: { code: string } }>;
        }>;
      const person = gid('Person', outside.id);
      // The compound's property committee, finance supervisor and grid worker read the 馨园 offer and its claims …
      for (const as of ['committee.xinyuan', 'finance.xinyuan', 'owner.xinyuan', 'grid.xinyuan']) {
        const res = await claimsOf(as);
        const claim = res.data!.node.claims.find((c) => c.id === claimed.claimServiceOffer.claim.id)!;
        // … but not the record of a member living elsewhere, which node(id:) refuses them too.
        expect(claim.membership).toBeNull();
        expect(JSON.stringify(res.data)).not.toContain(person);
        expect(res.errors?.map((e) => e.extensions.code)).toEqual(['FORBIDDEN']);
        expect(codes(await app.request(`query ($id: ID!) { node(id: $id) { id } }`, { id: person }, { as }))).toEqual(['FORBIDDEN']);
      }
      // Who reads the member (the community admin, the member's own compound) still does.
      const admin = await claimsOf('admin.yongkangbeilu');
      expect(admin.errors).toBeUndefined();
      expect(admin.data!.node.claims.find((c) => c.id === claimed.claimServiceOffer.claim.id)!.membership!.person.id).toBe(person);
    });

    it('the home branch in another community reads its reporting members’ claims, and only those', async () => {
      const res = await app.request(BranchReportedClaimsDocument, { id: xinyuanBranch }, { as: 'secretary.xinyuan' });
      const branch = ok(res).node;
      if (!branch || !('reportedServiceClaims' in branch)) throw new Error('expected the branch');
      const claims = branch.reportedServiceClaims;
      // Two of the three reporting members have Xinyuan's branch as their home branch: their three claims, none of the third's.
      expect(claims.map((c) => c.title).sort()).toEqual(['四点半课堂辅导', '楼道微改造', '法律咨询进小区']);
      expect(claims.every((c) => c.communityName === '振兴社区')).toBe(true);
      expect(claims.find((c) => c.title === '楼道微改造')).toMatchObject({ kind: 'PROJECT', compoundName: '桂竹花园', minutes: 960 });
      // The claim's fields, the member's name and where: nothing else of the person.
      expect(Object.keys(claims[0]).sort()).toEqual(
        ['claimedOn', 'communityName', 'completedOn', 'compoundName', 'kind', 'memberName', 'minutes', 'outcome', 'title'].sort(),
      );

      // Another branch has no such relation: nothing.
      const other = ok(await app.request(BranchReportedClaimsDocument, { id: dormitoryBranch }, { as: 'admin.yongkangbeilu' })).node;
      expect(other && 'reportedServiceClaims' in other ? other.reportedServiceClaims : null).toEqual([]);
      // Not to a plain member of the branch, nor to the district's officers.
      expect(codes(await app.request(BranchReportedClaimsDocument, { id: xinyuanBranch }, { as: 'member.xinyuan' }))).toEqual([
        'FORBIDDEN',
      ]);
      expect(codes(await app.request(BranchReportedClaimsDocument, { id: xinyuanBranch }, { as: 'district.xiaodian' }))).toEqual([
        'FORBIDDEN',
      ]);
    });

    it('and the other way round: Zhenxing’s courtyard branch reads its member’s claim in 馨园, and nothing of Yongkang', async () => {
      const branch = await idByName(app.database, 'compound_branch', '庭院第一党支部', 'CompoundBranch');
      const [secretary] = await sql<{ id: number }>(app.database, 'select secretary_id as id from compound_branch where id = $1', [
        pkOf(branch),
      ]);
      await createLogin('secretary.courtyard1', secretary.id, 'BRANCH_SECRETARY', 'BRANCH', pkOf(branch));
      const node = ok(await app.request(BranchReportedClaimsDocument, { id: branch }, { as: 'secretary.courtyard1' })).node;
      if (!node || !('reportedServiceClaims' in node)) throw new Error('expected the branch');
      expect(node.reportedServiceClaims).toMatchObject([
        { title: '周末义务理发', communityName: '永康北路社区', compoundName: '馨园', minutes: 480, completedOn: '2026-10-31' },
      ]);
      expect(ok(await app.request(BranchReportedClaimsDocument, { id: xinyuanBranch }, { as: 'secretary.courtyard1' })).node).toBeNull();
      expect(codes(await app.request(CommunityServiceOffersDocument, { id: yongkang }, { as: 'secretary.courtyard1' }))).toEqual([
        'NOT_FOUND',
      ]);
    });

    it('the relation opens nothing else: the home branch sees no offer, claim, relation or community of Zhenxing', async () => {
      const [claim] = await sql<{ id: number }>(app.database, 'select id from service_claim order by id limit 1');
      const [offer] = await sql<{ id: number }>(app.database, 'select id from service_offer order by id limit 1');
      const [relation] = await sql<{ id: number }>(app.database, 'select id from reporting_relation order by id limit 1');
      for (const id of [
        gid('ServiceClaim', claim.id),
        gid('ServiceOffer', offer.id),
        gid('ReportingRelation', relation.id),
        reporting[0],
      ]) {
        expect(ok(await app.request(EngagementNodeDocument, { id }, { as: 'secretary.xinyuan' })).node).toBeNull();
      }
      expect(codes(await app.request(CommunityServiceOffersDocument, { id: zhenxing }, { as: 'secretary.xinyuan' }))).toEqual([
        'NOT_FOUND',
      ]);
      // And the other way round: the reporting community does not read the home branch it names.
      expect(ok(await app.request(BranchReportedClaimsDocument, { id: xinyuanBranch }, { as: 'admin.zhenxing' })).node).toBeNull();
      const [home] = await sql<{ id: number }>(app.database, 'select home_branch_id as id from reporting_relation order by id limit 1');
      expect(gid('CompoundBranch', home.id)).toBe(xinyuanBranch);
    });

    it('row-level security: the read follows the relation only from a branch the grant reaches', async () => {
      const [y] = await sql<{ id: number }>(app.database, "select id from community where name = '永康北路社区'");
      const [z] = await sql<{ id: number }>(app.database, "select id from community where name = '振兴社区'");
      async function asApp(communityId: number): Promise<{ claims: number; direct: number }> {
        const client = new pg.Client({ connectionString: databaseUrl(app.database) });
        await client.connect();
        try {
          await client.query('begin');
          await client.query(`select lianxin_set_grant(array['g1', '0', $1::text, '1', '', '', '', '', ''])`, [String(communityId)]);
          await client.query('set local role lianxin_app');
          const reported = await client.query('select * from lianxin_reported_claims($1::int[])', [[pkOf(xinyuanBranch)]]);
          const direct = await client.query('select count(*)::int as n from service_claim where community_id <> $1', [communityId]);
          return { claims: reported.rowCount ?? 0, direct: direct.rows[0].n };
        } finally {
          await client.query('rollback');
          await client.end();
        }
      }
      // Yongkang's grant: the home branch's claims through the relation, no claim row of another community directly.
      expect(await asApp(y.id)).toEqual({ claims: 3, direct: 0 });
      // Zhenxing's grant: its own claims, but the home branch (Yongkang's) is out of reach.
      expect((await asApp(z.id)).claims).toBe(0);
    });

    it('walks an offer, claims by an organizer and by the member in person, completion, and a relation recorded and ended', async () => {
      const offer = ok(
        await app.request(
          PublishServiceOfferDocument,
          { input: { compoundId: dushi, kind: 'SERVICE', title: '理发进楼院', description: '每月第一个周六为老人理发' } },
          { as: 'admin.zhenxing' },
        ),
      ).publishServiceOffer.offer!;
      expect(
        codes(
          await app.request(
            PublishServiceOfferDocument,
            { input: { compoundId: dushi, kind: 'SERVICE', title: 'x', description: 'x' } },
            { as: 'resident.zhenxing' },
          ),
        ),
      ).toEqual(['FORBIDDEN']);

      const claim = (membershipId: string, as: string) =>
        app.request(ClaimServiceOfferDocument, { input: { offerId: offer.id, membershipId } }, { as });
      // A LOCAL member does not claim (认领 is for those reporting here).
      const [local] = await sql<{ id: number }>(
        app.database,
        "select id from party_membership where community_id = $1 and organization_relation = 'LOCAL' order by id limit 1",
        [pkOf(zhenxing)],
      );
      expect(ok(await claim(gid('PartyMembership', local.id), 'admin.zhenxing')).claimServiceOffer.userErrors.map((e) => e.code)).toEqual([
        'NOT_A_REPORTING_MEMBER',
      ]);
      // The member in person, for their own membership only; another community's principal finds nothing.
      expect(codes(await claim(reporting[1], 'reporter.zhenxing'))).toEqual(['FORBIDDEN']);
      expect(codes(await claim(reporting[0], 'admin.yongkangbeilu'))).toEqual(['NOT_FOUND']);
      const own = ok(await claim(reporting[0], 'reporter.zhenxing')).claimServiceOffer;
      expect(own.claim).toMatchObject({ claimedOn: '2026-11-19', offer: { title: '理发进楼院' } });
      expect(ok(await claim(reporting[0], 'reporter.zhenxing')).claimServiceOffer.userErrors.map((e) => e.code)).toEqual(['TAKEN']);
      // The organizer records one for the member without a home branch on the platform.
      const third = ok(await claim(reporting[2], 'admin.zhenxing')).claimServiceOffer.claim!;
      // A closed offer takes no more claims.
      const [legal] = await sql<{ id: number }>(app.database, "select id from service_offer where title = '法律咨询进小区'");
      const close = (as: string) =>
        app.request(CloseServiceOfferDocument, { input: { offerId: gid('ServiceOffer', legal.id), closedOn: '2026-11-18' } }, { as });
      expect(codes(await close('reporter.zhenxing'))).toEqual(['FORBIDDEN']);
      expect(codes(await close('secretary.xinyuan'))).toEqual(['NOT_FOUND']);
      expect(ok(await close('admin.zhenxing')).closeServiceOffer.offer!.closedOn).toBe('2026-11-18');
      expect(ok(await close('admin.zhenxing')).closeServiceOffer.userErrors.map((e) => e.code)).toEqual(['ALREADY_ENDED']);
      expect(
        ok(
          await app.request(
            ClaimServiceOfferDocument,
            { input: { offerId: gid('ServiceOffer', legal.id), membershipId: reporting[0] } },
            { as: 'reporter.zhenxing' },
          ),
        ).claimServiceOffer.userErrors.map((e) => e.code),
      ).toEqual(['OFFER_CLOSED']);

      const complete = (claimId: string, as: string) =>
        app.request(
          CompleteServiceClaimDocument,
          { input: { claimId, minutes: 120, outcome: '为6位老人理发', completedOn: '2026-11-19' } },
          { as },
        );
      expect(codes(await complete(third.id, 'reporter.zhenxing'))).toEqual(['FORBIDDEN']);
      expect(ok(await complete(own.claim!.id, 'reporter.zhenxing')).completeServiceClaim.claim).toMatchObject({
        minutes: 120,
        outcome: '为6位老人理发',
        completedOn: '2026-11-19',
      });

      const seen = async () => {
        const node = ok(await app.request(BranchReportedClaimsDocument, { id: xinyuanBranch }, { as: 'secretary.xinyuan' })).node;
        return node && 'reportedServiceClaims' in node ? node.reportedServiceClaims.filter((c) => c.title === '理发进楼院') : [];
      };
      expect(await seen()).toMatchObject([{ minutes: 120, completedOn: '2026-11-19' }]);

      // The third member's home branch is recorded: from that day on, their claims reach it.
      const record = (homeBranchId: string, as = 'admin.zhenxing') =>
        app.request(
          RecordReportingRelationDocument,
          { input: { membershipId: reporting[2], homeBranchId, recordedOn: '2026-11-19' } },
          { as },
        );
      expect(codes(await record(xinyuanBranch, 'resident.zhenxing'))).toEqual(['FORBIDDEN']);
      expect(codes(await record(gid('CompoundBranch', 2_000_000_000)))).toEqual(['NOT_FOUND']);
      expect(ok(await record(dushi)).recordReportingRelation.userErrors.map((e) => e.code)).toEqual(['INVALID']);
      const relation = ok(await record(xinyuanBranch)).recordReportingRelation.relation!;
      expect(relation.homeBranchId).toBe(xinyuanBranch);
      expect((await seen()).length).toBe(2);
      const ended = ok(
        await app.request(
          EndReportingRelationDocument,
          { input: { relationId: relation.id, endedOn: '2026-11-19' } },
          { as: 'admin.zhenxing' },
        ),
      ).endReportingRelation.relation!;
      expect(ended.endedOn).toBe('2026-11-19');
      expect((await seen()).length).toBe(2); // claimed while the relation held
    });

    it('lists offers with their claims and members in constant statements', async () => {
      const count = async () => {
        const res = await app.request(CommunityServiceOffersDocument, { id: zhenxing }, { as: 'admin.zhenxing' });
        return { offers: ok(res).community!.serviceOffers, statements: res.extensions!.sqlStatements };
      };
      const before = await count();
      for (let i = 0; i < 3; i++) {
        const offer = ok(
          await app.request(
            PublishServiceOfferDocument,
            { input: { communityId: zhenxing, kind: 'PROJECT', title: `口袋公园${i}`, description: '认领测试' } },
            { as: 'admin.zhenxing' },
          ),
        ).publishServiceOffer.offer!;
        for (const m of reporting)
          ok(await app.request(ClaimServiceOfferDocument, { input: { offerId: offer.id, membershipId: m } }, { as: 'admin.zhenxing' }));
      }
      const after = await count();
      expect(after.offers.length).toBe(before.offers.length + 3);
      expect(after.offers.flatMap((o) => o.claims).length).toBeGreaterThan(before.offers.flatMap((o) => o.claims).length + 8);
      expect(after.statements).toBe(before.statements);
      expect(after.statements).toBeLessThanOrEqual(10);
    });
  });

  describe('public profiles (亮身份、亮职责、亮承诺)', () => {
    it('the member writes their profile; residents of the compound see the shown fields and nothing personal', async () => {
      const [member] = await sql<{ id: number; door: string }>(
        app.database,
        `select p.id, h.door_no as door from user_account u join person p on p.id = u.person_id join household h on h.id = p.household_id
          where u.login = 'member.xinyuan'`,
      );
      await setPersonalValues(app.database, member.id, { phone: '13912345678', idNumber: '14010519800101001X' });
      const profile = ok(
        await app.request(
          UpdateMyMemberProfileDocument,
          {
            input: {
              post: '馨园第1党小组党员',
              duties: '联系本单元独居老人',
              pledge: '有事找党员，随叫随到',
              responsibilityZone: '5号楼2单元',
              pioneerPost: '垃圾分类督导岗',
              shown: ['PLEDGE', 'PIONEER_POST'],
            },
          },
          { as: 'member.xinyuan' },
        ),
      ).updateMyMemberProfile;
      expect(profile.userErrors).toEqual([]);
      expect(ok(await app.request(MyMemberProfileDocument, {}, { as: 'member.xinyuan' })).myMemberProfile).toMatchObject({
        post: '馨园第1党小组党员',
        duties: '联系本单元独居老人',
        responsibilityZone: '5号楼2单元',
        shown: ['PLEDGE', 'PIONEER_POST'],
      });

      const { res, profiles } = await profilesSeenBy('resident.xinyuan');
      const [name] = await sql<{ name: string }>(app.database, 'select name from person where id = $1', [member.id]);
      const seen = profiles.find((p) => p.name === name.name);
      expect(seen).toEqual({
        name: name.name,
        post: null,
        duties: null,
        pledge: '有事找党员，随叫随到',
        responsibilityZone: null,
        pioneerPost: '垃圾分类督导岗',
      });
      const text = JSON.stringify(res);
      for (const secret of ['13912345678', '14010519800101001X', '5号楼2单元', '联系本单元独居老人']) expect(text).not.toContain(secret);
      expect(text).not.toContain(`"${member.door}"`);
      // The type has nothing else to ask for.
      const probe = await app.request(
        `query { node(id: "${xinyuan}") { ... on Compound { memberProfiles { name phone doorNo idNumber } } } }`,
        {},
        { as: 'resident.xinyuan' },
      );
      expect(probe.errors?.[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');

      // Hiding everything takes the member off the list.
      ok(await app.request(UpdateMyMemberProfileDocument, { input: { shown: [] } }, { as: 'member.xinyuan' }));
      expect((await profilesSeenBy('resident.xinyuan')).profiles.map((p) => p.name)).not.toContain(name.name);
      // The community's administrator reads them too; the district does not (no names above the community).
      expect(ok(await app.request(CompoundMemberProfilesDocument, { id: xinyuan }, { as: 'admin.yongkangbeilu' })).node).toBeTruthy();
      expect(codes(await app.request(CompoundMemberProfilesDocument, { id: xinyuan }, { as: 'district.xiaodian' }))).toEqual(['FORBIDDEN']);
    });

    it('demo profiles show what each member chose; readers outside the compound’s people are refused', async () => {
      const { profiles } = await profilesSeenBy('resident.zhenxing');
      // Five demo profiles, one hiding everything.
      expect(profiles.length).toBe(4);
      expect(profiles.find((p) => p.pledge === '守护楼院平安，邻里互帮互助')).toMatchObject({
        post: null,
        duties: null,
        responsibilityZone: null,
        pioneerPost: null,
      });
      // A resident of another community: as if the compound did not exist; the district: refused (no names above the community).
      expect(ok(await app.request(CompoundMemberProfilesDocument, { id: dushi }, { as: 'resident.xinyuan' })).node).toBeNull();
      expect(codes(await app.request(CompoundMemberProfilesDocument, { id: dushi }, { as: 'district.gaoxin' }))).toEqual(['FORBIDDEN']);
      // A resident of another compound of the same community is not a resident of this one.
      const [other] = await sql<{ id: number; household: number }>(
        app.database,
        `select p.id, p.household_id as household from person p join household h on h.id = p.household_id join compound c on c.id = h.compound_id
          where c.name = '桂竹花园' order by p.id limit 1`,
      );
      await createLogin('resident.guizhu', other.id, 'RESIDENT', 'HOUSEHOLD', other.household);
      expect(codes(await app.request(CompoundMemberProfilesDocument, { id: dushi }, { as: 'resident.guizhu' }))).toEqual(['FORBIDDEN']);
      // Not a party member: no profile to write.
      expect(
        ok(
          await app.request(UpdateMyMemberProfileDocument, { input: { pledge: '我也想' } }, { as: 'resident.xinyuan' }),
        ).updateMyMemberProfile.userErrors.map((e) => e.code),
      ).toEqual(['NOT_A_PARTY_MEMBER']);
    });
  });
});
