/** The supergraph of running Mercurius subgraphs, composed by The Guild's composition (as Hive Gateway would). */
import { GATEWAY_ASSERTION_HEADER, signGatewayAssertion } from '@mm/graphql-kit';
import { composeServices, compositionHasErrors } from '@theguild/federation-composition';
import { parse } from 'graphql';

export interface Subgraph {
  name: string;
  url: string;
}

export async function composeSupergraph(subgraphs: Subgraph[], gatewaySecret: string): Promise<string> {
  const services = await Promise.all(
    subgraphs.map(async ({ name, url }) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [GATEWAY_ASSERTION_HEADER]: signGatewayAssertion(null, gatewaySecret),
        },
        body: JSON.stringify({ query: '{ _service { sdl } }' }),
      });
      const body = (await res.json()) as { data?: { _service: { sdl: string } } };
      if (!body.data) throw new Error(`${name} gave no SDL: ${JSON.stringify(body)}`);
      return { name, url, typeDefs: parse(body.data._service.sdl) };
    }),
  );
  const result = composeServices(services);
  if (compositionHasErrors(result))
    throw new Error(`composition failed: ${result.errors.map((e) => e.message).join('; ')}`);
  return result.supergraphSdl;
}
