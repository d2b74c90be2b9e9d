import { Migration } from '@mikro-orm/migrations';

/*
 * Audit entries written before phones and identity card numbers were sealed at rest
 * (Migration20261202200100_sealed_personal_values) recorded them plain, under the field names
 * `phone` and `idNumber`. They are masked here (docs/decisions.md, "Plain values in old audit
 * entries"): a phone as everyone without a duty of care sees it (138****1234), an identity card
 * number fully (one * per character). The entry keeps that the field changed, when, by whom and
 * from/to null; the log does not need the numbers, and the person's record holds them sealed.
 * Idempotent (a masked value masks to itself). Only the owner may update the append-only log.
 */
export const MASK_PLAIN_AUDIT_VALUES = String.raw`
create function pg_temp.lianxin_mask_audit_value(field text, value jsonb) returns jsonb language sql immutable as $$
  select case
    when value is null or jsonb_typeof(value) <> 'string' then value
    when field = 'phone' then to_jsonb(case
      when length(regexp_replace(value #>> '{}', '\D', '', 'g')) >= 7
        then left(regexp_replace(value #>> '{}', '\D', '', 'g'), 3) || '****' || right(regexp_replace(value #>> '{}', '\D', '', 'g'), 4)
      else '****' end)
    else to_jsonb(repeat('*', length(value #>> '{}')))
  end
$$;
alter table audit_entry no force row level security;
update audit_entry a
   set changes = (
     select jsonb_object_agg(c.key, case
              when c.key not in ('phone', 'idNumber') then c.value
              when jsonb_typeof(c.value) = 'object' then
                (select jsonb_object_agg(f.key, pg_temp.lianxin_mask_audit_value(c.key, f.value)) from jsonb_each(c.value) f)
              else pg_temp.lianxin_mask_audit_value(c.key, c.value)
            end)
       from jsonb_each(a.changes) c)
 where jsonb_typeof(a.changes) = 'object' and jsonb_exists_any(a.changes, array['phone', 'idNumber']);
alter table audit_entry force row level security;
drop function pg_temp.lianxin_mask_audit_value(text, jsonb);
`;

export class Migration20261205200100_mask_plain_audit_values extends Migration {
  override async up(): Promise<void> {
    this.addSql(MASK_PLAIN_AUDIT_VALUES);
  }

  override async down(): Promise<void> {
    // The plain values are gone by design: nothing to restore.
  }
}
