/** What a peer gateway does with the caller's token: the same check and subgraph assertion as ours. */
import { cachedGatewayAssertion, verifyAccessToken } from '@mm/graphql-kit';

const jwtSecret = process.env.JWT_SECRET as string;
const gatewaySecret = process.env.GATEWAY_SHARED_SECRET as string;

export function assertionFor(authorization: string | null | undefined): string {
  const token = authorization?.startsWith('Bearer ') ? authorization.slice(7) : null;
  return cachedGatewayAssertion(token ? verifyAccessToken(token, jwtSecret) : null, gatewaySecret);
}

export const subgraphs = () =>
  JSON.parse(process.env.BENCH_SUBGRAPHS ?? '[]') as { name: string; url: string }[];
export const port = () => Number(process.env.BENCH_PORT);
export { gatewaySecret };
