import { defineNode, unarchivedColumns, type TenantRow } from '../../core/data/node-spec';
import { registerNodeSpec } from '../../core/graphql/node';
import { Capability } from '../../core/auth/capabilities';
import type { DutyRole } from './people.enums';

export interface DutyAssignmentRow extends TenantRow {
  personId: number;
  role: DutyRole;
  compoundId: number;
  buildingId: number | null;
  unitId: number | null;
  startedOn: string;
  endedOn: string | null;
  /** The person's place, for scope checks. */
  path: string | null;
  orgPath: string | null;
}

export const DutyAssignmentSpec = registerNodeSpec(
  defineNode<DutyAssignmentRow>({
    type: 'DutyAssignment',
    table: 'duty_assignment',
    archivable: false,
    columns: {
      ...unarchivedColumns,
      communityId: 't.community_id',
      personId: 't.person_id',
      role: 't.role',
      compoundId: 't.compound_id',
      buildingId: 't.building_id',
      unitId: 't.unit_id',
      startedOn: 't.started_on',
      endedOn: 't.ended_on',
      path: '(select p.path::text from person p where p.id = t.person_id)',
      orgPath: '(select p.org_path::text from person p where p.id = t.person_id)',
    },
  }),
  Capability.READ_PERSONS,
);

export const CURRENT_DUTY = { key: 'current', sql: 't.ended_on is null', params: [] as unknown[] };
