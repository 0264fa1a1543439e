export * from '@mm/testing';
export * from './day-of.ts';
export * from './factories.ts';
export * from './stack.ts';
export * from './statements.ts';
export * from './subscriptions.ts';
