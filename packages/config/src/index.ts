import { z } from 'zod';

// Development defaults let `npm start` work on a fresh clone; production
// refuses them so a forgotten secret fails loudly at boot.
const DEV_SECRET = 'dev-only-secret-change-me-0123456789abcdef';
const DEV_DATA_KEY = 'k1:ZGV2LW9ubHktaGVhbHRoLWRhdGEta2V5LTMyYnl0ZXM=';

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
const url = (fallback: string) => z.url().default(fallback);

export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    HOST: z.string().default('127.0.0.1'),
    DATABASE_URL: url('postgresql://postgres@127.0.0.1:5432/migraine_massage'),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    /** How long a request waits for a pooled connection before it answers OVERLOADED. */
    DATABASE_POOL_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(3000),
    MAX_IN_FLIGHT: z.coerce.number().int().min(1).default(50),
    REDIS_URL: url('redis://127.0.0.1:6379'),
    QUEUE_PREFIX: z
      .string()
      .regex(/^[a-z0-9_-]+$/, 'lower-case letters, digits, - and _ only')
      .default('mm'),
    JWT_SECRET: z.string().min(32, 'at least 32 characters').default(DEV_SECRET),
    GATEWAY_SHARED_SECRET: z.string().min(32, 'at least 32 characters').default(`${DEV_SECRET}-gateway`),
    HEALTH_DATA_KEYS: z
      .string()
      .regex(
        /^([a-z0-9]+:[A-Za-z0-9+/=]{44})(,[a-z0-9]+:[A-Za-z0-9+/=]{44})*$/,
        'comma-separated id:base64(32 bytes), newest first',
      )
      .default(DEV_DATA_KEY),
    ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(900),
    REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(30),
    SIGN_IN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).default(10),
    /** Failed sign-ins in a row before an account locks; each further lock doubles, up to the max. */
    SIGN_IN_LOCK_THRESHOLD: z.coerce.number().int().min(1).default(5),
    SIGN_IN_LOCK_BASE_SECONDS: z.coerce.number().int().min(1).default(60),
    SIGN_IN_LOCK_MAX_SECONDS: z.coerce.number().int().min(1).default(3600),
    /** GraphQL requests a minute per signed-in account, and per address when not signed in. */
    GRAPHQL_RATE_LIMIT_PER_USER: z.coerce.number().int().min(1).default(600),
    GRAPHQL_RATE_LIMIT_PER_IP: z.coerce.number().int().min(1).default(1200),
    /** How often each gateway adds its local rate-limit counts to the shared Redis window. */
    RATE_LIMIT_SYNC_MS: z.coerce.number().int().min(10).max(10_000).default(250),
    /**
     * Proxies whose X-Forwarded-For the gateway believes: `false` (default: none, the
     * socket address counts), a hop count (`1`), or comma-separated addresses/CIDRs.
     */
    TRUST_PROXY: z
      .string()
      .trim()
      .default('false')
      .transform((v, ctx): boolean | number | string[] => {
        if (v === '' || v === 'false') return false;
        if (/^\d+$/.test(v)) return Number(v);
        const list = v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        const ipOrCidr = /^([0-9.]+|[0-9a-f:]+)(\/\d{1,3})?$/i;
        if (
          list.length === 0 ||
          list.some((s) => !ipOrCidr.test(s) && !['loopback', 'linklocal', 'uniquelocal'].includes(s))
        ) {
          ctx.addIssue({
            code: 'custom',
            message: 'false, a hop count, or comma-separated IP addresses/CIDRs',
          });
          return z.NEVER;
        }
        return list;
      }),
    /** Browser origins allowed to call the gateway (comma-separated, exact); empty: none. */
    CORS_ORIGINS: z
      .string()
      .default('http://localhost:5173,http://127.0.0.1:5173')
      .transform((v) =>
        v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.url({ message: 'each origin must be a URL such as https://admin.example.com' }))),
    /** Lexical tokens a GraphQL document may have; refused before parsing recurses. */
    GRAPHQL_MAX_TOKENS: z.coerce.number().int().min(50).default(2000),
    GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(2).default(10),
    GRAPHQL_MAX_ALIASES: z.coerce.number().int().min(0).default(15),
    GRAPHQL_MAX_COST: z.coerce.number().int().min(10).default(5000),
    GRAPHQL_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(100_000),
    GATEWAY_PORT: port(4000),
    IDENTITY_PORT: port(4001),
    SCREENING_PORT: port(4002),
    BOOKING_PORT: port(4003),
    PAYMENTS_PORT: port(4004),
    CARE_PORT: port(4005),
    /** The admin console's Vite dev server under `npm start` (it forwards API calls to the gateway). */
    ADMIN_DEV_PORT: port(5173),
    /** /metrics and /health of processes without an HTTP app: the relay and workers-only processes. */
    METRICS_PORT: port(9464),
    /** When set, every /metrics asks for `Authorization: Bearer <token>` (or bind METRICS_PORT/the services internally). */
    METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
    /** The outbox relay's /health/ready (on its METRICS_PORT): the gateway's readiness then covers the relay too. */
    RELAY_HEALTH_URL: z.url().optional(),
    IDENTITY_URL: url('http://127.0.0.1:4001/graphql'),
    SCREENING_URL: url('http://127.0.0.1:4002/graphql'),
    BOOKING_URL: url('http://127.0.0.1:4003/graphql'),
    PAYMENTS_URL: url('http://127.0.0.1:4004/graphql'),
    CARE_URL: url('http://127.0.0.1:4005/graphql'),
    STRIPE_SECRET_KEY: z
      .string()
      .regex(/^sk_(test|live)_[A-Za-z0-9]+$/, 'a Stripe secret key (sk_test_… or sk_live_…)')
      .optional(),
    STRIPE_WEBHOOK_SECRET: z.string().startsWith('whsec_').optional(),
    STRIPE_EMULATOR_PORT: port(12111),
    /** Visit timing (booking): going en route opens this many minutes before the start. */
    VISIT_EN_ROUTE_LEAD_MINUTES: z.coerce.number().int().min(0).default(120),
    /** Visit timing (booking): check-in and session start open this many minutes before the start. */
    VISIT_ARRIVAL_LEAD_MINUTES: z.coerce.number().int().min(0).default(15),
    /** How often care's maintenance pass runs (reminder horizon, missing jobs, questionnaire prompts). */
    CARE_SWEEP_INTERVAL_MS: z.coerce.number().int().min(50).default(60_000),
    /** Overrides where the Stripe SDK sends requests (e.g. an emulator started elsewhere); default: the embedded emulator without a key, Stripe with one. */
    STRIPE_API_URL: z.url().optional(),
    /** Where the payments service is reached from outside (account-link return URLs). */
    PAYMENTS_PUBLIC_URL: url('http://127.0.0.1:4004'),
    /** Therapists' uploaded documents (local-disk storage); relative paths resolve from the repo root. */
    DOCUMENT_STORAGE_DIR: z.string().min(1).default('var/documents'),
    /** The built admin console the gateway serves at /admin; relative paths from the working directory. */
    ADMIN_CONSOLE_DIR: z.string().min(1).default('apps/admin/dist'),
    /** `s3`: documents in an S3-compatible bucket (AWS S3, MinIO); credentials from the AWS SDK's usual variables. */
    DOCUMENT_STORAGE: z.enum(['local', 's3']).default('local'),
    /** `gazetteer`: offline US postal codes (default); else a node-geocoder provider (openstreetmap, mapbox, google…). */
    GEOCODER: z.string().min(1).default('gazetteer'),
    GEOCODER_URL: z.url().optional(),
    GEOCODER_API_KEY: z.string().min(1).optional(),
    S3_BUCKET: z.string().min(1).optional(),
    /** For S3-compatible servers (MinIO): their URL; path-style addressing is used then. */
    S3_ENDPOINT: z.url().optional(),
    S3_REGION: z.string().default('us-east-1'),
    SMTP_URL: z.url().optional(),
    NOTIFY_FROM: z.string().default('Migraine Massage <care@migraine-massage.local>'),
  })
  .superRefine((env, ctx) => {
    if (env.DOCUMENT_STORAGE === 's3' && !env.S3_BUCKET) {
      ctx.addIssue({ code: 'custom', path: ['S3_BUCKET'], message: 'DOCUMENT_STORAGE=s3 needs S3_BUCKET' });
    }
    if (env.NODE_ENV !== 'production') return;
    const defaults: [keyof typeof env, unknown][] = [
      ['JWT_SECRET', DEV_SECRET],
      ['GATEWAY_SHARED_SECRET', `${DEV_SECRET}-gateway`],
      ['HEALTH_DATA_KEYS', DEV_DATA_KEY],
    ];
    for (const [key, value] of defaults) {
      if (env[key] === value)
        ctx.addIssue({ code: 'custom', path: [key], message: 'must be set in production' });
    }
  });

export type Config = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      `Invalid environment configuration:\n${problems.map((p) => `  - ${p.variable}: ${p.message}`).join('\n')}\n` +
        'Fix these variables (see README "Environment variables") and start again.',
    );
    this.name = 'ConfigError';
  }
}

/** Validates the whole environment once; the error names every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = envSchema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => ({
      variable: String(issue.path[0] ?? '(environment)'),
      message: issue.message,
    })),
  );
}
