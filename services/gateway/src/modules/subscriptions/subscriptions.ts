import type { Config } from '@mm/config';
import {
  DomainError,
  GATEWAY_ASSERTION_HEADER,
  signGatewayAssertion,
  toGlobalId,
  type Viewer,
} from '@mm/graphql-kit';
import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import type { Authenticate } from '../auth/authenticate.ts';

/** Subgraphs that serve subscriptions over WebSocket. */
export const SUBSCRIPTION_SERVICES: ReadonlySet<string> = new Set(['booking']);

interface SubscriptionContext {
  viewer?: Viewer | null;
  gatewayAssertion?: string;
}

/**
 * The gateway keeps one WebSocket per subgraph. Its own connection_init
 * carries an anonymous gateway assertion (proof it is the gateway); each
 * subscriber's operation then carries that subscriber's assertion, signed
 * when they connected. The client's raw token is never forwarded.
 */
export function subscriptionServiceOptions(service: { name: string; url: string }, secret: string) {
  if (!SUBSCRIPTION_SERVICES.has(service.name)) return {};
  return {
    wsUrl: service.url.replace(/^http/, 'ws'),
    wsConnectionParams: {
      reconnect: true,
      maxReconnectAttempts: 10,
      connectionInitPayload: async () => ({
        [GATEWAY_ASSERTION_HEADER]: await signGatewayAssertion(null, secret),
      }),
      rewriteConnectionInitPayload: (_payload: unknown, context: SubscriptionContext) => ({
        [GATEWAY_ASSERTION_HEADER]: context.gatewayAssertion,
      }),
    },
  };
}

/**
 * Authenticates the client's `connection_init` payload: `{ accessToken }` or
 * `{ authorization: "Bearer …" }`. No valid token, no connection.
 */
export function gatewaySubscriptionOptions(config: Config, authenticate: Authenticate) {
  return {
    onConnect: async ({ payload }: { payload?: Record<string, unknown> | null }) => {
      const raw = payload?.accessToken ?? payload?.authorization ?? payload?.Authorization;
      if (typeof raw !== 'string' || raw.length === 0) return false;
      const token = raw.replace(/^Bearer\s+/i, '');
      let viewer: Viewer;
      try {
        viewer = authenticate(token);
      } catch {
        return false;
      }
      return {
        viewer,
        gatewayAssertion: signGatewayAssertion(viewer, config.GATEWAY_SHARED_SECRET),
      };
    },
  };
}

/**
 * The gateway shares one upstream operation between subscribers whose query
 * and variables are identical, and that operation runs as the first one's
 * identity. So every subscription field is scoped by a `viewerId` argument,
 * and the gateway refuses any subscriber whose `viewerId` is not their own
 * User ID: two people never share an upstream operation. Fields without
 * `viewerId` are refused (fail closed).
 */
export function enforceViewerScopedSubscriptions(schema: GraphQLSchema): void {
  const type = schema.getSubscriptionType();
  if (!type) return;
  for (const field of Object.values(type.getFields())) {
    const original = field.subscribe as
      | (GraphQLFieldResolver<unknown, SubscriptionContext> & { scoped?: boolean })
      | undefined;
    if (!original || original.scoped) continue;
    const scoped: GraphQLFieldResolver<unknown, SubscriptionContext> & { scoped?: boolean } = (
      parent,
      args,
      context,
      info,
    ) => {
      const viewer = context.viewer;
      if (!viewer) throw new DomainError('UNAUTHENTICATED', 'Sign in to subscribe.');
      if (!field.args.some((a) => a.name === 'viewerId')) {
        throw new DomainError('FORBIDDEN', `Subscription ${field.name} is not scoped to a viewer.`);
      }
      if (args.viewerId !== toGlobalId('User', viewer.userId)) {
        throw new DomainError(
          'FORBIDDEN',
          'viewerId must be your own User ID: you can only subscribe to your own updates.',
        );
      }
      return original(parent, args, context, info);
    };
    scoped.scoped = true;
    field.subscribe = scoped;
  }
}
