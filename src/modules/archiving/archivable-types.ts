import type { EntityName } from '@mikro-orm/core';
import type { ArchivableEntity } from '../../core/database/base.entity';
import { BuildingGroup } from '../hierarchy/building-group.entity';
import { Community } from '../hierarchy/community.entity';
import { CommunityCommittee } from '../hierarchy/community-committee.entity';
import { CompoundBranch } from '../hierarchy/compound-branch.entity';
import { District } from '../hierarchy/district.entity';
import { Street } from '../hierarchy/street.entity';
import { Person } from '../people/person.entity';
import { Building } from '../places/building.entity';
import { Compound } from '../places/compound.entity';
import { Household } from '../places/household.entity';
import { Unit } from '../places/unit.entity';

/** Children that must be archived (or ended, or moved) before their parent can be archived. */
export interface ActiveChildren {
  table: string;
  column: string;
  /** Plural noun for the message, e.g. "buildings". */
  label: string;
  /** What makes a child active, beyond `archived_at is null` (null: that alone). */
  active?: string;
}

/** Parents that must be active for a child to be restored. */
export interface ParentLink {
  table: string;
  column: string;
  label: string;
}

export interface ArchivableType {
  entity: EntityName<ArchivableEntity>;
  table: string;
  children: ActiveChildren[];
  parents: ParentLink[];
}

const active = (table: string, column: string, label: string, extra?: string): ActiveChildren => ({
  table,
  column,
  label,
  active: extra,
});

/**
 * Every node type that can be archived, with what archiving must respect. Archiving is soft and
 * never cascades: a node with active children stays until they are archived or moved, so an
 * archive never hides something by surprise.
 */
export const archivableTypes: Record<string, ArchivableType> = {
  District: { entity: District, table: 'district', children: [active('street', 'district_id', 'streets')], parents: [] },
  Street: {
    entity: Street,
    table: 'street',
    children: [active('community', 'street_id', 'communities')],
    parents: [{ table: 'district', column: 'district_id', label: 'district' }],
  },
  Community: {
    entity: Community,
    table: 'community',
    children: [active('compound', 'community_id', 'compounds'), active('compound_branch', 'community_id', 'branches'), active('person', 'community_id', 'persons')],
    parents: [{ table: 'street', column: 'street_id', label: 'street' }],
  },
  CommunityCommittee: {
    entity: CommunityCommittee,
    table: 'community_committee',
    children: [active('compound_branch', 'committee_id', 'branches')],
    parents: [{ table: 'community', column: 'community_id', label: 'community' }],
  },
  CompoundBranch: {
    entity: CompoundBranch,
    table: 'compound_branch',
    children: [active('compound', 'branch_id', 'compounds it covers'), active('building_group', 'branch_id', 'building groups')],
    parents: [{ table: 'community_committee', column: 'committee_id', label: 'community committee' }],
  },
  BuildingGroup: {
    entity: BuildingGroup,
    table: 'building_group',
    children: [active('building', 'group_id', 'buildings')],
    parents: [{ table: 'compound_branch', column: 'branch_id', label: 'branch' }],
  },
  Compound: {
    entity: Compound,
    table: 'compound',
    children: [active('building', 'compound_id', 'buildings')],
    parents: [
      { table: 'community', column: 'community_id', label: 'community' },
      { table: 'compound_branch', column: 'branch_id', label: 'branch' },
    ],
  },
  Building: {
    entity: Building,
    table: 'building',
    children: [active('unit', 'building_id', 'units')],
    parents: [
      { table: 'compound', column: 'compound_id', label: 'compound' },
      { table: 'building_group', column: 'group_id', label: 'building group' },
    ],
  },
  Unit: {
    entity: Unit,
    table: 'unit',
    children: [active('household', 'unit_id', 'households')],
    parents: [{ table: 'building', column: 'building_id', label: 'building' }],
  },
  Household: {
    entity: Household,
    table: 'household',
    children: [
      active('person', 'household_id', 'persons'),
      active('member_household', 'household_id', 'member-household designations', 'undesignated_on is null'),
    ],
    parents: [{ table: 'unit', column: 'unit_id', label: 'unit' }],
  },
  Person: {
    entity: Person,
    table: 'person',
    children: [
      { table: 'party_membership', column: 'person_id', label: 'current party memberships', active: 'ended_on is null' },
      { table: 'duty_assignment', column: 'person_id', label: 'current duties', active: 'ended_on is null' },
    ],
    parents: [{ table: 'household', column: 'household_id', label: 'household' }],
  },
};

/** Tables without an archived_at column: their "active" is only the extra condition. */
export const NOT_ARCHIVABLE_TABLES = new Set(['party_membership', 'duty_assignment']);
