import { blindIndex, seal } from '../../core/crypto/sealed';
import { ExternalNodeType } from './integration.enums';

/*
 * What a bulk upsert writes for each kind of object: its table, the parent named by an external ID
 * of the same system, the columns an item sets, the unique key an item can collide on, and the
 * children that keep it from being archived. The engine (upsert.service.ts) is the same for all.
 */

export type ColumnType = 'text' | 'int' | 'numeric' | 'smallint';

export interface UpsertColumn {
  /** The entity's property: the field name the audit log and the change feed show. */
  prop: string;
  column: string;
  type: ColumnType;
  /** The item's field; left out (undefined), the stored value stays. */
  field: string;
  /** The stored value of the item's value (sealing, the blind index). */
  stored?: (value: unknown) => unknown;
  /** A sealed value is compared through its blind index (a fresh seal differs every time): it is rewritten only when that changes. */
  sealedBeside?: string;
}

export interface UpsertKind {
  kind: ExternalNodeType;
  entity: string;
  type: string;
  table: string;
  /** The parent, named in each item by its external ID in the same system; none: the community itself. */
  parent?: { kind: ExternalNodeType; table: string; field: string; column: string; nullable?: boolean };
  columns: UpsertColumn[];
  /** Item fields required when the object is new (nullable in the item for updates). */
  requiredOnCreate?: string[];
  /** The table's unique key besides the ID: (scope column, key column), reported on `field`. */
  /**
   * `secret`: the key is a value callers may not read (an identity card number's blind index), so
   * each key an item takes anew is a guess its TAKEN answers, charged as a lookup by it.
   */
  unique?: { scope: string; column: string; field: string; message: string; secret?: boolean };
  /** Active children keep an object from being archived. */
  children?: { table: string; column: string; label: string };
  /** The types an archive scope may be, besides the community. */
  scopeTypes: string[];
  /**
   * Columns a new row derives from its parent (paths, the building and compound of a household),
   * set in the insert itself rather than looked up per row by a trigger; a statement-level trigger
   * checks them (Migration20261205200000_set_based_paths). `join` reads the parent as `p` beside
   * the item `x` (its `id` and `parent_id`); `$2` is the community.
   */
  derived?: { join: string; columns: Record<string, string> };
}

const text = (prop: string, column: string, field = prop): UpsertColumn => ({ prop, column, type: 'text', field });

export const COMPOUND: UpsertKind = {
  kind: ExternalNodeType.COMPOUND,
  entity: 'Compound',
  type: 'Compound',
  table: 'compound',
  columns: [
    text('name', 'name'),
    text('propertyMode', 'property_mode'),
    { prop: 'builtYear', column: 'built_year', type: 'smallint', field: 'builtYear' },
  ],
  requiredOnCreate: ['propertyMode'],
  unique: { scope: 'community_id', column: 'name', field: 'name', message: 'Another compound of the community has this name' },
  children: { table: 'building', column: 'compound_id', label: 'buildings' },
  scopeTypes: [],
};

export const BUILDING: UpsertKind = {
  kind: ExternalNodeType.BUILDING,
  entity: 'Building',
  type: 'Building',
  table: 'building',
  parent: { kind: ExternalNodeType.COMPOUND, table: 'compound', field: 'compoundExternalId', column: 'compound_id' },
  columns: [text('name', 'name'), { prop: 'floors', column: 'floors', type: 'smallint', field: 'floors' }],
  unique: { scope: 'compound_id', column: 'name', field: 'name', message: 'Another building of the compound has this name' },
  children: { table: 'unit', column: 'building_id', label: 'units' },
  scopeTypes: ['Compound'],
};

export const UNIT: UpsertKind = {
  kind: ExternalNodeType.UNIT,
  entity: 'Unit',
  type: 'Unit',
  table: 'unit',
  parent: { kind: ExternalNodeType.BUILDING, table: 'building', field: 'buildingExternalId', column: 'building_id' },
  columns: [text('name', 'name')],
  unique: { scope: 'building_id', column: 'name', field: 'name', message: 'Another unit of the building has this name' },
  children: { table: 'household', column: 'unit_id', label: 'households' },
  scopeTypes: ['Compound', 'Building'],
};

export const HOUSEHOLD: UpsertKind = {
  kind: ExternalNodeType.HOUSEHOLD,
  entity: 'Household',
  type: 'Household',
  table: 'household',
  parent: { kind: ExternalNodeType.UNIT, table: 'unit', field: 'unitExternalId', column: 'unit_id' },
  columns: [text('doorNo', 'door_no'), { prop: 'areaSqm', column: 'area_sqm', type: 'numeric', field: 'areaSqm' }],
  unique: { scope: 'unit_id', column: 'door_no', field: 'doorNo', message: 'Another household of the unit has this door number' },
  children: { table: 'person', column: 'household_id', label: 'persons' },
  scopeTypes: ['Compound', 'Building', 'Unit'],
  derived: {
    join: 'left join unit p on p.id = x.parent_id left join building pb on pb.id = p.building_id',
    columns: {
      building_id: 'p.building_id',
      compound_id: 'pb.compound_id',
      path: "p.path || ('h' || x.id)::ltree",
      org_path: 'p.org_path',
    },
  },
};

export const PERSON: UpsertKind = {
  kind: ExternalNodeType.PERSON,
  entity: 'Person',
  type: 'Person',
  table: 'person',
  parent: { kind: ExternalNodeType.HOUSEHOLD, table: 'household', field: 'householdExternalId', column: 'household_id', nullable: true },
  columns: [
    text('name', 'name'),
    text('gender', 'gender'),
    { prop: 'birthYear', column: 'birth_year', type: 'smallint', field: 'birthYear' },
    {
      prop: 'phoneSealed',
      column: 'phone_sealed',
      type: 'text',
      field: 'phone',
      stored: (v) => (v === null ? null : seal(String(v))),
      sealedBeside: 'phone_index',
    },
    { prop: 'phoneIndex', column: 'phone_index', type: 'text', field: 'phone', stored: (v) => blindIndex('phone', v as string | null) },
    {
      prop: 'idNumberSealed',
      column: 'id_number_sealed',
      type: 'text',
      field: 'idNumber',
      stored: (v) => (v === null ? null : seal(String(v))),
      sealedBeside: 'id_number_index',
    },
    {
      prop: 'idNumberIndex',
      column: 'id_number_index',
      type: 'text',
      field: 'idNumber',
      stored: (v) => blindIndex('id-number', v as string | null),
    },
  ],
  // The blind index: a number on record in the community is TAKEN, without reading it.
  unique: {
    scope: 'community_id',
    column: 'id_number_index',
    field: 'idNumber',
    message: 'Another person of the community has this identity card number',
    secret: true,
  },
  scopeTypes: ['Compound', 'Building', 'Unit', 'Household'],
  derived: {
    join: 'left join household p on p.id = x.parent_id left join community pc on pc.id = $2::int',
    columns: { path: 'case when x.parent_id is null then pc.path else p.path end', org_path: 'p.org_path' },
  },
};
