import type { RequestContext } from '../../context';
import type { Principal } from './principal';
import { Capability } from './capabilities';
import { can, type Placed } from './principal';
import { Role, ScopeType } from './roles';

/*
 * Personal data — phone, identity number, the exact room, vulnerability tags — is shown only to
 * those with a duty of care for the household: the person themselves, and READ_PERSONAL_DATA over
 * it (community admin, the branch secretary and group leader above it, the compound's grid worker).
 * A field may also be plain to those who write it (`plainToWriters`): the door number is, to
 * WRITE_PLACES — the register's service account supplies the addresses it syncs; whoever may write a
 * value may read it, and nobody else learns it (writing it asks the same, writesPersonalData).
 * A resident sees their own phone and identity number, and their own home's door number and tags,
 * but not the identity numbers of the others in the household. Everyone else who may see the object gets a masked value or null,
 * never an error: a list of households stays readable for a committee member collecting fees.
 */

/**
 * `personPk` when the data is a person's (phone, identity number); without it, the data is a
 * household's (door number, vulnerability tags) and `target` is that household. `declared`, when
 * given, adds the capability that writes the field (`plainToWriters`): whoever may write a value
 * there reads it there.
 */
export function maySeePersonalData(principal: Principal, target: Placed, personPk?: number, declared?: PersonalField): boolean {
  return isOwn(principal, target, personPk) || readsPlainByRight(principal, target, declared);
}

/** READ_PERSONAL_DATA over the target, or — for a field that says so — the capability that writes it there. */
export function readsPlainByRight(principal: Principal, target: Placed, declared?: PersonalField): boolean {
  if (can(principal, Capability.READ_PERSONAL_DATA, target)) return true;
  return !!declared?.plainToWriters && !declared.sensitive && can(principal, declared.plainToWriters, target);
}

/** The caller's own data: they are the person, or live in the household (not logged as a read of someone else's). */
export function isOwn(principal: Principal, target: Placed, personPk?: number): boolean {
  if (personPk !== undefined) return principal.kind === 'user' && principal.personId === personPk;
  return livesIn(principal, target);
}

/**
 * Why the caller may see a value plain: it is their own, they hold a duty of care for it, or not at
 * all. Sensitive fields (PIPL art. 28: vulnerability tags) need a declared duty of care — a care
 * link, a branch office, the community's care staff — and never follow from a capability alone: no
 * role above the community, the platform's included, reads them.
 */
export function personalAccess(
  ctx: RequestContext,
  declared: PersonalField,
  target: Placed & { pk?: number },
): 'own' | 'duty' | 'none' | Promise<'duty' | 'none'> {
  const personPk = declared.of === 'person' ? target.pk : undefined;
  if (isOwn(ctx.principal, target, personPk)) return 'own';
  if (!declared.sensitive) return readsPlainByRight(ctx.principal, target, declared) ? 'duty' : 'none';
  if (ctx.principal.kind !== 'user' || installedDuties.length === 0) return 'none';
  return holdsDuty(ctx, target);
}

async function holdsDuty(ctx: RequestContext, target: Placed & { pk?: number }): Promise<'duty' | 'none'> {
  for (const duty of installedDuties) if (await duty.holds(ctx, target)) return 'duty';
  return 'none';
}

/**
 * A duty of care for sensitive personal data, declared by the module that knows it (a care link is
 * the care module's). `holds` answers for one object; it batches its reads per request.
 */
export interface DutyOfCare {
  /** Who holds it, in words (docs/permissions.md). */
  describe: string;
  holds(ctx: RequestContext, target: Placed & { pk?: number }): boolean | Promise<boolean>;
}

const installedDuties: DutyOfCare[] = [];

/** Installs the assembled modules' duties of care (once per process). */
export function installDutiesOfCare(duties: readonly DutyOfCare[]): void {
  installedDuties.length = 0;
  installedDuties.push(...duties);
}

