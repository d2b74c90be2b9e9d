import { sql } from '../support/databases';
import { ok, startTestApp, gid, type TestApp } from '../support/test-app';
import { rollupDifferences } from './recompute';

/*
 * The roll-ups are maintained, not recomputed: random sequences of writes (new households and
 * residents, charges, payments through the API and directly, waivers, statements published,
 * committee seats and terms, elections, evaluations, answered objections, archiving, moves) and
 * after each step every roll-up row equals its direct recomputation from the base tables.
 */

/** A small deterministic generator (mulberry32), so a failing sequence can be replayed. */
function generator(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PAY = `mutation Pay($input: RecordFeePaymentInput!) { recordFeePayment(input: $input) { userErrors { code } charge { id paidFen } } }`;

describe('figures roll-ups under random writes', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('agree with the base tables before any write', async () => {
    expect(await rollupDifferences(app.database)).toEqual([]);
  });

  it('agree with the base tables after every step of a random sequence of writes', async () => {
    const random = generator(20261202);
    const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];
    const one = async (text: string, params: unknown[] = []) => (await sql<Record<string, unknown>>(app.database, text, params))[0];
    let n = 0;
    const steps: Record<string, () => Promise<unknown>> = {
      async newHousehold() {
        const u = await one('select id, community_id from unit order by random() limit 1');
        const h = await one('insert into household (community_id, unit_id, door_no) values ($1, $2, $3) returning id', [
          u.community_id,
          u.id,
          `T${++n}`,
        ]);
        await sql(app.database, "insert into person (community_id, household_id, name) values ($1, $2, '测试居民')", [
          u.community_id,
          h.id,
        ]);
      },
      async charge() {
        const s = await one('select s.id from fee_schedule s order by random() limit 1');
        const month = pick(['2026-11-01', '2026-12-01', '2025-01-01']);
        await sql(
          app.database,
          `insert into fee_charge (schedule_id, community_id, household_id, compound_id, building_id, period, amount_fen)
           select s.id, s.community_id, h.id, h.compound_id, h.building_id, $2::date, s.rate_fen
             from fee_schedule s join household h on h.compound_id = s.compound_id and h.archived_at is null
            where s.id = $1 on conflict do nothing`,
          [s.id, month],
        );
      },
      async payDirectly() {
        const c = await one(
          'select id, community_id, amount_fen - paid_fen - waived_fen as owing from fee_charge where paid_fen + waived_fen < amount_fen order by random() limit 1',
        );
        if (!c) return;
        const amount = Math.max(1, Math.floor(Number(c.owing) * pick([0.3, 1, 1])));
        await sql(
          app.database,
          "insert into fee_payment (charge_id, community_id, amount_fen, paid_on, recorded_by) values ($1, $2, $3, '2026-11-20', 'test')",
          [c.id, c.community_id, amount],
        );
      },
      async payThroughTheApi() {
        const c = await one(
          `select c.id, c.amount_fen - c.paid_fen - c.waived_fen as owing from fee_charge c join compound cp on cp.id = c.compound_id
            where cp.name = '馨园' and c.paid_fen + c.waived_fen < c.amount_fen order by random() limit 1`,
        );
        if (!c) return;
        const res = await app.request(
          PAY,
          { input: { chargeId: gid('FeeCharge', Number(c.id)), amountFen: Number(c.owing) } },
          { as: 'committee.xinyuan' },
        );
        expect(ok(res)).toBeTruthy();
      },
      async waive() {
        const c = await one(
          'select c.id, c.community_id from fee_charge c where c.paid_fen + c.waived_fen < c.amount_fen and not exists (select 1 from fee_waiver w where w.charge_id = c.id) order by random() limit 1',
        );
        if (c)
          await sql(
            app.database,
            "insert into fee_waiver (charge_id, community_id, amount_fen, reason, granted_by) select id, community_id, amount_fen - paid_fen - waived_fen, '测试', 'test' from fee_charge where id = $1",
            [c.id],
          );
      },
      async publish() {
        // The next month after the last one published, with the ledger's closing balance (months are published in order).
        const a = await one('select id, community_id, opened_on::text as opened from co_managed_account order by random() limit 1');
        const m = await one(
          "select coalesce((max(month) + interval '1 month')::date, date_trunc('month', $2::date)::date)::text as month from monthly_statement where account_id = $1 and published_at is not null",
          [a.id, a.opened],
        );
        const closing = `(select coalesce(sum(delta_fen), 0) from ledger_entry where account_id = $1 and occurred_on < ($3::date + interval '1 month')::date)`;
        await sql(
          app.database,
          `insert into monthly_statement (account_id, community_id, month, prepared_by, published_at, published_by, content, content_hash, closing_fen)
           values ($1, $2, $3::date, 'test', $3::date + interval '1 month' + interval '3 days' + (random() * 20 || ' days')::interval, 'test', '{}'::jsonb, repeat('0', 64), ${closing})
           on conflict (account_id, month) do update set published_at = excluded.published_at, published_by = 'test', content = '{}'::jsonb,
              content_hash = repeat('0', 64), closing_fen = excluded.closing_fen`,
          [a.id, a.community_id, m.month],
        );
      },
      async committeeSeat() {
        const pc = await one(
          "select pc.id, pc.community_id from property_committee pc where pc.status = 'SITTING' order by random() limit 1",
        );
        if (!pc) return;
        const p = await one(
          'select p.id, p.name from person p where p.community_id = $1 and not exists (select 1 from committee_member m where m.committee_id = $2 and m.person_id = p.id) order by random() limit 1',
          [pc.community_id, pc.id],
        );
        await sql(
          app.database,
          "insert into committee_member (committee_id, community_id, person_id, name, role, party_member) values ($1, $2, $3, $4, 'MEMBER', $5)",
          [pc.id, pc.community_id, p.id, p.name, random() < 0.3],
        );
      },
      async committeeTerm() {
        await sql(
          app.database,
          "update property_committee set term_end = term_start + (1 + floor(random() * 2000))::int where id = (select id from property_committee where status = 'SITTING' order by random() limit 1)",
        );
      },
      async archiveHousehold() {
        await sql(
          app.database,
          'update household set archived_at = now() where id = (select id from household where archived_at is null order by random() limit 1)',
        );
      },
      async moveResident() {
        await sql(
          app.database,
          `update person set household_id = (select h.id from household h where h.community_id = person.community_id and h.archived_at is null order by random() limit 1)
            where id = (select m.person_id from party_membership m where m.ended_on is null order by random() limit 1)`,
        );
      },
      // Persons' statements of several rows, across compounds: the roll-up adds their difference.
      async newResidents() {
        await sql(
          app.database,
          "insert into person (community_id, household_id, name) select community_id, id, '测试新居民' from household where archived_at is null order by random() limit 4",
        );
      },
      async moveResidents() {
        await sql(
          app.database,
          `update person set household_id = (select h.id from household h where h.community_id = person.community_id and h.archived_at is null
                                               and h.id <> person.household_id order by random() limit 1)
            where id in (select id from person where household_id is not null and archived_at is null order by random() limit 3)
               or id = (select m.person_id from party_membership m where m.ended_on is null order by random() limit 1)`,
        );
      },
      async residentsLeave() {
        await sql(
          app.database,
          'update person set household_id = null where id in (select id from person where household_id is not null order by random() limit 2)',
        );
      },
      async archiveResidents() {
        await sql(
          app.database,
          `update person set archived_at = now()
            where id in (select id from person where archived_at is null order by random() limit 2)
               or id = (select m.person_id from party_membership m join person p on p.id = m.person_id
                         where m.ended_on is null and p.archived_at is null order by random() limit 1)`,
        );
      },
      async restoreResidents() {
        await sql(
          app.database,
          'update person set archived_at = null where id in (select id from person where archived_at is not null order by random() limit 2)',
        );
      },
      async renameResidents() {
        await sql(app.database, "update person set name = name || '二' where id in (select id from person order by random() limit 3)");
      },
      async deleteResidents() {
        await sql(
          app.database,
          `delete from person p where p.name like '测试新居民%' and p.id in (select id from person where name like '测试新居民%' order by random() limit 2)
              and not exists (select 1 from party_membership m where m.person_id = p.id)
              and not exists (select 1 from committee_member m where m.person_id = p.id)`,
        );
      },
      async endMembership() {
        await sql(
          app.database,
          "update party_membership set ended_on = '2026-11-01' where id = (select id from party_membership where ended_on is null order by random() limit 1)",
        );
      },
      async evaluate() {
        await sql(
          app.database,
          `insert into service_evaluation (compound_id, community_id, household_id, quarter, score)
           select h.compound_id, h.community_id, h.id, '2026-10-01', 1 + floor(random() * 5)::int from household h
            where h.archived_at is null and h.compound_id in (select compound_id from service_list)
              and not exists (select 1 from service_evaluation e where e.household_id = h.id and e.quarter = '2026-10-01' and e.item_id is null)
            order by random() limit 3`,
        );
      },
      async answerObjection() {
        await sql(
          app.database,
          "update service_objection set answer = '已处理', answered_by = 'test', answered_at = now() where id = (select id from service_objection where answered_at is null order by random() limit 1)",
        );
      },
      async ungroupBuilding() {
        await sql(
          app.database,
          'update building set group_id = null where id = (select id from building where group_id is not null order by random() limit 1)',
        );
      },
      async propertyMode() {
        await sql(app.database, 'update compound set property_mode = $1 where id = (select id from compound order by random() limit 1)', [
          pick(['NONE', 'COMPANY', 'RED_PROPERTY', 'SELF_MANAGED']),
        ]);
      },
      async communityRule() {
        await sql(
          app.database,
          'update community set party_member_ratio_min = $1 where id = (select id from community order by random() limit 1)',
          [pick([50, 60, 70])],
        );
      },
    };
    const names = Object.keys(steps);
    const done: string[] = [];
    const failed: string[] = [];
    for (let i = 0; i < 45; i++) {
      const name = names[i < names.length ? i : Math.floor(random() * names.length)];
      try {
        await steps[name]();
        done.push(name);
      } catch (err) {
        failed.push(`${name}: ${(err as Error).message}`);
        continue;
      }
      const differences = await rollupDifferences(app.database);
      if (differences.length) throw new Error(`after step ${i} (${name}):\n${differences.join('\n')}`);
    }
    // Every kind of write ran at least once, and (nearly) every step was accepted by the database.
    expect(failed).toEqual([]);
    expect(new Set(done)).toEqual(new Set(names));
  });
});
