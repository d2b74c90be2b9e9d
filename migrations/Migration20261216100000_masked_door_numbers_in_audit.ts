import { Migration } from '@mikro-orm/migrations';

/*
 * Door numbers are personal data (docs/access.md): plain only with a duty of care, and each plain
 * read is written to the personal-data read log. The audit log kept them plain, so whoever reads it
 * (`auditEntries`) read every door number a mutation had written without a read-log entry. The
 * recorder now keeps them as everyone without a duty of care sees them (core/audit/recorder.ts:
 * `502` → `5**`); entries written before are masked the same way here. The entry keeps that the
 * door number changed, when, by whom and from/to null. A reporter's name and a fee waiver's reason,
 * which those without a duty of care read as null, become `[personal]`, as the recorder now keeps
 * them. Idempotent (a masked value masks to itself).
 * Only the owner may update the append-only log.
 */
export const MASK_AUDIT_DOOR_NUMBERS = String.raw`
create function pg_temp.lianxin_mask_door(value jsonb) returns jsonb language sql immutable as $$
  select case
    when value is null or jsonb_typeof(value) <> 'string' then value
    when length(value #>> '{}') <= 1 then to_jsonb('*'::text)
    else to_jsonb(left(value #>> '{}', 1) || repeat('*', length(value #>> '{}') - 1))
  end
$$;
alter table audit_entry no force row level security;
update audit_entry a
   set changes = (
     select jsonb_object_agg(c.key, case
              when c.key <> 'doorNo' then c.value
              when jsonb_typeof(c.value) = 'object' then
                (select jsonb_object_agg(f.key, pg_temp.lianxin_mask_door(f.value)) from jsonb_each(c.value) f)
              else pg_temp.lianxin_mask_door(c.value)
            end)
       from jsonb_each(a.changes) c)
 where a.entity = 'Household' and jsonb_typeof(a.changes) = 'object' and a.changes ? 'doorNo';
-- Other personal values the recorder keeps as '[personal]' (those without a duty of care see null):
-- a reporter's name (shown to handlers only with the reporter's consent) and a waiver's reason.
update audit_entry a
   set changes = (
     select jsonb_object_agg(c.key, case
              when not ((a.entity = 'ResidentIssue' and c.key = 'reporterName') or (a.entity = 'FeeWaiver' and c.key = 'reason'))
                then c.value
              when jsonb_typeof(c.value) = 'object' then
                (select jsonb_object_agg(f.key, case when jsonb_typeof(f.value) = 'string' then to_jsonb('[personal]'::text) else f.value end)
                   from jsonb_each(c.value) f)
              when jsonb_typeof(c.value) = 'string' then to_jsonb('[personal]'::text)
              else c.value
            end)
       from jsonb_each(a.changes) c)
 where jsonb_typeof(a.changes) = 'object'
   and ((a.entity = 'ResidentIssue' and a.changes ? 'reporterName') or (a.entity = 'FeeWaiver' and a.changes ? 'reason'));
alter table audit_entry force row level security;
drop function pg_temp.lianxin_mask_door(jsonb);
`;

export class Migration20261216100000_masked_door_numbers_in_audit extends Migration {
  override async up(): Promise<void> {
    this.addSql(MASK_AUDIT_DOOR_NUMBERS);
  }

  override async down(): Promise<void> {
    // The plain values are gone by design: nothing to restore.
  }
}
