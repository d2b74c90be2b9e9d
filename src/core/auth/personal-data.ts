import type { Principal } from './principal';
import { Capability } from './capabilities';
import { can, type Placed } from './principal';

/*
 * Personal data — phone, identity number, the exact room, vulnerability tags — is shown only to
 * those with a duty of care for the household: the person themselves, and READ_PERSONAL_DATA over
 * it (community admin, the branch secretary and group leader above it, the compound's grid worker,
 * the household's own residents). Everyone else who may see the object gets a masked value or null,
 * never an error: a list of households stays readable for a committee member collecting fees.
 */

export function maySeePersonalData(principal: Principal, target: Placed, personPk?: number): boolean {
  if (personPk !== undefined && principal.kind === 'user' && principal.personId === personPk) return true;
  return can(principal, Capability.READ_PERSONAL_DATA, target);
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
