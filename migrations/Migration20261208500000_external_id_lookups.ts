import { Migration } from '@mikro-orm/migrations';

/*
 * A bulk upsert's lookup by external ID, one index probe per ID under row-level security
 * (bench/RESULTS.md, "Sync — the re-run's PostgreSQL time").
 *
 * - external_id_unique was on coalesce(community_id, 0): under row-level security a condition on
 *   that expression is not known to be leakproof (PostgreSQL treats COALESCE as possibly leaky), so
 *   it is checked after the policy, never as an index condition, and the index could not serve a
 *   lookup at all as the application role. The same uniqueness on the plain column with NULLS NOT
 *   DISTINCT (an ID of a district or street, without community, is still unique per system and
 *   kind): `community_id = $1` is leakproof and reaches the index. Same name, so errors that name
 *   it are unchanged.
 * - external_id_node_system_unique was keyed (node_type, node_id, system), so it also served "every
 *   ID of this kind and system": with the statistics of a table that was small when last analyzed
 *   (a first import, autovacuum not yet round) the planner took it and scanned every ID of the
 *   system per lookup (2.5 s for 1,000 persons among 10,000). Node first, it answers only what it
 *   is for (the IDs of given nodes); same uniqueness, same name.
 */
export class Migration20261208500000_external_id_lookups extends Migration {
  override async up(): Promise<void> {
    this.addSql(String.raw`
drop index external_id_unique;
create unique index external_id_unique on external_id (community_id, system, node_type, external_id) nulls not distinct;
alter table external_id drop constraint external_id_node_system_unique,
  add constraint external_id_node_system_unique unique (node_id, node_type, system);`);
  }

  override async down(): Promise<void> {
    this.addSql(String.raw`
alter table external_id drop constraint external_id_node_system_unique,
  add constraint external_id_node_system_unique unique (node_type, node_id, system);
drop index external_id_unique;
create unique index external_id_unique on external_id (coalesce(community_id, 0), system, node_type, external_id);`);
  }
}
