import type { Principal } from './principal';
import { Capability } from './capabilities';
import { can, type Placed } from './principal';
import { Role, ScopeType } from './roles';

/*
 * Personal data — phone, identity number, the exact room, vulnerability tags — is shown only to
 * those with a duty of care for the household: the person themselves, and READ_PERSONAL_DATA over
 * it (community admin, the branch secretary and group leader above it, the compound's grid worker).
 * A resident sees their own phone and identity number, and their own home's door number and tags,
 * but not the identity numbers of the others in the household. Everyone else who may see the object gets a masked value or null,
 * never an error: a list of households stays readable for a committee member collecting fees.
 */

/**
 * `personPk` when the data is a person's (phone, identity number); without it, the data is a
 * household's (door number, vulnerability tags) and `target` is that household.
 */
export function maySeePersonalData(principal: Principal, target: Placed, personPk?: number): boolean {
  if (personPk !== undefined) {
    if (principal.kind === 'user' && principal.personId === personPk) return true;
  } else if (livesIn(principal, target)) {
    return true;
  }
  return can(principal, Capability.READ_PERSONAL_DATA, target);
}

function livesIn(principal: Principal, household: Placed): boolean {
  return principal.bindings.some((b) => b.role === Role.RESIDENT && b.scopeType === ScopeType.HOUSEHOLD && !!household.path && b.path === household.path);
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

/** The personal-data fields and what callers without a duty of care get instead. */
export const PERSONAL_DATA_FIELDS: ReadonlyArray<{ type: string; field: string; otherwise: string }> = [
  { type: 'Person', field: 'phone', otherwise: 'masked: 138****1234' },
  { type: 'Person', field: 'idNumber', otherwise: 'null' },
  { type: 'Household', field: 'doorNo', otherwise: 'masked: 5** (the floor stays, the room goes)' },
  { type: 'Household', field: 'vulnerabilityTags', otherwise: 'null' },
];
