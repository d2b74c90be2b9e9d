import { Migration } from '@mikro-orm/migrations';

/*
 * Webhook deliveries made before sensitive fields were left out of events
 * (src/modules/integration/change-feed.ts) may name `vulnerabilityTags`. Their bodies are kept,
 * shown in the delivery log and sent again by a retry or a redelivery, so they are cleaned here: a
 * delivery that announced nothing but a change of the tags should never have been made and is
 * removed with its attempts; the others lose the name (a redelivery signs the body it sends).
 * Idempotent. Run as the owner, with row-level security lifted for the statement only where forced.
 */
export const CLEAN_SENSITIVE_WEBHOOK_BODIES = String.raw`
do $$
declare
  forced_delivery boolean := (select relforcerowsecurity from pg_class where oid = 'webhook_delivery'::regclass);
  forced_attempt boolean := (select relforcerowsecurity from pg_class where oid = 'webhook_attempt'::regclass);
begin
  alter table webhook_delivery no force row level security;
  alter table webhook_attempt no force row level security;
  create temp table lianxin_sensitive_delivery on commit drop as
    select d.id, (d.body::jsonb #> '{change,fields}') - 'vulnerabilityTags' as fields
      from webhook_delivery d
     where d.body like '%vulnerabilityTags%'
       and d.body::jsonb #>> '{change,type}' = 'Household'
       and jsonb_typeof(d.body::jsonb #> '{change,fields}') = 'array'
       and (d.body::jsonb #> '{change,fields}') ? 'vulnerabilityTags';
  delete from webhook_attempt a using lianxin_sensitive_delivery s where a.delivery_id = s.id and jsonb_array_length(s.fields) = 0;
  delete from webhook_delivery d using lianxin_sensitive_delivery s where d.id = s.id and jsonb_array_length(s.fields) = 0;
  update webhook_delivery d set body = jsonb_set(d.body::jsonb, '{change,fields}', s.fields)::text
    from lianxin_sensitive_delivery s where d.id = s.id and jsonb_array_length(s.fields) > 0;
  drop table lianxin_sensitive_delivery;
  if forced_delivery then alter table webhook_delivery force row level security; end if;
  if forced_attempt then alter table webhook_attempt force row level security; end if;
end $$;
`;

export class Migration20261215200000_sensitive_webhook_bodies extends Migration {
  override async up(): Promise<void> {
    this.addSql(CLEAN_SENSITIVE_WEBHOOK_BODIES);
  }

  override async down(): Promise<void> {
    // The names are gone by design: nothing to restore.
  }
}
