import { Migration } from '@mikro-orm/migrations';

export class Migration20261123112400_active_children_indexes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop index "unit_building_id_id_index";`);

    this.addSql(`create index "unit_building_id_archived_at_id_index" on "unit" ("building_id", "archived_at", "id");`);

    this.addSql(`drop index "household_building_id_id_index";`);
    this.addSql(`drop index "household_compound_id_index";`);

    this.addSql(`create index "household_unit_id_archived_at_id_index" on "household" ("unit_id", "archived_at", "id");`);
    this.addSql(`create index "household_compound_id_archived_at_index" on "household" ("compound_id", "archived_at");`);
    this.addSql(`create index "household_building_id_archived_at_id_index" on "household" ("building_id", "archived_at", "id");`);

    this.addSql(`drop index "person_household_id_id_index";`);

    this.addSql(`create index "person_household_id_archived_at_id_index" on "person" ("household_id", "archived_at", "id");`);

    this.addSql(`drop index "compound_community_id_id_index";`);

    this.addSql(`create index "compound_community_id_archived_at_id_index" on "compound" ("community_id", "archived_at", "id");`);

    this.addSql(`drop index "building_compound_id_id_index";`);

    this.addSql(`create index "building_compound_id_archived_at_id_index" on "building" ("compound_id", "archived_at", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "building_compound_id_archived_at_id_index";`);

    this.addSql(`create index "building_compound_id_id_index" on "building" ("compound_id", "id");`);

    this.addSql(`drop index "compound_community_id_archived_at_id_index";`);

    this.addSql(`create index "compound_community_id_id_index" on "compound" ("community_id", "id");`);

    this.addSql(`drop index "household_unit_id_archived_at_id_index";`);
    this.addSql(`drop index "household_compound_id_archived_at_index";`);
    this.addSql(`drop index "household_building_id_archived_at_id_index";`);

    this.addSql(`create index "household_building_id_id_index" on "household" ("building_id", "id");`);
    this.addSql(`create index "household_compound_id_index" on "household" ("compound_id");`);

    this.addSql(`drop index "person_household_id_archived_at_id_index";`);

    this.addSql(`create index "person_household_id_id_index" on "person" ("household_id", "id");`);

    this.addSql(`drop index "unit_building_id_archived_at_id_index";`);

    this.addSql(`create index "unit_building_id_id_index" on "unit" ("building_id", "id");`);
  }
}
