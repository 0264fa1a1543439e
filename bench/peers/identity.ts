/** What a peer gateway does with the caller's token: the same check and subgraph assertion as ours. */
import { loadConfig } from '@mm/config';
import { cachedGatewayAssertion, verifyAccessToken } from '@mm/graphql-kit';

const { JWT_SECRET: jwtSecret, GATEWAY_SHARED_SECRET: gatewaySecret } = loadConfig();

export function assertionFor(authorization: string | null | undefined): string {
  const token = authorization?.startsWith('Bearer ') ? authorization.slice(7) : null;
  return cachedGatewayAssertion(token ? verifyAccessToken(token, jwtSecret) : null, gatewaySecret);
}

export const subgraphs = () =>
  JSON.parse(process.env.BENCH_SUBGRAPHS ?? '[]') as { name: string; url: string }[];
export const port = () => Number(process.env.BENCH_PORT);
export { gatewaySecret };
