import { Capability } from '../../core/auth/capabilities';
import { can, canWithin, type Principal } from '../../core/auth/principal';
import { mayAct } from '../../core/permissions/rules';
import type { MeetingOccurrenceRow } from './occurrence.loaders';

/*
 * Who sees and who keeps a meeting. Organisers keep the organization where the meeting is held (a
 * compound's meeting: its branch; the community's own: the community), as for schedules. Everyone
 * bound inside the meeting's compound (or community) sees it; its attendance list only organisers,
 * others their own line. The rules, node(id:) and the lists all answer from here.
 */

export function isOrganiser(principal: Principal, occurrence: Pick<MeetingOccurrenceRow, 'path' | 'orgPath' | 'communityId'>): boolean {
  return mayAct(principal, Capability.WRITE_ORGANIZATION, occurrence);
}

export function maySeeOccurrence(
  principal: Principal,
  occurrence: Pick<MeetingOccurrenceRow, 'path' | 'orgPath' | 'communityId'>,
): boolean {
  return can(principal, Capability.WRITE_ORGANIZATION, occurrence) || canWithin(principal, Capability.READ_STRUCTURE, occurrence);
}

/** The caller's person, if a signed-in user with one. */
export function personOf(principal: Principal): number | null {
  return principal.kind === 'user' ? principal.personId : null;
}
