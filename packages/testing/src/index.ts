export * from './clock.ts';
export * from './databases.ts';
export * from './day-of.ts';
export * from './rows.ts';
export * from './wait.ts';
