export * from './auth.ts';
export * from './error-formatter.ts';
export * from './errors.ts';
export * from './health.ts';
export * from './ids.ts';
export * from './pagination.ts';
export * from './scalars.ts';
export * from './subgraph.ts';
