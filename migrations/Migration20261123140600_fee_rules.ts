import { Migration } from '@mikro-orm/migrations';
import { dropPolicy, policy } from './Migration20261123114500_row_level_security';

/*
 * Fees' rules in the database (tables: the migration before): tenant keys from the parent row; a
 * charge's compound and building from its household; paid and waived totals on the charge kept by
 * triggers from payments and the waiver (a check keeps them within the amount, and the charge row is
 * locked while they change); payments and waivers append-only; row-level security.
 */

const TABLES = ['fee_schedule', 'fee_charge', 'fee_payment', 'fee_waiver'];

const TRIGGERS = String.raw`
create function fee_schedule_checks() returns trigger language plpgsql as $$
declare parent_community int;
begin
  select community_id into parent_community from compound where id = new.compound_id;
  if not found then raise exception 'compound % does not exist', new.compound_id using errcode = '23503', constraint = 'fee_schedule_compound_exists'; end if;
  new.community_id := lianxin_same_community(new.community_id, parent_community, 'fee_schedule_same_community');
  return new;
end $$;
create trigger fee_schedule_checks before insert or update of community_id, compound_id on fee_schedule for each row execute function fee_schedule_checks();

create function fee_charge_checks() returns trigger language plpgsql as $$
declare home household%rowtype; sched fee_schedule%rowtype;
begin
  select * into home from household where id = new.household_id;
  if not found then raise exception 'household % does not exist', new.household_id using errcode = '23503', constraint = 'fee_charge_household_exists'; end if;
  select * into sched from fee_schedule where id = new.schedule_id;
  if not found then raise exception 'schedule % does not exist', new.schedule_id using errcode = '23503', constraint = 'fee_charge_schedule_exists'; end if;
  if sched.compound_id <> home.compound_id then
    raise exception 'the household is not in the schedule''s compound' using errcode = '23514', constraint = 'fee_charge_same_community';
  end if;
  new.community_id := lianxin_same_community(new.community_id, home.community_id, 'fee_charge_same_community');
  new.compound_id := home.compound_id;
  new.building_id := home.building_id;
  return new;
end $$;
create trigger fee_charge_checks before insert or update of community_id, household_id, schedule_id, compound_id, building_id on fee_charge
  for each row execute function fee_charge_checks();

create function fee_settlement() returns trigger language plpgsql as $$
declare parent_community int;
begin
  select community_id into parent_community from fee_charge where id = new.charge_id;
  if not found then raise exception 'charge % does not exist', new.charge_id using errcode = '23503', constraint = TG_TABLE_NAME || '_charge_exists'; end if;
  new.community_id := lianxin_same_community(new.community_id, parent_community, TG_TABLE_NAME || '_same_community');
  if TG_TABLE_NAME = 'fee_payment' then
    update fee_charge set paid_fen = paid_fen + new.amount_fen, updated_at = now() where id = new.charge_id;
  else
    update fee_charge set waived_fen = waived_fen + new.amount_fen, updated_at = now() where id = new.charge_id;
  end if;
  return new;
end $$;
create trigger fee_payment_settlement before insert on fee_payment for each row execute function fee_settlement();
create trigger fee_waiver_settlement before insert on fee_waiver for each row execute function fee_settlement();
create trigger fee_payment_append_only before update or delete on fee_payment for each row execute function lianxin_append_only();
create trigger fee_waiver_append_only before update or delete on fee_waiver for each row execute function lianxin_append_only();
`;

export class Migration20261123140600_fee_rules extends Migration {
  override async up(): Promise<void> {
    this.addSql(TRIGGERS);
    for (const table of TABLES) this.addSql(policy(table));
    this.addSql('revoke update, delete on table fee_payment, fee_waiver from lianxin_app;');
  }

  override async down(): Promise<void> {
    this.addSql('grant update on table fee_payment, fee_waiver to lianxin_app;');
    for (const table of TABLES) this.addSql(dropPolicy(table));
    this.addSql(
      'drop trigger if exists fee_payment_append_only on fee_payment; drop trigger if exists fee_waiver_append_only on fee_waiver;',
    );
    this.addSql(
      'drop trigger if exists fee_payment_settlement on fee_payment; drop trigger if exists fee_waiver_settlement on fee_waiver; drop function if exists fee_settlement();',
    );
    this.addSql('drop trigger if exists fee_charge_checks on fee_charge; drop function if exists fee_charge_checks();');
    this.addSql('drop trigger if exists fee_schedule_checks on fee_schedule; drop function if exists fee_schedule_checks();');
  }
}
