import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

// ISO-8601 with an explicit zone: a timestamp without one is ambiguous.
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function parseDateTime(value: unknown): Date {
  if (typeof value !== 'string' || !ISO_WITH_ZONE.test(value) || Number.isNaN(Date.parse(value))) {
    throw new GraphQLError(
      `DateTime must be an ISO-8601 timestamp with a zone, e.g. 2026-11-21T15:00:00Z; got ${JSON.stringify(value)}`,
      { extensions: { code: 'BAD_USER_INPUT' } },
    );
  }
  return new Date(value);
}

export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An instant as an ISO-8601 string with a zone, e.g. 2026-11-21T15:00:00.000Z.',
  serialize(value) {
    const date = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(date.getTime())) throw new GraphQLError('DateTime cannot represent an invalid date');
    return date.toISOString();
  },
  parseValue: parseDateTime,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING)
      throw new GraphQLError('DateTime must be a string', { extensions: { code: 'BAD_USER_INPUT' } });
    return parseDateTime(ast.value);
  },
});

/** SDL every subgraph shares. Money is integer minor units plus an ISO-4217 currency. */
export const baseTypeDefs = /* GraphQL */ `
  scalar DateTime

  type Money {
    "Integer amount in the currency's minor unit (cents for USD)."
    amount: Int!
    "ISO-4217 currency code, upper case."
    currency: String!
  }

  type PageInfo {
    hasNextPage: Boolean!
    endCursor: String
  }
`;

export interface Money {
  amount: number;
  currency: string;
}
