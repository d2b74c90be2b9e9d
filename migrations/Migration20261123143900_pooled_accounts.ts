import { Migration } from '@mikro-orm/migrations';

/*
 * Accounts pooled per joint branch: an account belongs to a compound or to a joint branch (then its
 * rows have no compound). The account's community comes from whichever it belongs to.
 */

const CHECKS_V2 = String.raw`
create or replace function co_managed_account_checks() returns trigger language plpgsql as $$
declare parent_community int;
begin
  if new.compound_id is not null then
    select community_id into parent_community from compound where id = new.compound_id;
    if not found then raise exception 'compound % does not exist', new.compound_id using errcode = '23503', constraint = 'co_managed_account_compound_exists'; end if;
  else
    select community_id into parent_community from compound_branch where id = new.branch_id;
    if not found then raise exception 'branch % does not exist', new.branch_id using errcode = '23503', constraint = 'co_managed_account_branch_exists'; end if;
  end if;
  new.community_id := lianxin_same_community(new.community_id, parent_community, 'co_managed_account_same_community');
  return new;
end $$;
drop trigger co_managed_account_checks on co_managed_account;
create trigger co_managed_account_checks before insert or update of community_id, compound_id, branch_id on co_managed_account
  for each row execute function co_managed_account_checks();
`;

const CHECKS_V1 = String.raw`
create or replace function co_managed_account_checks() returns trigger language plpgsql as $$
declare parent_community int;
begin
  select community_id into parent_community from compound where id = new.compound_id;
  if not found then raise exception 'compound % does not exist', new.compound_id using errcode = '23503', constraint = 'co_managed_account_compound_exists'; end if;
  new.community_id := lianxin_same_community(new.community_id, parent_community, 'co_managed_account_same_community');
  return new;
end $$;
drop trigger co_managed_account_checks on co_managed_account;
create trigger co_managed_account_checks before insert or update of community_id, compound_id on co_managed_account
  for each row execute function co_managed_account_checks();
`;

export class Migration20261123143900_pooled_accounts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "co_managed_account" add column "branch_id" int null;`);
    this.addSql(`alter table "co_managed_account" alter column "compound_id" drop not null;`);
    this.addSql(
      `alter table "co_managed_account" add constraint "co_managed_account_branch_id_foreign" foreign key ("branch_id") references "compound_branch" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(`alter table "co_managed_account" add constraint "co_managed_account_branch_id_unique" unique ("branch_id");`);
    this.addSql(
      `alter table "co_managed_account" add constraint co_managed_account_one_holder check((compound_id is null) <> (branch_id is null));`,
    );

    this.addSql(`alter table "monthly_statement" alter column "compound_id" drop not null;`);

    this.addSql(`alter table "expenditure_proposal" alter column "compound_id" drop not null;`);

    this.addSql(`alter table "ledger_entry" alter column "compound_id" drop not null;`);
    this.addSql(CHECKS_V2);
  }

  override async down(): Promise<void> {
    this.addSql(CHECKS_V1);
    this.addSql(`alter table "co_managed_account" drop constraint "co_managed_account_branch_id_foreign";`);

    this.addSql(`alter table "co_managed_account" drop constraint "co_managed_account_branch_id_unique";`);
    this.addSql(`alter table "co_managed_account" drop constraint co_managed_account_one_holder;`);
    this.addSql(`alter table "co_managed_account" drop column "branch_id";`);

    this.addSql(`alter table "co_managed_account" alter column "compound_id" set not null;`);

    this.addSql(`alter table "expenditure_proposal" alter column "compound_id" set not null;`);

    this.addSql(`alter table "ledger_entry" alter column "compound_id" set not null;`);

    this.addSql(`alter table "monthly_statement" alter column "compound_id" set not null;`);
  }
}
