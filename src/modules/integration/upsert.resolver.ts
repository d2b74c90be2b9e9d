import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context';
import { bulkMutation } from '../../core/graphql/bulk-mutations';
import {
  BuildingUpsertItem,
  CompoundUpsertItem,
  HouseholdUpsertItem,
  MAX_UPSERT_ITEMS,
  PersonUpsertItem,
  UnitUpsertItem,
  UpsertBuildingsInput,
  UpsertBuildingsPayload,
  UpsertCompoundsInput,
  UpsertCompoundsPayload,
  UpsertHouseholdsInput,
  UpsertHouseholdsPayload,
  UpsertPersonsInput,
  UpsertPersonsPayload,
  UpsertUnitsInput,
  UpsertUnitsPayload,
  type UpsertInputShape,
} from './upsert.inputs';
import { BUILDING, COMPOUND, HOUSEHOLD, PERSON, UNIT, type UpsertKind } from './upsert.kinds';
import { upsert } from './upsert.service';

const INPUT = "The mutation's input: one object, so fields can be added without breaking callers.";
const LIMITS = `At most ${MAX_UPSERT_ITEMS} items a call (more: BAD_USER_INPUT); a refused item does not stop the others.`;

async function run(ctx: RequestContext, kind: UpsertKind, input: unknown) {
  const outcome = await upsert(ctx, kind, input as UpsertInputShape<Record<string, unknown> & { externalId: string }>);
  const value = outcome.value;
  return {
    results: value?.results ?? [],
    archived: value?.archived ?? [],
    userErrors: [...outcome.userErrors, ...(value?.errors ?? [])],
  };
}

@Resolver()
export class UpsertResolver {
  @Mutation(() => UpsertCompoundsPayload, { description: `Creates or updates a community's compounds by their external IDs. ${LIMITS}` })
  upsertCompounds(@Arg('input', () => UpsertCompoundsInput, { description: INPUT }) input: unknown, @Ctx() ctx: RequestContext) {
    return run(ctx, COMPOUND, input);
  }

  @Mutation(() => UpsertBuildingsPayload, {
    description: `Creates or updates buildings by their external IDs, under compounds named by theirs. ${LIMITS}`,
  })
  upsertBuildings(@Arg('input', () => UpsertBuildingsInput, { description: INPUT }) input: unknown, @Ctx() ctx: RequestContext) {
    return run(ctx, BUILDING, input);
  }

  @Mutation(() => UpsertUnitsPayload, {
    description: `Creates or updates units by their external IDs, under buildings named by theirs. ${LIMITS}`,
  })
  upsertUnits(@Arg('input', () => UpsertUnitsInput, { description: INPUT }) input: unknown, @Ctx() ctx: RequestContext) {
    return run(ctx, UNIT, input);
  }

  @Mutation(() => UpsertHouseholdsPayload, {
    description: `Creates or updates households by their external IDs, in units named by theirs. ${LIMITS}`,
  })
  upsertHouseholds(@Arg('input', () => UpsertHouseholdsInput, { description: INPUT }) input: unknown, @Ctx() ctx: RequestContext) {
    return run(ctx, HOUSEHOLD, input);
  }

  @Mutation(() => UpsertPersonsPayload, {
    description: `Creates or updates persons by their external IDs, in households named by theirs; ID numbers and phones are sealed. ${LIMITS}`,
  })
  upsertPersons(@Arg('input', () => UpsertPersonsInput, { description: INPUT }) input: unknown, @Ctx() ctx: RequestContext) {
    return run(ctx, PERSON, input);
  }
}

// At run time each upsert skips type-graphql's per-item conversion (core/graphql/bulk-mutations.ts);
// the methods above declare the schema and do the same work.
for (const [name, kind, input, item] of [
  ['upsertCompounds', COMPOUND, UpsertCompoundsInput, CompoundUpsertItem],
  ['upsertBuildings', BUILDING, UpsertBuildingsInput, BuildingUpsertItem],
  ['upsertUnits', UNIT, UpsertUnitsInput, UnitUpsertItem],
  ['upsertHouseholds', HOUSEHOLD, UpsertHouseholdsInput, HouseholdUpsertItem],
  ['upsertPersons', PERSON, UpsertPersonsInput, PersonUpsertItem],
] as const)
  bulkMutation(name, input, item, (value: unknown, ctx: RequestContext) => run(ctx, kind, value));
