import { Migration } from '@mikro-orm/migrations';

/*
 * A proposal's payment is not reversed through the ledger. reverseLedgerEntry, open to a single
 * account manager, could reverse the expense that paid a proposal: the money came back while the
 * proposal still read PAID, undoing a payment that needed two independent people with one. The
 * service refuses it (PROPOSAL_PAYMENT); this trigger refuses the same for every writer. Money a
 * payee returns is income, recorded as such. Existing reversals of payments (if any) stay.
 */

const PAYMENT_NOT_REVERSED = String.raw`
create function ledger_entry_payment_not_reversed() returns trigger language plpgsql as $$
begin
  if new.reverses_id is null then return new; end if;
  if exists (select 1 from ledger_entry e where e.id = new.reverses_id and e.proposal_id is not null) then
    raise exception 'entry % is the payment of a spending proposal: it is not reversed', new.reverses_id
      using errcode = '23514', constraint = 'ledger_entry_payment_not_reversed';
  end if;
  return new;
end $$;
create trigger ledger_entry_payment_not_reversed before insert on ledger_entry
  for each row execute function ledger_entry_payment_not_reversed();
`;

export class Migration20261214300000_payments_not_reversed extends Migration {
  override async up(): Promise<void> {
    this.addSql(PAYMENT_NOT_REVERSED);
  }

  override async down(): Promise<void> {
    this.addSql('drop trigger if exists ledger_entry_payment_not_reversed on ledger_entry;');
    this.addSql('drop function if exists ledger_entry_payment_not_reversed();');
  }
}
