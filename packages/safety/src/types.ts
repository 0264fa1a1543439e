// Public types of the screening engine: the answers it reads (answer-types.ts, day-of-types.ts) and what it
// works with and returns (rule-types.ts). Every Date is an absolute instant.

export type * from './answer-types.ts';
export type * from './day-of-types.ts';
export type * from './rule-types.ts';
