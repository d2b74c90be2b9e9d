import { Migration } from '@mikro-orm/migrations';

/*
 * One lock order for every writer of a row two transactions can both want (review of 2026-12-02,
 * the known gaps in docs/decisions.md and docs/figures.md). A deadlock aborts one of the two
 * statements (40P01) and nothing retries it; taking shared rows in key order makes the later one wait.
 *
 * - Units before a move re-paths them. A household insert locks its units FOR SHARE in key order
 *   (Migration20261210100000_locks_before_reads); a building (or the compound or building group
 *   above it) moving re-paths its units in whatever order its update scans them, so a statement
 *   inserting into two units of a moving building could hold one and wait for the other while the
 *   move did the reverse. These cascades now lock what lies beneath them top down, each level in key
 *   order (buildings, then units), before they update anything, as every other writer goes (a
 *   building's row before its units); the cascades they set off below find the rows held by their
 *   own transaction. FOR NO KEY UPDATE: re-pathing is a non-key update. A branch's or community's
 *   move re-paths its compounds and groups one after another, each taking its own in order.
 * - The compounds' roll-up rows, once per statement. The recount triggers recounted the compounds
 *   of the new rows and then, in a second call, those of the old rows: an update moving rows from
 *   compound A to B locked B then A, the reverse move A then B. One call over both sets locks them
 *   together, in compound order (as the recount does); an update staying in its compound now
 *   recounts it once instead of twice.
 * - A roll-up row that does not exist yet. The recount created a missing row in its counting
 *   statement, so a second recount of the same new compound waited for the first's insert inside
 *   ON CONFLICT and then overwrote it with counts from before the first committed. The missing rows
 *   are now created first, empty, in a statement of their own (as the months' recount does since
 *   Migration20261210200000_months_lock_first); the lock and the counts follow in later statements.
 */

/** Compound ids of one transition table `t` (a table expression aliased x), per recount trigger. */
export const TOUCHES: Record<string, (t: string) => string> = {
  building: (t) => `select distinct x.compound_id from ${t} x`,
  committee_election: (t) => `select distinct x.compound_id from ${t} x`,
  committee_member: (t) => `select distinct pc.compound_id from ${t} x join property_committee pc on pc.id = x.committee_id`,
  compound: (t) => `select distinct x.id from ${t} x`,
  compound_branch: (t) => `select cp.id from compound cp where cp.branch_id in (select x.id from ${t} x)`,
  compound_branch_assignment: (t) => `select distinct x.compound_id from ${t} x`,
  household: (t) => `select distinct x.compound_id from ${t} x`,
  member_household: (t) => `select distinct h.compound_id from ${t} x join household h on h.id = x.household_id`,
  party_membership: (t) =>
    `select distinct h.compound_id from ${t} x join person p on p.id = x.person_id join household h on h.id = p.household_id`,
  property_committee: (t) => `select distinct x.compound_id from ${t} x`,
};

export const touchFunction = (name: string, body: string) => String.raw`
create or replace function lianxin_figures_touch_${name}() returns trigger
language plpgsql volatile security definer set search_path = pg_catalog, public as $$
declare v_grant text := current_setting('app.grant', true);
begin
  perform lianxin_grant_everything();
${body}
  perform set_config('app.grant', coalesce(v_grant, ''), true);
  return null;
end $$;`;

// One recount per statement, over the compounds of the new and the old rows together. A transition
// table the trigger does not have may not be named, hence one branch per operation.
export const touchOnce = (name: string, ids: (t: string) => string) =>
  touchFunction(
    name,
    String.raw`  if TG_OP = 'INSERT' then perform lianxin_figures_refresh_compounds(array(${ids('new_rows')}));
  elsif TG_OP = 'DELETE' then perform lianxin_figures_refresh_compounds(array(${ids('old_rows')}));
  else perform lianxin_figures_refresh_compounds(array(${ids('(select * from new_rows union all select * from old_rows)')}));
  end if;`,
  );
