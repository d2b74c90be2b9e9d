import {
  AddCareHelpItemDocument,
  AppointCareStaffDocument,
  BranchCareCoverageDocument,
  CareHelpItemsDocument,
  CareMonthsDocument,
  CommunityCareCoverageDocument,
  HouseholdCareDocument,
  LinkCareHouseholdDocument,
  MyCareLinksDocument,
  PersonalDataReadsDocument,
  RecordCareVisitDocument,
} from '../generated/graphql';
import { sql } from '../support/databases';
import { DEMO, idByName } from '../support/demo';
import { codes, gid, ok, startTestApp, type TestApp } from '../support/test-app';

/*
 * Care links (the "147" method): a party member links special-group households with their consent,
 * records visits, and the branch's coverage list empties. Vulnerability tags are sensitive: only the
 * linked member, the branch secretary and the community's care staff read them — not the community
 * administrator as such, not the grid worker, not the district or the platform — and every value a
 * person other than its owner is shown plain is in the community's read log.
 */
describe('care links', () => {
  let app: TestApp;
  let community: string;
  let branch: string;
  let zhenxing: string;
  let memberPerson: string;
  let otherPerson: string;
  let adminPerson: string;
  const households: string[] = [];
  let items: Array<{ id: string; name: string }> = [];

  async function personOf(login: string): Promise<string> {
    const [row] = await sql<{ id: number }>(app.database, 'select person_id as id from user_account where login = $1', [login]);
    return gid('Person', row.id);
  }

  beforeAll(async () => {
    app = await startTestApp();
    community = await idByName(app.database, 'community', DEMO.yongkang, 'Community');
    zhenxing = await idByName(app.database, 'community', DEMO.zhenxing, 'Community');
    branch = await idByName(app.database, 'compound_branch', DEMO.xinyuanBranch, 'CompoundBranch');
    memberPerson = await personOf('member.xinyuan');
    otherPerson = await personOf('owner.xinyuan');
    adminPerson = await personOf('admin.yongkangbeilu');
    // Two households of Xinyuan carry a special-group tag (set up as the data a grid worker collected).
    const rows = await sql<{ id: number }>(
      app.database,
      `update household set vulnerability_tags = case when id % 2 = 0 then '{ADVANCED_AGE}'::text[] else '{ADVANCED_AGE,ELDERLY_ALONE}'::text[] end
        where id in (select h.id from household h join compound c on c.id = h.compound_id where c.name = $1
                      and not exists (select 1 from person p join user_account u on u.person_id = p.id where p.household_id = h.id)
                      order by h.id desc limit 2)
        returning id`,
      [DEMO.xinyuan],
    );
    households.push(...rows.map((r) => gid('Household', r.id)).sort());
    items = ok(await app.request(CareHelpItemsDocument, { id: community }, { as: 'member.xinyuan' })).community!.careHelpItems;
  });
  afterAll(() => app.close());

  it('gives every community the seven kinds of help of the article, editable by its administrator', async () => {
    expect(items.map((i) => i.name)).toEqual(['政策宣传', '走访慰问', '生活帮扶', '就医协助', '矛盾调解', '安全排查', '诉求代办']);
    const added = ok(
      await app.request(AddCareHelpItemDocument, { input: { communityId: community, name: '代购代缴' } }, { as: 'admin.yongkangbeilu' }),
    ).addCareHelpItem;
    expect(added.helpItem).toMatchObject({ name: '代购代缴', position: 8 });
    const again = ok(
      await app.request(AddCareHelpItemDocument, { input: { communityId: community, name: '代购代缴' } }, { as: 'admin.yongkangbeilu' }),
    ).addCareHelpItem;
    expect(again.userErrors.map((e) => e.code)).toEqual(['TAKEN']);
    expect(
      codes(await app.request(AddCareHelpItemDocument, { input: { communityId: community, name: '越权' } }, { as: 'secretary.xinyuan' })),
    ).toEqual(['FORBIDDEN']);
    expect(
      codes(await app.request(AddCareHelpItemDocument, { input: { communityId: zhenxing, name: '越权' } }, { as: 'admin.yongkangbeilu' })),
    ).toEqual(['NOT_FOUND']);
  });

  it('walks a member linking households with consent, recording visits, and the coverage list emptying', async () => {
    const before = ok(await app.request(BranchCareCoverageDocument, { id: branch }, { as: 'secretary.xinyuan' })).node!;
    if (!('careCoverage' in before)) throw new Error('expected a branch');
    expect(before.careCoverage.tagged).toBeGreaterThanOrEqual(2);
    const gap = before.careCoverage.uncoveredHouseholds.map((h) => h.id);
    expect(gap).toEqual(expect.arrayContaining(households));
    expect(before.careCoverage.uncoveredHouseholds.find((h) => h.id === households[0])!.vulnerabilityTags).toContain('ADVANCED_AGE');
    expect(before.careCoverage.compounds.find((c) => c.compound?.name === DEMO.xinyuan)!.uncovered).toBe(gap.length);

    const consent = { consentBy: '王大爷本人', consentedOn: '2026-01-02', consentScope: '走访日期和帮办事项；不记录健康状况' };
    const wrongTag = ok(
      await app.request(
        LinkCareHouseholdDocument,
        { input: { memberId: memberPerson, householdId: households[0], tag: 'LOW_INCOME', ...consent, linkedOn: '2026-01-03' } },
        { as: 'member.xinyuan' },
      ),
    ).linkCareHousehold;
    expect(wrongTag.userErrors.map((e) => [e.field.join('.'), e.code])).toEqual([['tag', 'NOT_TAGGED']]);
    // A member puts households on their own card only.
    expect(
      codes(
        await app.request(
          LinkCareHouseholdDocument,
          { input: { memberId: otherPerson, householdId: households[0], tag: 'ADVANCED_AGE', ...consent } },
          { as: 'member.xinyuan' },
        ),
      ),
    ).toEqual(['FORBIDDEN']);
    // A role that reads the household but is no party member of its branch (a committee member, its
    // personal data masked) cannot put it on a card of its own: that would give it a duty of care
    // over the tags. Refused before the tag is looked at (no NOT_TAGGED to probe the tags with).
    const committeePerson = await personOf('committee.xinyuan');
    for (const tag of ['ADVANCED_AGE', 'LOW_INCOME'] as const)
      expect(
        codes(
          await app.request(
            LinkCareHouseholdDocument,
            { input: { memberId: committeePerson, householdId: households[0], tag, ...consent } },
            { as: 'committee.xinyuan' },
          ),
        ),
      ).toEqual(['FORBIDDEN']);
    // Nor does the branch put a household on the card of someone who is not a party member.
    const notMember = ok(
      await app.request(
        LinkCareHouseholdDocument,
        { input: { memberId: committeePerson, householdId: households[0], tag: 'ADVANCED_AGE', ...consent } },
        { as: 'secretary.xinyuan' },
      ),
    ).linkCareHousehold;
    expect(notMember.userErrors.map((e) => [e.field.join('.'), e.code])).toEqual([['memberId', 'MISMATCH']]);

    const link = ok(
      await app.request(
        LinkCareHouseholdDocument,
        { input: { memberId: memberPerson, householdId: households[0], tag: 'ADVANCED_AGE', ...consent, linkedOn: '2026-01-03' } },
        { as: 'member.xinyuan' },
      ),
    ).linkCareHousehold.link!;
    expect(link).toMatchObject({ tag: 'ADVANCED_AGE', consentBy: '王大爷本人', consentedOn: '2026-01-02', linkedOn: '2026-01-03' });
    expect(link.household!.vulnerabilityTags).toContain('ADVANCED_AGE');
    // The door number is not sensitive data: it follows READ_PERSONAL_DATA, which a member does not hold.
    expect(link.household!.doorNo).toMatch(/\*/);

    // The branch secretary links the second household to the same member.
    const second = ok(
      await app.request(
        LinkCareHouseholdDocument,
        { input: { memberId: memberPerson, householdId: households[1], tag: 'ADVANCED_AGE', ...consent, linkedOn: '2026-01-03' } },
        { as: 'secretary.xinyuan' },
      ),
    ).linkCareHousehold.link!;

    const visit = (linkId: string, input: Record<string, unknown>) =>
      app.request(
        RecordCareVisitDocument,
        {
          input: {
            linkId,
            helpItemId: items[2].id,
            visitedOn: '2026-02-10',
            done: '帮助换煤气罐',
            outcome: 'SOLVED',
            minutesSpent: 40,
            ...input,
          },
        },
        { as: 'member.xinyuan' },
      );
    expect(ok(await visit(link.id, {})).recordCareVisit.visit).toMatchObject({
      outcome: 'SOLVED',
      minutesSpent: 40,
      recordedBy: 'member.xinyuan',
      helpItem: { name: '生活帮扶' },
    });
    ok(await visit(link.id, { helpItemId: items[3].id, outcome: 'PASSED_ON', done: '就医预约转社区卫生站', minutesSpent: 25 }));
    ok(await visit(second.id, { helpItemId: items[1].id, outcome: 'OPEN', done: '上门走访', minutesSpent: 30 }));
    const early = ok(await visit(link.id, { visitedOn: '2026-01-01' })).recordCareVisit;
    expect(early.userErrors.map((e) => e.code)).toEqual(['DATE_ORDER']);
    expect(
      codes(
        await app.request(
          RecordCareVisitDocument,
          { input: { linkId: link.id, helpItemId: items[0].id, visitedOn: '2026-02-10', done: 'x', outcome: 'OPEN', minutesSpent: 1 } },
          { as: 'grid.xinyuan' },
        ),
      ),
    ).toEqual(['FORBIDDEN']);

    const card = ok(await app.request(MyCareLinksDocument, {}, { as: 'member.xinyuan' })).myCareLinks;
    expect(card.map((l) => l.id).sort()).toEqual([link.id, second.id].sort());
    expect(card.find((l) => l.id === link.id)!.visits.nodes.map((v) => [v.helpItem!.name, v.outcome])).toEqual([
      ['生活帮扶', 'SOLVED'],
      ['就医协助', 'PASSED_ON'],
    ]);

    const after = ok(await app.request(BranchCareCoverageDocument, { id: branch }, { as: 'secretary.xinyuan' })).node!;
    if (!('careCoverage' in after)) throw new Error('expected a branch');
    expect(after.careCoverage.uncoveredHouseholds.map((h) => h.id)).toEqual(gap.filter((id) => !households.includes(id)));
    expect(after.careCoverage.linked).toBe(before.careCoverage.linked + 2);
  });

  it('never shows vulnerability tags to a role without a duty of care, district and platform included', async () => {
    const read = (as: string) => app.request(HouseholdCareDocument, { id: households[0] }, { as });
    const secretary = ok(await read('secretary.xinyuan')).node!;
    if (!('vulnerabilityTags' in secretary)) throw new Error('expected a household');
    expect(secretary.vulnerabilityTags).toContain('ADVANCED_AGE');
    expect(secretary.careLinks.map((l) => l.tag)).toEqual(['ADVANCED_AGE']);
    // The group leader may not even reach this household (another building group): refused or null, never the tags.
    const leader = await read('leader.xinyuan');
    expect(JSON.stringify(leader.data ?? null)).not.toContain('ADVANCED_AGE');
    for (const as of ['admin.yongkangbeilu', 'grid.xinyuan', 'platform.admin']) {
      const seen = ok(await read(as)).node!;
      if (!('vulnerabilityTags' in seen)) throw new Error(`expected a household for ${as}`);
      expect([as, seen.vulnerabilityTags]).toEqual([as, null]);
      expect([as, seen.careLinks.map((l) => l.tag)]).toEqual([as, [null]]);
    }
    // Officers above the community do not read households at all, nor the coverage.
    for (const as of ['district.xiaodian', 'street.xiaodian']) {
      const res = await read(as);
      expect([as, res.data?.node ?? null]).toEqual([as, null]);
      expect(codes(await app.request(CommunityCareCoverageDocument, { id: community }, { as }))).toEqual(['FORBIDDEN']);
    }
    // The coverage list is itself a list of vulnerable households: care staff and branch secretaries only.
    for (const as of ['admin.yongkangbeilu', 'grid.xinyuan', 'committee.xinyuan', 'member.xinyuan']) {
      expect([as, codes(await app.request(CommunityCareCoverageDocument, { id: community }, { as }))]).toEqual([as, ['FORBIDDEN']]);
    }
    expect(codes(await app.request(CommunityCareCoverageDocument, { id: zhenxing }, { as: 'admin.yongkangbeilu' }))).toEqual(['NOT_FOUND']);

    // Appointed to the care staff, the administrator gains the duty (and it is an audited act).
    const staff = ok(
      await app.request(
        AppointCareStaffDocument,
        { input: { communityId: community, personId: adminPerson } },
        { as: 'admin.yongkangbeilu' },
      ),
    ).appointCareStaff;
    expect(staff.userErrors).toEqual([]);
    const now = ok(await read('admin.yongkangbeilu')).node!;
    if (!('vulnerabilityTags' in now)) throw new Error('expected a household');
    expect(now.vulnerabilityTags).toContain('ADVANCED_AGE');
    const cover = ok(await app.request(CommunityCareCoverageDocument, { id: community }, { as: 'admin.yongkangbeilu' })).community!
      .careCoverage;
    expect(cover.linked).toBeGreaterThanOrEqual(2);
    expect(
      codes(
        await app.request(
          AppointCareStaffDocument,
          { input: { communityId: community, personId: memberPerson } },
          { as: 'secretary.xinyuan' },
        ),
      ),
    ).toEqual(['FORBIDDEN']);
  });

  it('logs every personal value shown plain to another person, readable by the community administrator only', async () => {
    const logOf = async () =>
      ok(await app.request(PersonalDataReadsDocument, { communityId: community, subjectId: households[1] }, { as: 'admin.yongkangbeilu' }))
        .personalDataReads;
    const before = await logOf();
    ok(await app.request(HouseholdCareDocument, { id: households[1] }, { as: 'secretary.xinyuan' }));
    ok(await app.request(HouseholdCareDocument, { id: households[1] }, { as: 'grid.xinyuan' }));
    const after = await logOf();
    const added = after.nodes.slice(before.nodes.length).map((n) => `${n.readerLabel} ${n.subjectType}.${n.field}`);
    // The admin's own reading of the log shows no personal values; the secretary saw tags and door;
    // the grid worker saw the door (READ_PERSONAL_DATA) but not the tags (masked: not logged).
    expect(added.sort()).toEqual([
      'grid.xinyuan Household.doorNo',
      'secretary.xinyuan Household.doorNo',
      'secretary.xinyuan Household.vulnerabilityTags',
    ]);
    expect(after.nodes.at(-1)!.reader!.login).toBe('grid.xinyuan');

    // The secretary's care link tag read is logged under the link.
    const linkReads = await sql<{ n: number }>(
      app.database,
      "select count(*)::int as n from personal_data_read where subject_type = 'CareLink' and field = 'tag' and reader_label = 'secretary.xinyuan'",
    );
    expect(linkReads[0].n).toBeGreaterThan(0);

    // A resident reading their own household is not a read of someone else's data.
    const own = await sql<{ n: number }>(
      app.database,
      "select count(*)::int as n from personal_data_read where reader_label = 'resident.xinyuan'",
    );
    expect(own[0].n).toBe(0);

    expect(codes(await app.request(PersonalDataReadsDocument, { communityId: community }, { as: 'secretary.xinyuan' }))).toEqual([
      'FORBIDDEN',
    ]);
    expect(codes(await app.request(PersonalDataReadsDocument, { communityId: community }, { as: 'district.xiaodian' }))).toEqual([
      'FORBIDDEN',
    ]);
    expect(codes(await app.request(PersonalDataReadsDocument, { communityId: zhenxing }, { as: 'admin.yongkangbeilu' }))).toEqual([
      'NOT_FOUND',
    ]);
  });

  it("reproduces Zhenxing's 147 figures and answers a community's coverage in a constant number of statements", async () => {
    const months = ok(
      await app.request(CareMonthsDocument, { id: zhenxing, from: '2026-01-01', to: '2026-12-31' }, { as: 'admin.zhenxing' }),
    ).community!.careMonths;
    expect(months.reduce((s, m) => s + m.visits, 0)).toBeGreaterThanOrEqual(170);
    expect(months.reduce((s, m) => s + m.solved, 0)).toBeGreaterThanOrEqual(90);

    const res = await app.request(CommunityCareCoverageDocument, { id: zhenxing }, { as: 'admin.zhenxing' });
    const cover = ok(res).community!.careCoverage;
    expect(cover.tagged).toBeGreaterThan(20);
    expect(cover.linked).toBe(cover.tagged);
    expect(cover.uncoveredHouseholds).toEqual([]);
    expect(cover.share).toBe(1);
    expect(cover.compounds.length).toBeGreaterThan(1);
    // begin_request, community, care staff duty, coverage, compounds (+ households when there is a gap).
    expect(res.extensions!.sqlStatements).toBeLessThanOrEqual(6);

    const big = await app.request(CommunityCareCoverageDocument, { id: community }, { as: 'admin.yongkangbeilu' });
    const small = await app.request(BranchCareCoverageDocument, { id: branch }, { as: 'secretary.xinyuan' });
    ok(big);
    ok(small);
    expect(big.extensions!.sqlStatements).toBeLessThanOrEqual(7);
    expect(small.extensions!.sqlStatements).toBeLessThanOrEqual(7);
  });
});
