export * from './connection.ts';
export * from './consumer.ts';
export * from './events.ts';
export * from './notifications.ts';
export * from './outbox.ts';
export * from './preflight.ts';
export * from './relay.ts';
export * from './resources.ts';
