import { createRequire } from 'node:module';
import { type Client, type ClientOptions, createClient } from 'graphql-ws';
import type { Stack } from './stack.ts';

/** What one subscription delivered so far: its payloads and its errors (refusals arrive here). */
export interface Received<T> {
  items: T[];
  errors: unknown[];
}

/** The gateway listening on loopback for real WebSocket subscriptions. */
export interface LiveGateway {
  url: string;
  /** A socket for `token` (none: no access token), opened at once and never retried. */
  connect(token?: string, options?: Partial<ClientOptions>): Client;
  /** Subscribes and collects what arrives; look at it with `eventually`. */
  subscribe<T>(socket: Client, query: string, variables: Record<string, unknown>): Received<T>;
  /** Closes every socket it opened, then gives the gateway time to stop its upstream operations. */
  close(): Promise<void>;
}

export async function liveGateway(stack: Stack): Promise<LiveGateway> {
  const address = await stack.gateway.listen({ host: '127.0.0.1', port: 0 });
  const url = `${address.replace(/^http/, 'ws')}/graphql`;
  // Node 20 has no global WebSocket; graphql-ws takes the `ws` implementation (untyped here).
  const webSocketImpl: unknown = createRequire(import.meta.url)('ws');
  const sockets: Client[] = [];
  return {
    url,
    connect(token, options = {}) {
      const socket = createClient({
        url,
        webSocketImpl,
        connectionParams: token ? { accessToken: token } : {},
        lazy: false,
        retryAttempts: 0,
        ...options,
      });
      sockets.push(socket);
      return socket;
    },
    subscribe<T>(socket: Client, query: string, variables: Record<string, unknown>) {
      const received: Received<T> = { items: [], errors: [] };
      socket.subscribe<T>(
        { query, variables },
        {
          next: (value) => {
            if (value.errors) received.errors.push(...value.errors);
            if (value.data) received.items.push(value.data as T);
          },
          error: (err) => received.errors.push(err),
          complete: () => {},
        },
      );
      return received;
    },
    async close() {
      for (const socket of sockets) await socket.dispose();
      // The subgraph drops its Redis subscriptions once the gateway stops the upstream
      // operations; the stack's subgraph and emitter must not close before that.
      await new Promise((r) => setTimeout(r, 500));
    },
  };
}
