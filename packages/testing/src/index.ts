export * from './databases.ts';
export * from './factories.ts';
export * from './stack.ts';
