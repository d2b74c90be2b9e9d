import { Migration } from '@mikro-orm/migrations';

/*
 * One ID per node and system, keyed node first (bench/RESULTS.md, "Sync — the re-run's PostgreSQL
 * time").
 *
 * Keyed (node_type, node_id, system), the constraint's index also served "every ID of this system
 * and kind", so a bulk upsert's lookup by external ID had two indexes to choose from. With the
 * statistics of a table that was small when last analyzed (a first import, autovacuum not yet
 * round), the planner took this one and scanned every ID of the system per lookup — a re-run of
 * 1,000 unchanged persons spent 2.5 s probing it, growing with each call. Node first, it answers
 * only what it is for (the IDs of given nodes), and a lookup by (community, system, kind, ID) has
 * one index left: external_id_unique, one probe per ID. Same uniqueness, same name (errors that
 * name the constraint are unchanged).
 */
export class Migration20261208500000_external_id_node_first extends Migration {
  override async up(): Promise<void> {
    this.addSql(String.raw`
alter table external_id drop constraint external_id_node_system_unique,
  add constraint external_id_node_system_unique unique (node_id, node_type, system);`);
  }

  override async down(): Promise<void> {
    this.addSql(String.raw`
alter table external_id drop constraint external_id_node_system_unique,
  add constraint external_id_node_system_unique unique (node_type, node_id, system);`);
  }
}
