export * from './clock.ts';
export * from './databases.ts';
export * from './wait.ts';
