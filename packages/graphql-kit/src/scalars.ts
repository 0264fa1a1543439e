import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

// ISO-8601 with an explicit zone: a timestamp without one is ambiguous.
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

// Date.parse rolls 2026-02-30 over to March 2; a real instant formats back to the same wall time.
function isRealInstant(value: string): boolean {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return false;
  const zone = value.match(/([+-])(\d{2}):(\d{2})$/);
  const offset = zone ? (zone[1] === '-' ? -1 : 1) * (Number(zone[2]) * 60 + Number(zone[3])) : 0;
  const wall = new Date(ms + offset * 60_000).toISOString();
  const year = Number(value.slice(0, 4));
  return wall.slice(0, 16) === value.slice(0, 16) && year >= 1900 && year <= 2200;
}

function parseDateTime(value: unknown): Date {
  if (typeof value !== 'string' || !ISO_WITH_ZONE.test(value) || !isRealInstant(value)) {
    throw new GraphQLError(
      `DateTime must be a real ISO-8601 timestamp with a zone (years 1900–2200), e.g. 2026-11-21T15:00:00Z; got ${JSON.stringify(value).slice(0, 60)}`,
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
