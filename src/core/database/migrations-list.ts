import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261123100000_initial } from '../../../migrations/Migration20261123100000_initial';
import { Migration20261123100100_hierarchy_paths } from '../../../migrations/Migration20261123100100_hierarchy_paths';
import { Migration20261123112400_active_children_indexes } from '../../../migrations/Migration20261123112400_active_children_indexes';
import { Migration20261123114358_identity_and_audit } from '../../../migrations/Migration20261123114358_identity_and_audit';
import { Migration20261123114500_row_level_security } from '../../../migrations/Migration20261123114500_row_level_security';
import { Migration20261123125229_tenant_key_in_child_indexes } from '../../../migrations/Migration20261123125229_tenant_key_in_child_indexes';
import { Migration20261123130000_resident_rows } from '../../../migrations/Migration20261123130000_resident_rows';
import { Migration20261123131853_money } from '../../../migrations/Migration20261123131853_money';
import { Migration20261123131900_money_rules } from '../../../migrations/Migration20261123131900_money_rules';
import { Migration20261123134000_committees } from '../../../migrations/Migration20261123134000_committees';
import { Migration20261123134100_committee_rules } from '../../../migrations/Migration20261123134100_committee_rules';
import { Migration20261123135500_services } from '../../../migrations/Migration20261123135500_services';
import { Migration20261123135600_service_rules } from '../../../migrations/Migration20261123135600_service_rules';
import { Migration20261123140500_fees } from '../../../migrations/Migration20261123140500_fees';
import { Migration20261123140600_fee_rules } from '../../../migrations/Migration20261123140600_fee_rules';
import { Migration20261123143900_pooled_accounts } from '../../../migrations/Migration20261123143900_pooled_accounts';
import { Migration20261201100000_signed_grants_and_sessions } from '../../../migrations/Migration20261201100000_signed_grants_and_sessions';
import { Migration20261201100100_principal_bindings } from '../../../migrations/Migration20261201100100_principal_bindings';
import { Migration20261201100200_office_holder_faces } from '../../../migrations/Migration20261201100200_office_holder_faces';
import { Migration20261201200000_money_dates } from '../../../migrations/Migration20261201200000_money_dates';
import { Migration20261201200100_money_mandates } from '../../../migrations/Migration20261201200100_money_mandates';
import { Migration20261201300000_query_budgets } from '../../../migrations/Migration20261201300000_query_budgets';
import { Migration20261201300100_login_limits } from '../../../migrations/Migration20261201300100_login_limits';

/*
 * Every migration, in order. Listed explicitly so the compiled server and the TypeScript tests run
 * exactly the same set; a test fails when a file in migrations/ is missing here.
 */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261123100000_initial', class: Migration20261123100000_initial },
  { name: 'Migration20261123100100_hierarchy_paths', class: Migration20261123100100_hierarchy_paths },
  { name: 'Migration20261123112400_active_children_indexes', class: Migration20261123112400_active_children_indexes },
  { name: 'Migration20261123114358_identity_and_audit', class: Migration20261123114358_identity_and_audit },
  { name: 'Migration20261123114500_row_level_security', class: Migration20261123114500_row_level_security },
  { name: 'Migration20261123125229_tenant_key_in_child_indexes', class: Migration20261123125229_tenant_key_in_child_indexes },
  { name: 'Migration20261123130000_resident_rows', class: Migration20261123130000_resident_rows },
  { name: 'Migration20261123131853_money', class: Migration20261123131853_money },
  { name: 'Migration20261123131900_money_rules', class: Migration20261123131900_money_rules },
  { name: 'Migration20261123134000_committees', class: Migration20261123134000_committees },
  { name: 'Migration20261123134100_committee_rules', class: Migration20261123134100_committee_rules },
  { name: 'Migration20261123135500_services', class: Migration20261123135500_services },
  { name: 'Migration20261123135600_service_rules', class: Migration20261123135600_service_rules },
  { name: 'Migration20261123140500_fees', class: Migration20261123140500_fees },
  { name: 'Migration20261123140600_fee_rules', class: Migration20261123140600_fee_rules },
  { name: 'Migration20261123143900_pooled_accounts', class: Migration20261123143900_pooled_accounts },
  { name: 'Migration20261201100000_signed_grants_and_sessions', class: Migration20261201100000_signed_grants_and_sessions },
  { name: 'Migration20261201100100_principal_bindings', class: Migration20261201100100_principal_bindings },
  { name: 'Migration20261201100200_office_holder_faces', class: Migration20261201100200_office_holder_faces },
  { name: 'Migration20261201200000_money_dates', class: Migration20261201200000_money_dates },
  { name: 'Migration20261201200100_money_mandates', class: Migration20261201200100_money_mandates },
  { name: 'Migration20261201300000_query_budgets', class: Migration20261201300000_query_budgets },
  { name: 'Migration20261201300100_login_limits', class: Migration20261201300100_login_limits },
];
