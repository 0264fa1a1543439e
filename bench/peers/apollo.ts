/** `@apollo/gateway` 2 under `@apollo/server` 5 in front of the bench's subgraphs (composed at start). */
import { ApolloGateway, IntrospectAndCompose, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { GATEWAY_ASSERTION_HEADER } from '@mm/graphql-kit';
import { assertionFor, port, subgraphs } from './identity.ts';

interface Context {
  authorization?: string;
}

const gateway = new ApolloGateway({
  supergraphSdl: new IntrospectAndCompose({ subgraphs: subgraphs() }),
  buildService: ({ url }) =>
    new RemoteGraphQLDataSource<Context>({
      ...(url ? { url } : {}),
      willSendRequest({ request, context }) {
        request.http?.headers.set(GATEWAY_ASSERTION_HEADER, assertionFor(context.authorization));
      },
    }),
});
const server = new ApolloServer<Context>({ gateway });
await startStandaloneServer(server, {
  listen: { host: '127.0.0.1', port: port() },
  context: async ({ req }) => (req.headers.authorization ? { authorization: req.headers.authorization } : {}),
});
for (const signal of ['SIGTERM', 'SIGINT'] as const)
  process.once(signal, () => {
    void server.stop().finally(() => process.exit(0));
  });
