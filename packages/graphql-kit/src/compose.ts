import { buildFederationSchema } from '@mercuriusjs/federation';
import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { baseTypeDefs } from './scalars.ts';

/** The SDL a subgraph serves as `_service { sdl }`: the shared types, then its modules'. */
export const subgraphSdl = (typeDefs: string): string => `${baseTypeDefs}\n${typeDefs}`;

/** What the gateway builds from its subgraphs' `_service { sdl }` answers (see @mercuriusjs/gateway). */
export function composeGatewaySchema(subgraphSdls: string[]): GraphQLSchema {
  return buildFederationSchema(subgraphSdls.join(' '), { isGateway: true });
}

const FEDERATION_DIRECTIVES = new Set(['key', 'external', 'requires', 'provides', 'extends']);

/**
 * The composed schema as clients see it, without federation's plumbing
 * (`@key`, `_Any`, `_FieldSet`…), sorted so that moving a type between files
 * or modules changes nothing: the text of `schema/schema.graphql`.
 */
export function printClientSchema(schema: GraphQLSchema): string {
  const config = schema.toConfig();
  const clientSchema = new GraphQLSchema({
    ...config,
    directives: config.directives.filter((d) => !FEDERATION_DIRECTIVES.has(d.name)),
    types: config.types.filter((t) => !/^_[^_]/.test(t.name)),
  });
  return `${printSchema(lexicographicSortSchema(clientSchema))}\n`;
}
