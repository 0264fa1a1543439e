export * from './eligibility.policy.ts';
export * from './iso-date.ts';