const TOUCH_ONCE = Object.entries(TOUCHES)
  .map(([name, ids]) => touchOnce(name, ids))
  .join('\n');

// As Migration20261202100000_figures (and the migrations that added triggers after it) left them.
const TOUCH_TWICE = Object.entries(TOUCHES)
  .map(([name, ids]) =>
    touchFunction(
      name,
      String.raw`  if TG_OP in ('INSERT', 'UPDATE') then perform lianxin_figures_refresh_compounds(array(${ids('new_rows')})); end if;
  if TG_OP in ('UPDATE', 'DELETE') then perform lianxin_figures_refresh_compounds(array(${ids('old_rows')})); end if;`,
    ),
  )
  .join('\n');

// The recount of Migration20261210100000_locks_before_reads, with its missing rows created first.
const REFRESH_COMPOUNDS = (rowsFirst: boolean) => String.raw`
create or replace function lianxin_figures_refresh_compounds(p_ids int[]) returns void
language plpgsql volatile security definer set search_path = pg_catalog, public as $$
declare v_grant text := current_setting('app.grant', true);
begin
  if p_ids is null or cardinality(p_ids) = 0 then return; end if;
  perform lianxin_grant_everything();${
    rowsFirst
      ? `
  -- A compound without a roll-up row gets an empty one first (compound order); one another
  -- transaction is creating is waited for here and left to it. Only the counts below fill them, in
  -- this transaction, so no reader sees an empty row.
  execute 'insert into lianxin_figures_compound
             (compound_id, community_id, archived, property_mode, branch_kind, branch_id, graduated, households,
              grouped_households, residents, party_members, external_party_members, member_households, plates,
              committee_sitting, committee_compliant, committee_term_end, election_open)
           select cp.id, cp.community_id, false, cp.property_mode, ''NONE'', null, false, 0, 0, 0, 0, 0, 0, 0, false, false, null, false
             from compound cp
            where cp.id = any ($1) and not exists (select 1 from lianxin_figures_compound f where f.compound_id = cp.id)
            order by cp.id
           on conflict (compound_id) do nothing'
    using p_ids;`
      : ''
  }
  -- The rows first (compound order), then the counts in a statement that starts after the lock was
  -- granted, so they hold whatever the lock's previous holder committed.
  execute 'select 1 from lianxin_figures_compound f where f.compound_id = any ($1) order by f.compound_id for no key update'
    using p_ids;
  -- Planned on each call with the tables as they are (Migration20261206200000_replanned_given_checks).
  execute $q$
  insert into lianxin_figures_compound as f
  select cp.id, cp.community_id, cp.archived_at is not null, cp.property_mode, coalesce(br.kind, 'NONE'), cp.branch_id,
         exists (select 1 from compound_branch_assignment a where a.compound_id = cp.id and a.until is null and a.reason = 'GRADUATED'),
         (select count(*) from household h where h.compound_id = cp.id and h.archived_at is null),
         (select count(*) from household h join building b on b.id = h.building_id
           where h.compound_id = cp.id and h.archived_at is null and b.group_id is not null),
         (select count(*) from person p join household h on h.id = p.household_id
           where h.compound_id = cp.id and h.archived_at is null and p.archived_at is null),
         (select count(*) from party_membership m join person p on p.id = m.person_id join household h on h.id = p.household_id
           where h.compound_id = cp.id and h.archived_at is null and p.archived_at is null and m.ended_on is null),
         (select count(*) from party_membership m join person p on p.id = m.person_id join household h on h.id = p.household_id
           where h.compound_id = cp.id and h.archived_at is null and p.archived_at is null and m.ended_on is null
             and m.organization_relation = 'EXTERNAL'),
         (select count(*) from member_household mh join household h on h.id = mh.household_id
           where h.compound_id = cp.id and h.archived_at is null and mh.undesignated_on is null),
         (select count(*) from member_household mh join household h on h.id = mh.household_id
           where h.compound_id = cp.id and h.archived_at is null and mh.undesignated_on is null and mh.displays_plate),
         pc.id is not null,
         coalesce((select count(*) > 0 and 100 * count(*) filter (where cm.party_member) >= c.party_member_ratio_min * count(*)
                     from committee_member cm where cm.committee_id = pc.id), false),
         pc.term_end,
         exists (select 1 from committee_election e where e.compound_id = cp.id and e.status in ('NOMINATING', 'VOTED'))
    from compound cp
    join community c on c.id = cp.community_id
    left join compound_branch br on br.id = cp.branch_id
    left join property_committee pc on pc.compound_id = cp.id and pc.status = 'SITTING'
   where cp.id = any ($1)
  on conflict (compound_id) do update set
    community_id = excluded.community_id, archived = excluded.archived, property_mode = excluded.property_mode,
    branch_kind = excluded.branch_kind, branch_id = excluded.branch_id, graduated = excluded.graduated, households = excluded.households, grouped_households = excluded.grouped_households,
    residents = excluded.residents, party_members = excluded.party_members, external_party_members = excluded.external_party_members,
    member_households = excluded.member_households, plates = excluded.plates, committee_sitting = excluded.committee_sitting,
    committee_compliant = excluded.committee_compliant, committee_term_end = excluded.committee_term_end,
    election_open = excluded.election_open
  $q$ using p_ids;
  perform set_config('app.grant', coalesce(v_grant, ''), true);
end $$;`;

