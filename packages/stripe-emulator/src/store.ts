// All emulator state, in memory. Objects are stored in their Stripe JSON shape and
// mutated in place; anything that leaves the emulator (responses, events) is a copy.
import { randomBytes } from 'node:crypto';
import type { Account, ApplicationFee, Payout, Transfer, TransferReversal } from './connect-types.ts';
import { resourceMissing } from './errors.ts';
import type {
  Charge,
  Customer,
  PaymentIntent,
  PaymentMethod,
  Refund,
  SetupIntent,
  StripeEvent,
  WebhookEndpoint,
} from './types.ts';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Random id in Stripe's style: `<prefix>_<24 base62 chars>`. */
export function newId(prefix: string, length = 24): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length];
  return `${prefix}_${out}`;
}

export class Table<T extends { id: string }> {
  private readonly rows = new Map<string, T>();

  constructor(
    readonly prefix: string,
    /** Name used in "No such <label>: 'id'" errors. */
    readonly label: string,
  ) {}

  get(id: string): T | undefined {
    return this.rows.get(id);
  }

  /** Looks `id` up or fails like Stripe with resource_missing. */
  require(id: string, param = 'id', status = 404): T {
    const row = this.rows.get(id);
    if (row === undefined) throw resourceMissing(this.label, id, param, status);
    return row;
  }

  put(row: T): T {
    this.rows.set(row.id, row);
    return row;
  }

  /** Rows newest first, as Stripe lists them. */
  list(filter: (row: T) => boolean = () => true): T[] {
    return [...this.rows.values()].reverse().filter(filter);
  }

  clear(): void {
    this.rows.clear();
  }

  /** Rows in insertion order (oldest first), for saving. */
  all(): T[] {
    return [...this.rows.values()];
  }
}

/** Onboarding link state (the link token is the map key). */
export interface AccountLinkRecord {
  account: string;
  expires_at: number;
  refresh_url: string;
  return_url: string;
}

export interface StoreSnapshot {
  /** Rows per table prefix (cus, pi, acct, ...), oldest first. */
  tables: Record<string, unknown[]>;
  cardOf: [string, string][];
  ownerOf: [string, string][];
  endpointSecrets: [string, string][];
  accountLinks: [string, AccountLinkRecord][];
  balances: [string, [string, number][]][];
}

/** Balance key for the platform itself (requests without Stripe-Account). */
export const PLATFORM = 'platform';

export class Store {
  readonly customers = new Table<Customer>('cus', 'customer');
  readonly paymentMethods = new Table<PaymentMethod>('pm', 'PaymentMethod');
  readonly setupIntents = new Table<SetupIntent>('seti', 'setup_intent');
  readonly paymentIntents = new Table<PaymentIntent>('pi', 'payment_intent');
  readonly charges = new Table<Charge>('ch', 'charge');
  readonly refunds = new Table<Refund>('re', 'refund');
  readonly transfers = new Table<Transfer>('tr', 'transfer');
  readonly transferReversals = new Table<TransferReversal>('trr', 'transfer_reversal');
  readonly applicationFees = new Table<ApplicationFee>('fee', 'application_fee');
  readonly accounts = new Table<Account>('acct', 'account');
  readonly payouts = new Table<Payout>('po', 'payout');
  readonly events = new Table<StripeEvent>('evt', 'event');
  readonly webhookEndpoints = new Table<WebhookEndpoint>('we', 'webhook_endpoint');

  /** Which test card a concrete pm_ was made from (pm id → card key). */
  readonly cardOf = new Map<string, string>();
  /** Owner account of connected-account objects such as payouts (object id → acct). */
  readonly ownerOf = new Map<string, string>();
  /** Secrets of API-created webhook endpoints (Stripe only shows them at creation). */
  readonly endpointSecrets = new Map<string, string>();
  readonly accountLinks = new Map<string, AccountLinkRecord>();
  /** Available balance per account (PLATFORM or acct id) per currency. */
  readonly balances = new Map<string, Map<string, number>>();

  private readonly tables = [
    this.customers,
    this.paymentMethods,
    this.setupIntents,
    this.paymentIntents,
    this.charges,
    this.refunds,
    this.transfers,
    this.transferReversals,
    this.applicationFees,
    this.accounts,
    this.payouts,
    this.events,
    this.webhookEndpoints,
  ];

  /** Finds any stored object by id (used by `expand[]`). */
  find(id: string): { id: string } | undefined {
    const prefix = id.slice(0, id.indexOf('_'));
    // Destination payments (py_) are stored as charges on the connected account.
    const tables = prefix === 'py' ? [this.charges] : this.tables.filter((t) => t.prefix === prefix);
    for (const table of tables) {
      const row = table.get(id);
      if (row !== undefined) return row;
    }
    return undefined;
  }

  credit(account: string, currency: string, amount: number): void {
    const byCurrency = this.balances.get(account) ?? new Map<string, number>();
    byCurrency.set(currency, (byCurrency.get(currency) ?? 0) + amount);
    this.balances.set(account, byCurrency);
  }

  available(account: string, currency: string): number {
    return this.balances.get(account)?.get(currency) ?? 0;
  }

  /** Everything, as plain JSON (see persistence.ts). */
  snapshot(): StoreSnapshot {
    const tables: Record<string, unknown[]> = {};
    for (const [name, table] of Object.entries(this.named())) tables[name] = table.all();
    return {
      tables,
      cardOf: [...this.cardOf],
      ownerOf: [...this.ownerOf],
      endpointSecrets: [...this.endpointSecrets],
      accountLinks: [...this.accountLinks],
      balances: [...this.balances].map(([account, byCurrency]) => [account, [...byCurrency]]),
    };
  }

  /** Replaces the state with a snapshot. */
  restore(snapshot: StoreSnapshot): void {
    this.reset();
    for (const [name, table] of Object.entries(this.named())) {
      for (const row of snapshot.tables[name] ?? [])
        (table as Table<{ id: string }>).put(row as { id: string });
    }
    for (const [k, v] of snapshot.cardOf) this.cardOf.set(k, v);
    for (const [k, v] of snapshot.ownerOf) this.ownerOf.set(k, v);
    for (const [k, v] of snapshot.endpointSecrets) this.endpointSecrets.set(k, v);
    for (const [k, v] of snapshot.accountLinks) this.accountLinks.set(k, v);
    for (const [account, byCurrency] of snapshot.balances) this.balances.set(account, new Map(byCurrency));
  }

  private named(): Record<string, Table<{ id: string }>> {
    return Object.fromEntries(this.tables.map((t) => [t.prefix, t as unknown as Table<{ id: string }>]));
  }

  reset(): void {
    for (const table of this.tables) table.clear();
    this.cardOf.clear();
    this.ownerOf.clear();
    this.endpointSecrets.clear();
    this.accountLinks.clear();
    this.balances.clear();
  }
}
