import { Migration } from '@mikro-orm/migrations';
import { TOUCH_PERSON } from './Migration20261210100000_locks_before_reads';
import { TOUCHES, touchFunction, touchOnce } from './Migration20261211100000_one_lock_order';

/*
 * A household with residents moving to another compound (docs/figures.md, the lock-order cases
 * left). Re-pathing its residents (household_cascade, a row trigger) runs the persons' difference
 * trigger before the household's own statement-level recount; that trigger locked the roll-up rows
 * of every compound its rows' households are in — the new compound alone — before finding that the
 * residents' count changes nowhere (same person, same household: +1 and −1). The recount then
 * locked both compounds in key order, so a move from A to B held B while waiting for A, and the
 * opposite move (or any writer holding A, then wanting B) deadlocked with it.
 *
 * The trigger now locks only the compounds of rows whose difference is not zero, and returns at
 * once when there are none: re-pathing persons takes no roll-up row at all, and the household's
 * recount takes both in key order, holding nothing before. The member households' trigger, which
 * the same cascade sets off for a member household (党员中心户), recounts on an update only the
 * compounds of rows whose counted columns changed (household, undesignation, plate), for the same
 * reason. Nothing else the cascade updates has a roll-up. (Locking both compounds before the move
 * instead was not done: a household insert takes its building's count row before its compound's,
 * and a move must keep that order too.)
 */

const LOCKED_BEFORE = `  execute format('select array(select distinct h.compound_id from (%s) x join household h on h.id = x.household_id order by 1)', v_rows)
    into v_locked;
`;

const LOCKED_NOW = `  -- Only where a difference is not zero (a re-pathed person is +1 and -1 in the same household).
  execute format('select array(select distinct h.compound_id from (select x.id, x.household_id from (%s) x group by 1, 2 having sum(x.s) <> 0) x
      join household h on h.id = x.household_id order by 1)', v_rows)
    into v_locked;
  if cardinality(v_locked) = 0 then
    perform set_config('app.grant', coalesce(v_grant, ''), true);
    return null;
  end if;
`;

if (!TOUCH_PERSON.includes(LOCKED_BEFORE)) throw new Error('Migration20261212100000: the persons trigger is not the one it replaces');
const TOUCH_PERSON_NOW = TOUCH_PERSON.replace(LOCKED_BEFORE, LOCKED_NOW);

const COUNTED = (a: string, b: string) =>
  `(${a}.household_id, ${a}.undesignated_on, ${a}.displays_plate) is distinct from (${b}.household_id, ${b}.undesignated_on, ${b}.displays_plate)`;

const TOUCH_MEMBER_HOUSEHOLD_NOW = touchFunction(
  'member_household',
  String.raw`  if TG_OP = 'INSERT' then perform lianxin_figures_refresh_compounds(array(${TOUCHES.member_household('new_rows')}));
  elsif TG_OP = 'DELETE' then perform lianxin_figures_refresh_compounds(array(${TOUCHES.member_household('old_rows')}));
  else
    -- Only rows whose counts change: a re-pathed member household (its household moved) is not one.
    perform lianxin_figures_refresh_compounds(array(${TOUCHES.member_household(`(
      select n.household_id from new_rows n left join old_rows o on o.id = n.id where o.id is null or ${COUNTED('n', 'o')}
      union all
      select o.household_id from old_rows o left join new_rows n on n.id = o.id where n.id is null or ${COUNTED('n', 'o')})`)}));
  end if;`,
);

export class Migration20261212100000_residents_move_in_order extends Migration {
  override async up(): Promise<void> {
    this.addSql([TOUCH_PERSON_NOW, TOUCH_MEMBER_HOUSEHOLD_NOW].join('\n'));
  }

  override async down(): Promise<void> {
    this.addSql([TOUCH_PERSON, touchOnce('member_household', TOUCHES.member_household)].join('\n'));
  }
}