/**
 * What a cascade locks before it re-paths, top down and each level in key order, as every other
 * writer goes: a building's row before its units (a building move, an edit of a building followed
 * by a household insert), units before households. Only the cascades right above units: a move of
 * a branch or community re-paths its compounds and groups one by one (each then locking its own).
 */
const LOCKS_BENEATH: Record<string, string[]> = {
  building_group: [
    'perform 1 from building b where b.group_id = new.id order by b.id for no key update;',
    'perform 1 from unit u where u.building_id in (select b.id from building b where b.group_id = new.id) order by u.id for no key update;',
  ],
  compound: [
    'perform 1 from building b where b.compound_id = new.id order by b.id for no key update;',
    'perform 1 from unit u where u.building_id in (select b.id from building b where b.compound_id = new.id) order by u.id for no key update;',
  ],
  building: ['perform 1 from unit u where u.building_id = new.id order by u.id for no key update;'],
};

/** The cascades' own updates, as Migration20261123100100_hierarchy_paths wrote them. */
const CASCADES: Record<string, string> = {
  community: `  update compound_branch set path = path where community_id = new.id;
  update compound set path = path where community_id = new.id;
  update person set path = path where community_id = new.id and household_id is null;`,
  compound_branch: `  update building_group set path = path where branch_id = new.id;
  update compound set path = path where branch_id = new.id;`,
  building_group: '  update building set path = path where group_id = new.id;',
  compound: '  update building set path = path where compound_id = new.id;',
  building: '  update unit set path = path where building_id = new.id;',
};

const cascades = (locksFirst: boolean) =>
  Object.entries(CASCADES)
    .map(
      ([name, updates]) => String.raw`
create or replace function ${name}_cascade() returns trigger language plpgsql as $$
begin${
        locksFirst && LOCKS_BENEATH[name]
          ? `
  -- Beneath, top down and in key order, before anything is re-pathed (a household insert locks units in key order).
${LOCKS_BENEATH[name].map((line) => `  ${line}`).join('\n')}`
          : ''
      }
${updates}
  return null;
end $$;`,
    )
    .join('\n');

export class Migration20261211100000_one_lock_order extends Migration {
  override async up(): Promise<void> {
    this.addSql([REFRESH_COMPOUNDS(true), TOUCH_ONCE, cascades(true)].join('\n'));
  }

  override async down(): Promise<void> {
    this.addSql([REFRESH_COMPOUNDS(false), TOUCH_TWICE, cascades(false)].join('\n'));
  }
}
