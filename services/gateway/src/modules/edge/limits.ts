import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import type { Config } from '@mm/config';
import type { ErrorCode } from '@mm/graphql-kit';
import {
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

// GraphQL Armor's rules do the counting; we only replace their error with a stable code.
const reject =
  (code: ErrorCode, message: string) =>
  (ctx: ValidationContext | null, error: GraphQLError): void => {
    ctx?.reportError(
      new GraphQLError(`${message} ${error.message.replace(/^Syntax Error: /, '')}`, {
        extensions: { code },
      }),
    );
  };

/** Validation rules that refuse abusive documents before any subgraph is called. */
export function queryLimitRules(config: Config): ValidationRule[] {
  const rules: ValidationRule[] = [
    maxDepthRule({
      n: config.GRAPHQL_MAX_DEPTH,
      exposeLimits: true,
      propagateOnRejection: false,
      onReject: [reject('QUERY_TOO_DEEP', 'This query nests too deeply.')],
    }) as unknown as ValidationRule,
    maxAliasesRule({
      n: config.GRAPHQL_MAX_ALIASES,
      exposeLimits: true,
      propagateOnRejection: false,
      onReject: [reject('TOO_MANY_ALIASES', 'This query uses too many aliases.')],
    }) as unknown as ValidationRule,
    costLimitRule({
      maxCost: config.GRAPHQL_MAX_COST,
      exposeLimits: true,
      propagateOnRejection: false,
      onReject: [reject('QUERY_TOO_COMPLEX', 'This query asks for too much at once.')],
    }) as unknown as ValidationRule,
  ];
  if (config.NODE_ENV === 'production') rules.push(NoSchemaIntrospectionCustomRule);
  return rules;
}
