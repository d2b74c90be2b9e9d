#!/usr/bin/env node
'use strict';
/*
 * npm start, npm run migrate and the operator's tools run the compiled code in dist/. Outside
 * production they rebuild it first (TypeScript is a dev dependency, there when developing); in
 * production they never build: an install without dev dependencies has no compiler, so the build
 * must come from `npm run build` beforehand, and a missing one is a one-line error.
 *
 * usage: node bin/run.js <file under dist/, e.g. src/server.js> [arguments...]
 */
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  process.stderr.write('usage: node bin/run.js <file under dist/> [arguments...]\n');
  process.exit(2);
}
const target = path.join(root, 'dist', entry);
const production = process.env.NODE_ENV === 'production';

function compiler() {
  try {
    return require.resolve('typescript/bin/tsc', { paths: [root] });
  } catch {
    return undefined;
  }
}

if (!production) {
  const tsc = compiler();
  if (tsc) {
    const built = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
    if (built.status !== 0) process.exit(built.status ?? 1);
  } else if (!existsSync(target)) {
    process.stderr.write('lianxin: dist/ is missing and TypeScript is not installed; run npm install, then npm run build\n');
    process.exit(1);
  }
}
if (!existsSync(target)) {
  process.stderr.write(
    production
      ? `lianxin: dist/${entry} is missing; run npm run build (with the dev dependencies installed) before starting in production\n`
      : `lianxin: dist/${entry} is missing after the build; no such program\n`,
  );
  process.exit(1);
}
process.argv = [process.argv[0], target, ...args];
require(target);
