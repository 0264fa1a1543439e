// Standalone emulator: `tsx packages/stripe-emulator/src/cli.ts --port 12111`.
// Env: STRIPE_EMULATOR_PORT, STRIPE_WEBHOOK_URL, STRIPE_WEBHOOK_SECRET, STRIPE_EMULATOR_STATE_FILE.
import { parseArgs } from 'node:util';
import { startStripeEmulator } from './index.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    'webhook-url': { type: 'string' },
    'webhook-secret': { type: 'string' },
    'webhook-retry-delays': { type: 'string' },
    'state-file': { type: 'string' },
    log: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  console.log(`Usage: tsx packages/stripe-emulator/src/cli.ts [options]
  --port <n>                    port (env STRIPE_EMULATOR_PORT, default 12111)
  --host <h>                    127.0.0.1 (default), localhost or ::1
  --webhook-url <url>           deliver events here (env STRIPE_WEBHOOK_URL)
  --webhook-secret <whsec_...>  signing secret (env STRIPE_WEBHOOK_SECRET; generated if absent)
  --webhook-retry-delays <ms,...>  retry backoff, e.g. 1000,5000,30000
  --state-file <path>           keep the state across restarts (env STRIPE_EMULATOR_STATE_FILE; default in memory)
  --log                         log requests`);
  process.exit(0);
}

const port = Number(values.port ?? process.env.STRIPE_EMULATOR_PORT ?? 12111);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Invalid port: ${values.port ?? process.env.STRIPE_EMULATOR_PORT}`);
  process.exit(1);
}
const webhookUrl = values['webhook-url'] ?? process.env.STRIPE_WEBHOOK_URL;
const webhookSecret = values['webhook-secret'] ?? process.env.STRIPE_WEBHOOK_SECRET;
const stateFile = values['state-file'] ?? process.env.STRIPE_EMULATOR_STATE_FILE;
const retryDelays = values['webhook-retry-delays']?.split(',').map((v) => Number(v.trim()));

const emulator = await startStripeEmulator({
  port,
  host: values.host ?? '127.0.0.1',
  logger: values.log ?? false,
  ...(webhookUrl
    ? { webhook: { url: webhookUrl, ...(webhookSecret ? { secret: webhookSecret } : {}) } }
    : {}),
  ...(retryDelays ? { delivery: { retryDelaysMs: retryDelays } } : {}),
  ...(stateFile ? { stateFile } : {}),
});

console.log(`Stripe emulator listening on ${emulator.url}`);
console.log(
  `  new Stripe('sk_test_anything', { host: '${emulator.host}', port: ${emulator.port}, protocol: 'http' })`,
);
if (emulator.webhookSecret) console.log(`  webhooks → ${webhookUrl} (secret ${emulator.webhookSecret})`);
if (stateFile) console.log(`  state kept in ${stateFile}`);
console.log(`  test controls under ${emulator.url}/_emulator (see README)`);

const shutdown = () => {
  void emulator.close().then(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