/** Every declared duty of care. */
export function dutiesOfCare(): readonly DutyOfCare[] {
  return installedDuties;
}

function livesIn(principal: Principal, household: Placed): boolean {
  return principal.bindings.some(
    (b) => b.role === Role.RESIDENT && b.scopeType === ScopeType.HOUSEHOLD && !!household.path && b.path === household.path,
  );
}

/** 13812341234 → 138****1234 */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return phone;
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 7 ? `${digits.slice(0, 3)}****${digits.slice(-4)}` : '****';
}

/** 502 → 5** : the floor stays, the room goes. */
export function maskDoorNo(doorNo: string): string {
  return doorNo.length <= 1 ? '*' : doorNo[0] + '*'.repeat(doorNo.length - 1);
}

/**
 * A personal-data field, declared by the module that owns the type, next to its permission rules:
 * the value is plain for those with a duty of care (see maySeePersonalData), and `otherwise` for
 * everyone else who may see the object. The permission layer applies it (tree.ts) and
 * docs/permissions.md is written from the same declarations.
 */
export interface PersonalField {
  type: string;
  field: string;
  /** Whose data it is: a person's (the person themselves reads it) or a household's (its residents read it). */
  of: 'person' | 'household';
  /** Sensitive personal information (PIPL art. 28): plain only to its owner and the declared duties of care. */
  sensitive?: boolean;
  /**
   * The capability that writes the value, for a value whose writer supplies it (a register's service
   * account its door numbers): it reads the value plain wherever it holds this capability, since
   * whoever may write a value — and be told TAKEN — learns it anyway. Never for a sensitive field.
   * Writing the value asks the same (writesPersonalData), so nobody else learns it by writing.
   */
  plainToWriters?: Capability;
  /** What callers without a duty of care get, in words, and the value itself. */
  otherwise: { describe: string; value: (plain: unknown) => unknown; /** False: the plain value is not even read. */ needsValue: boolean };
  /**
   * A further condition on the object itself (a reporter's consent to show their name): where it
   * does not hold, every caller gets `otherwise`, a duty of care included.
   */
  onlyIf?: { describe: string; holds(principal: Principal, row: unknown): boolean };
  /**
   * Where the value is written, when that is not `type.field` (a charge's waiver reason is a
   * FeeWaiver's `reason`): the audit log names the entity it writes, and keeps such a value as
   * `otherwise` says, as it does `type.field`.
   */
  storedAs?: { entity: string; field: string };
}

/** Masked by `mask` (strings; null stays null). */
export function masked(mask: (value: string) => string, describe: string): PersonalField['otherwise'] {
  return { describe, value: (plain) => (typeof plain === 'string' ? mask(plain) : plain), needsValue: true };
}

/** Null for those without a duty of care. */
export const hidden: PersonalField['otherwise'] = { describe: 'null', value: () => null, needsValue: false };

const declared: PersonalField[] = [];

/** Installs the assembled modules' declarations (once per process). */
export function installPersonalData(fields: readonly PersonalField[]): void {
  const bad = fields.find((f) => f.sensitive && f.plainToWriters);
  if (bad) throw new Error(`personal data: ${bad.type}.${bad.field} is sensitive; it cannot be plain to its writers`);
  declared.length = 0;
  declared.push(...fields);
}

/** Every declared personal-data field. */
export function personalDataFields(): readonly PersonalField[] {
  return declared;
}

/** The declaration of the personal field an entity's column holds, by its own name or `storedAs`. */
export function storedPersonalField(entity: string, field: string): PersonalField | undefined {
  return declared.find((f) => (f.type === entity && f.field === field) || (f.storedAs?.entity === entity && f.storedAs.field === field));
}

/** The declaration of `type.field`, or undefined (not personal data). */
export function personalField(type: string, field: string): PersonalField | undefined {
  return declared.find((f) => f.type === type && f.field === field);
}
