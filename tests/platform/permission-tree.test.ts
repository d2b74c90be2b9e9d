import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isObjectType } from 'graphql';
import { allow } from 'graphql-shield';
import { cacheOf, authenticated, type ShieldRule } from '../../src/core/permissions/rules';
import { renderPermissionsDoc } from '../../src/core/permissions/permissions-doc';
import { platform } from '../../src/platform';

const permissionTree = platform.permissionTree;
import { ROLE_CAPABILITIES, RESIDENT_READING_ROLES, Capability } from '../../src/core/auth/capabilities';
import { Role } from '../../src/core/auth/roles';
import { buildApiSchema } from '../../src/schema';

const root = path.resolve(__dirname, '../..');

/** Every leaf rule inside a rule (logic rules hold others). */
function leaves(rule: ShieldRule): ShieldRule[] {
  const parts = (rule as { getRules?: () => ShieldRule[] }).getRules?.();
  return parts ? parts.flatMap(leaves) : [rule];
}

describe('the permission tree', () => {
  it('has an explicit rule for every field of every object type, and none for fields that do not exist', async () => {
    const schema = await buildApiSchema();
    const missing: string[] = [];
    const stale: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      const rules = permissionTree[type.name] ?? {};
      for (const field of Object.keys(type.getFields())) if (!rules[field]) missing.push(`${type.name}.${field}`);
    }
    for (const [typeName, rules] of Object.entries(permissionTree)) {
      const type = schema.getType(typeName);
      for (const field of Object.keys(rules)) if (!isObjectType(type) || !type.getFields()[field]) stale.push(`${typeName}.${field}`);
    }
    expect(missing).toEqual([]);
    expect(stale).toEqual([]);
  });

  it('guards every root field but login, viewer, districts and enumLabels', () => {
    const open = [...Object.entries(permissionTree.Query), ...Object.entries(permissionTree.Mutation)]
      .filter(([, rule]) => rule === allow)
      .map(([name]) => name);
    expect(open.sort()).toEqual(['districts', 'enumLabels', 'login', 'viewer']);
  });

  it('never caches a rule that reads parent or args (only the caller-only `authenticated` is cached per request)', () => {
    const cached = new Set<string>();
    for (const rules of Object.values(permissionTree)) {
      for (const rule of Object.values(rules)) {
        for (const leaf of leaves(rule)) {
          const cache = cacheOf(leaf);
          if (cache !== undefined && cache !== 'no_cache' && leaf !== authenticated) cached.add((leaf as { name: string }).name);
        }
      }
    }
    expect([...cached]).toEqual([]);
  });

  it('is written out in docs/permissions.md exactly (run `npm run permissions:docs` after changing it)', () => {
    expect(readFileSync(path.join(root, 'docs/permissions.md'), 'utf8')).toBe(renderPermissionsDoc(permissionTree));
  });
});

describe('the capability table', () => {
  it('gives personal data and writes to community roles only; officers above communities read structure and aggregates', () => {
    for (const role of [Role.DISTRICT_OFFICER, Role.STREET_OFFICER]) {
      expect(ROLE_CAPABILITIES[role]).not.toContain(Capability.READ_PERSONAL_DATA);
      expect(ROLE_CAPABILITIES[role]).not.toContain(Capability.READ_HOUSEHOLDS);
      expect(ROLE_CAPABILITIES[role]).not.toContain(Capability.READ_PERSONS);
    }
    expect(RESIDENT_READING_ROLES).not.toContain(Role.DISTRICT_OFFICER);
    expect(RESIDENT_READING_ROLES).toContain(Role.RESIDENT);
  });
});
