export * from './errors.ts';
export * from './common.ts';
export * from './tools.ts';
export * from './auth.ts';
export * from './keys.ts';
export * from './history.ts';
export * from './admin.ts';
export * from './jobs.ts';
