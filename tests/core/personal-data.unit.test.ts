import { Capability } from '../../src/core/auth/capabilities';
import { installPersonalData, maySeePersonalData, masked, maskDoorNo, type PersonalField } from '../../src/core/auth/personal-data';
import type { Binding, Principal } from '../../src/core/auth/principal';
import { Role, ScopeType } from '../../src/core/auth/roles';

/*
 * Whoever may write a value their source supplies reads it, where they may write it; the field's
 * declaration says so once (plainToWriters), and nobody else gains anything from it.
 */

const door: PersonalField = {
  type: 'Household',
  field: 'doorNo',
  of: 'household',
  plainToWriters: Capability.WRITE_PLACES,
  otherwise: masked(maskDoorNo, 'masked'),
};
const phone: PersonalField = { type: 'Person', field: 'phone', of: 'person', otherwise: masked((v) => v, 'masked') };

const binding = (role: Role, scopeType: ScopeType, path: string, communityId: number): Binding => ({
  id: 1,
  role,
  scopeType,
  scopeId: 1,
  communityId,
  path,
  scopeName: null,
  grantedAt: '2026-01-01T00:00:00Z',
});
const service = (...bindings: Binding[]): Principal => ({
  kind: 'service',
  serviceAccountId: 1,
  name: 'sync',
  apiKeyId: 1,
  bindings,
  communityIds: new Set(bindings.map((b) => b.communityId!)),
  allCommunities: false,
});

const here = { path: '1.2.3.4.5', communityId: 3 }; // a household of community 1.2.3
const elsewhere = { path: '1.2.9.4.5', communityId: 9 };

describe('personal data plain to its writers', () => {
  it('shows a door number plain to WRITE_PLACES over it, and only where it holds it', () => {
    const sync = service(binding(Role.INTEGRATION, ScopeType.COMMUNITY, '1.2.3', 3));
    expect(maySeePersonalData(sync, here, undefined, door)).toBe(true);
    expect(maySeePersonalData(sync, elsewhere, undefined, door)).toBe(false);
    // Without the declaration's writer clause, as before: masked.
    expect(maySeePersonalData(sync, here)).toBe(false);
  });

  it('gives nothing to those who may not write it, nor for fields that do not say so', () => {
    const committee = service(binding(Role.COMMITTEE_MEMBER, ScopeType.COMPOUND, '1.2.3.4', 3));
    expect(maySeePersonalData(committee, here, undefined, door)).toBe(false);
    const sync = service(binding(Role.INTEGRATION, ScopeType.COMMUNITY, '1.2.3', 3));
    expect(maySeePersonalData(sync, here, 42, phone)).toBe(false);
  });

  it('refuses a sensitive field declared plain to its writers', () => {
    expect(() => installPersonalData([{ ...door, field: 'vulnerabilityTags', sensitive: true }])).toThrow(/sensitive/);
  });
});
