import 'reflect-metadata';
import { assemble } from './core/platform';
import { modules } from './modules';

/** The platform: every module, assembled once per process (see core/platform.ts). */
export const platform = assemble(modules);
