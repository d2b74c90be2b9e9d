import { Migration } from '@mikro-orm/migrations';

/*
 * Sensitive personal values (a household's vulnerability tags, a care link's tag) are no longer
 * copied into the audit log (core/audit/recorder.ts): its readers hold no duty of care and read the
 * fields themselves as null. Entries written before are masked the same way: the entry keeps that
 * the field changed, when, by whom and from/to null. Idempotent. Only the owner may update the
 * append-only log.
 */
export const MASK_SENSITIVE_AUDIT_VALUES = String.raw`
alter table audit_entry no force row level security;
update audit_entry a
   set changes = (
     select jsonb_object_agg(c.key, case
              when (a.entity, c.key) not in (('Household', 'vulnerabilityTags'), ('CareLink', 'tag')) then c.value
              when jsonb_typeof(c.value) = 'object' then
                (select jsonb_object_agg(f.key, case when f.value = 'null'::jsonb then f.value else to_jsonb('[sensitive]'::text) end)
                   from jsonb_each(c.value) f)
              else c.value
            end)
       from jsonb_each(a.changes) c)
 where a.entity in ('Household', 'CareLink') and jsonb_typeof(a.changes) = 'object'
   and jsonb_exists_any(a.changes, array['vulnerabilityTags', 'tag']);
alter table audit_entry force row level security;
`;

export class Migration20261215100000_sensitive_audit_values extends Migration {
  override async up(): Promise<void> {
    this.addSql(MASK_SENSITIVE_AUDIT_VALUES);
  }

  override async down(): Promise<void> {
    // The plain values are gone by design: nothing to restore.
  }
}
