import { CreateApiKeyDocument, HouseholdPersonalDocument } from '../generated/graphql';
import { sql } from '../support/databases';
import { setPersonalValues } from '../support/people';
import { gid, ok, startTestApp, type TestApp } from '../support/test-app';

/*
 * Personal data (phone, identity number, the exact room, vulnerability tags) in plain for a duty
 * of care only; masked or null for everyone else who may see the household — never an error.
 */

describe('personal data', () => {
  let app: TestApp;
  let household: string;
  let self: number;
  let family: number;
  let door: string;

  beforeAll(async () => {
    app = await startTestApp();
    // resident.xinyuan's household, with a phone and an identity number on record for two of its persons.
    const [row] = await sql<{ household_id: number; person_id: number }>(
      app.database,
      "select p.household_id, p.id as person_id from user_account u join person p on p.id = u.person_id where u.login = 'resident.xinyuan'",
    );
    self = row.person_id;
    [{ id: family }] = await sql<{ id: number }>(
      app.database,
      'select id from person where household_id = $1 and id <> $2 order by id limit 1',
      [row.household_id, self],
    );
    household = gid('Household', row.household_id);
    [{ door_no: door }] = await sql<{ door_no: string }>(
      app.database,
      "update household set vulnerability_tags = '{ELDERLY_ALONE,LOW_INCOME}' where id = $1 returning door_no",
      [row.household_id],
    );
    await setPersonalValues(app.database, self, { phone: '13812341234', idNumber: '14010519800101123X' });
    await setPersonalValues(app.database, family, { phone: '13987654321', idNumber: '140105198203041234' });
  });
  afterAll(() => app.close());

  async function view(as: string | { as: null; headers: Record<string, string> }) {
    const res = await app.request(HouseholdPersonalDocument, { id: household }, typeof as === 'string' ? { as } : as);
    expect(res.errors).toBeUndefined();
    const node = ok(res).node as {
      doorNo: string;
      vulnerabilityTags: string[] | null;
      persons: { nodes: Array<{ id: string; phone: string | null; idNumber: string | null }> };
    };
    const person = (pk: number) => {
      const found = node.persons.nodes.find((p) => p.id === gid('Person', pk))!;
      return { id: found.id, phone: found.phone, idNumber: found.idNumber };
    };
    return { doorNo: node.doorNo, tags: node.vulnerabilityTags, self: person(self), family: person(family) };
  }

  // Vulnerability tags are sensitive (issue 13): of these, only the branch secretary holds a duty of
  // care for them; the others read the rest of the household's personal data.
  it.each(['admin.yongkangbeilu', 'secretary.xinyuan', 'leader.xinyuan', 'grid.xinyuan'])(
    'is plain for %s, who has a duty of care here',
    async (as) => {
      expect(await view(as)).toEqual({
        doorNo: door,
        tags: as === 'secretary.xinyuan' ? ['ELDERLY_ALONE', 'LOW_INCOME'] : null,
        self: { id: gid('Person', self), phone: '13812341234', idNumber: '14010519800101123X' },
        family: { id: gid('Person', family), phone: '13987654321', idNumber: '140105198203041234' },
      });
    },
  );

  it.each(['committee.xinyuan', 'finance.xinyuan', 'owner.xinyuan'])(
    'is masked for %s, who may see the household but has no duty of care',
    async (as) => {
      expect(await view(as)).toEqual({
        doorNo: door[0] + '*'.repeat(door.length - 1),
        tags: null,
        self: { id: gid('Person', self), phone: '138****1234', idNumber: null },
        family: { id: gid('Person', family), phone: '139****4321', idNumber: null },
      });
    },
  );

  it('shows residents their own data and home, not their family’s identity numbers', async () => {
    expect(await view('resident.xinyuan')).toEqual({
      doorNo: door,
      tags: ['ELDERLY_ALONE', 'LOW_INCOME'],
      self: { id: gid('Person', self), phone: '13812341234', idNumber: '14010519800101123X' },
      family: { id: gid('Person', family), phone: '139****4321', idNumber: null },
    });
  });

  // Whoever may write door numbers reads them (docs/permissions.md, Personal data): the register's
  // service account supplies them. Its persons' numbers it matches by blind index, never reads.
  it('shows the register’s service account the door numbers it may write, and still not phones or identity numbers', async () => {
    const [sync] = await sql<{ id: number }>(app.database, "select id from service_account where name = 'sync.yongkangbeilu'");
    const { secret } = ok(
      await app.request(CreateApiKeyDocument, { input: { serviceAccountId: gid('ServiceAccount', sync.id) } }),
    ).createApiKey;
    expect(await view({ as: null, headers: { authorization: `Bearer ${secret!}` } })).toEqual({
      doorNo: door,
      tags: null,
      self: { id: gid('Person', self), phone: '138****1234', idNumber: null },
      family: { id: gid('Person', family), phone: '139****4321', idNumber: null },
    });
  });
});
