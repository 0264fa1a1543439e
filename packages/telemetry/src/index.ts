// Logging, metrics and tracing for every process (services, workers, the relay).
// No internal dependencies, so both @mm/queue and @mm/graphql-kit can use it.
export { createLogger, loggerOptions, REDACT_PATHS, setLogDestination } from './logger.ts';
export { metricsAuthorized, metricsRegistry, operationOf, startMetricsServer } from './metrics.ts';
export { inSpan, startTracing, traceCarrier } from './tracing.ts';
