import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderPermissionsDoc } from '../core/permissions/permissions-doc';
import { platform } from '../platform';

/* npm run permissions:docs — writes docs/permissions.md from the code (a test compares them). */
const file = path.resolve('docs', 'permissions.md');
writeFileSync(file, renderPermissionsDoc(platform.permissionTree));
console.log(`wrote ${path.relative(process.cwd(), file)}`);
