/** The start-up reference: a bare Fastify app under tsx that answers /health on BENCH_PORT (127.0.0.1). */
import Fastify from 'fastify';

const app = Fastify();
app.get('/health', async () => ({ ok: true }));
await app.listen({ host: '127.0.0.1', port: Number(process.env.BENCH_PORT) });
for (const signal of ['SIGTERM', 'SIGINT'] as const)
  process.once(signal, () => {
    void app.close().finally(() => process.exit(0));
  });
