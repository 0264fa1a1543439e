export * from './clock.ts';
export * from './databases.ts';
export * from './factories.ts';
export * from './stack.ts';
export * from './wait.ts';
