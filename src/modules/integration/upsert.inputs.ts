import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType, type ClassType } from 'type-graphql';
import { UserError } from '../../core/validation/user-error';
import { GlobalId, IdNumber, IntRange, LoginName, Phone, PositiveDecimal, Text } from '../../core/validation/rules';
import { Gender } from '../people/people.enums';
import { PropertyMode } from '../places/places.enums';

/*
 * Bulk upserts keyed by external ID (docs/integration.md, "Bulk upserts"): the inputs, the items of
 * each kind and the per-item answer. An item's field left out keeps what is stored; null clears it.
 */

/** The most items one call takes. */
export const MAX_UPSERT_ITEMS = 1000;

export enum UpsertStatus {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  UNCHANGED = 'UNCHANGED',
  ERROR = 'ERROR',
}

registerEnumType(UpsertStatus, {
  name: 'UpsertStatus',
  description: 'What an upsert did with one item.',
  valuesConfig: {
    CREATED: { description: 'No object carried the external ID: one was created and now carries it.' },
    UPDATED: { description: 'The object carrying the external ID was changed (or restored from the archive).' },
    UNCHANGED: { description: 'The object carrying the external ID already was as the item says.' },
    ERROR: { description: 'Refused: userErrors name the item by its index (`items.<index>.<field>`); the other items went ahead.' },
  },
});

@InputType({ description: 'A compound as a source system lists it.' })
export class CompoundUpsertItem {
  @Field({ description: "The compound's ID in the source system (at most 128 characters)." })
  @Text({ max: 128 })
  externalId!: string;

  @Field({ description: 'Name, unique within the community.' })
  @Text({ max: 100 })
  name!: string;

  @Field(() => PropertyMode, { nullable: true, description: 'How it is managed; required when the compound is new.' })
  propertyMode?: PropertyMode | null;

  @Field(() => Int, { nullable: true, description: 'Year built.' })
  @IntRange(1900, 2100)
  builtYear?: number | null;
}

@InputType({ description: 'A building as a source system lists it.' })
export class BuildingUpsertItem {
  @Field({ description: "The building's ID in the source system." })
  @Text({ max: 128 })
  externalId!: string;

  @Field({ description: "The compound's ID in the same source system (upserted before, or carrying it already)." })
  @Text({ max: 128 })
  compoundExternalId!: string;

  @Field({ description: 'Name, unique within the compound, e.g. 3号楼.' })
  @Text({ max: 50 })
  name!: string;

  @Field(() => Int, { nullable: true, description: 'Floors above ground.' })
  @IntRange(1, 200)
  floors?: number | null;
}

@InputType({ description: 'A unit (stairwell) as a source system lists it.' })
export class UnitUpsertItem {
  @Field({ description: "The unit's ID in the source system." })
  @Text({ max: 128 })
  externalId!: string;

  @Field({ description: "The building's ID in the same source system." })
  @Text({ max: 128 })
  buildingExternalId!: string;

  @Field({ description: 'Name, unique within the building, e.g. 2单元.' })
  @Text({ max: 50 })
  name!: string;
}

@InputType({ description: 'A household as a source system lists it.' })
export class HouseholdUpsertItem {
  @Field({ description: "The household's ID in the source system." })
  @Text({ max: 128 })
  externalId!: string;

  @Field({ description: "The unit's ID in the same source system." })
  @Text({ max: 128 })
  unitExternalId!: string;

  @Field({ description: 'Room number on the door, unique within the unit, e.g. 101.' })
  @Text({ max: 20 })
  doorNo!: string;

  @Field(() => Float, { nullable: true, description: 'Floor area in m².' })
  @PositiveDecimal(10000)
  areaSqm?: number | null;
}

@InputType({ description: 'A person as a source system lists them.' })
export class PersonUpsertItem {
  @Field({ description: "The person's ID in the source system." })
  @Text({ max: 128 })
  externalId!: string;

  @Field(() => String, {
    nullable: true,
    description: "The household's ID in the same source system; null: on record without a household.",
  })
  @Text({ max: 128, nullable: true })
  householdExternalId?: string | null;

  @Field({ description: 'Full name (personal data).' })
  @Text({ max: 50 })
  name!: string;

  @Field(() => Gender, { nullable: true, description: 'Gender.' })
  gender?: Gender | null;

  @Field(() => Int, { nullable: true, description: 'Year of birth.' })
  @IntRange(1900, 2100)
  birthYear?: number | null;

  @Field(() => String, { nullable: true, description: 'Personal data: sealed at rest; matched by its blind index, never returned.' })
  @Phone()
  phone?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Resident identity card number (18 characters), unique in the community. Personal data: sealed at rest.',
  })
  @IdNumber()
  idNumber?: string | null;
}

/** `Upsert<Kind>sInput`: the community, the source system, the items, and what to archive. */
function UpsertInput<T extends object>(name: string, kind: string, item: ClassType<T>, scopeKinds: string): ClassType {
  @InputType(name, { description: `${kind} of a community as a source system lists them, matched by their external IDs.` })
  class Input {
    @Field(() => ID, { description: 'The community the items belong to.' })
    @GlobalId()
    communityId!: string;

    @Field({ description: 'The source system whose IDs key the items (a service account: one it is bound to).' })
    @LoginName()
    system!: string;

    @Field(() => [item], { description: `At most ${MAX_UPSERT_ITEMS} items; each external ID once.` })
    items!: T[];

    @Field(() => Boolean, {
      nullable: true,
      description: `Left out or false: nothing is archived. True: archive (never delete) the objects of this kind carrying an ID of the system within archiveScopeId that the items no longer list.`,
    })
    archiveMissing?: boolean | null;

    @Field(() => ID, {
      nullable: true,
      description: `Required with archiveMissing: the community or a place (${scopeKinds}) within which the items are the whole list.`,
    })
    @GlobalId(true)
    archiveScopeId?: string | null;
  }
  Object.defineProperty(Input, 'name', { value: name });
  return Input;
}

export const UpsertCompoundsInput = UpsertInput('UpsertCompoundsInput', 'Compounds', CompoundUpsertItem, 'none below the community');
export const UpsertBuildingsInput = UpsertInput('UpsertBuildingsInput', 'Buildings', BuildingUpsertItem, 'a compound');
export const UpsertUnitsInput = UpsertInput('UpsertUnitsInput', 'Units', UnitUpsertItem, 'a compound or building');
export const UpsertHouseholdsInput = UpsertInput(
  'UpsertHouseholdsInput',
  'Households',
  HouseholdUpsertItem,
  'a compound, building or unit',
);
export const UpsertPersonsInput = UpsertInput('UpsertPersonsInput', 'Persons', PersonUpsertItem, 'a compound, building, unit or household');

/** What every upsert input carries, as the service reads it. */
export interface UpsertInputShape<T> {
  communityId: string;
  system: string;
  items: T[];
  archiveMissing?: boolean | null;
  archiveScopeId?: string | null;
}

@ObjectType('UpsertItemResult', { simpleResolvers: true, description: 'What an upsert did with one item.' })
export class UpsertItemResult {
  @Field(() => Int, { description: "The item's position in `items` (from 0)." })
  index!: number;

  @Field({ description: "The item's external ID." })
  externalId!: string;

  @Field(() => UpsertStatus, { description: 'Created, updated, unchanged, or refused (see userErrors).' })
  status!: UpsertStatus;

  @Field(() => ID, { nullable: true, description: 'The object carrying the external ID; null when refused.' })
  id?: string | null;
}

/** `Upsert<Kind>sPayload`: one result per item, what was archived, and the refused items' errors. */
function UpsertPayload(name: string, mutation: string): ClassType {
  @ObjectType(name, {
    simpleResolvers: true,
    description: `What \`${mutation}\` answers: one result per item, in order. A refused item does not stop the others.`,
  })
  class Payload {
    @Field(() => [UpsertItemResult], { description: 'One result per item, in the order of `items`.' })
    results!: UpsertItemResult[];

    @Field(() => [ID], { description: 'The objects archived because the items no longer list them (archiveMissing).' })
    archived!: string[];

    @Field(() => [UserError], {
      description: 'Why items were refused, each naming its item: field `["items", "<index>", "<field>"]`. Empty when all went ahead.',
    })
    userErrors!: UserError[];
  }
  Object.defineProperty(Payload, 'name', { value: name });
  return Payload;
}

export const UpsertCompoundsPayload = UpsertPayload('UpsertCompoundsPayload', 'upsertCompounds');
export const UpsertBuildingsPayload = UpsertPayload('UpsertBuildingsPayload', 'upsertBuildings');
export const UpsertUnitsPayload = UpsertPayload('UpsertUnitsPayload', 'upsertUnits');
export const UpsertHouseholdsPayload = UpsertPayload('UpsertHouseholdsPayload', 'upsertHouseholds');
export const UpsertPersonsPayload = UpsertPayload('UpsertPersonsPayload', 'upsertPersons');
