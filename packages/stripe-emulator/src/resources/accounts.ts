// Connect accounts and account links. Onboarding happens on a page the emulator
// serves itself: visiting an account link completes it (details_submitted,
// charges_enabled, payouts_enabled, capabilities active) and emits account.updated.

import type { Account, CapabilityStatus, Requirements } from '../connect-types.ts';
import { invalidRequest, paramError } from '../errors.ts';
import { changedFields, emitEvent } from '../events.ts';
import type { Ctx } from '../host.ts';
import { paginate, subList } from '../list.ts';
import type { ApiCall, Router } from '../router.ts';
import { newId } from '../store.ts';

const CURRENCY_BY_COUNTRY: Record<string, string> = {
  US: 'usd',
  CA: 'cad',
  GB: 'gbp',
  AU: 'aud',
  NZ: 'nzd',
  JP: 'jpy',
  CH: 'chf',
  SG: 'sgd',
};

const DUE_BEFORE_ONBOARDING = [
  'business_profile.mcc',
  'business_profile.url',
  'business_type',
  'external_account',
  'representative.first_name',
  'representative.last_name',
  'tos_acceptance.date',
  'tos_acceptance.ip',
];

const LINK_TTL_SECONDS = 300;

function requirements(due: string[]): Requirements {
  return {
    alternatives: [],
    current_deadline: null,
    currently_due: [...due],
    disabled_reason: due.length > 0 ? 'requirements.past_due' : null,
    errors: [],
    eventually_due: [...due],
    past_due: [...due],
    pending_verification: [],
  };
}

export function requireAccount(ctx: Ctx, id: string, param = 'account', status = 400): Account {
  const account = ctx.em.store.accounts.require(id, param, status);
  if (account.deleted)
    throw invalidRequest(`No such account: '${id}'`, { code: 'resource_missing', param, status });
  return account;
}

/** Destination charges and transfers need the destination's `transfers` capability. */
export function requireTransfersCapability(ctx: Ctx, id: string, param: string): Account {
  const account = ctx.em.store.accounts.get(id);
  if (account === undefined || account.deleted) {
    throw invalidRequest(`No such destination: '${id}'`, { code: 'resource_missing', param });
  }
  if (account.capabilities.transfers !== 'active') {
    throw invalidRequest(
      'Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments',
      { code: 'insufficient_capabilities_for_transfer', param },
    );
  }
  return account;
}

export interface AccountStatusUpdate {
  details_submitted?: boolean;
  charges_enabled?: boolean;
  payouts_enabled?: boolean;
  /** Explicit capability states; by default requested ones follow charges_enabled. */
  capabilities?: Record<string, CapabilityStatus>;
}

/** Changes onboarding state and emits account.updated (a Connect event) if anything changed. */
export function setAccountStatus(ctx: Ctx, account: Account, update: AccountStatusUpdate): Account {
  const before = structuredClone(account);
  const now = ctx.em.clock.now();
  if (update.details_submitted !== undefined) account.details_submitted = update.details_submitted;
  if (update.charges_enabled !== undefined) account.charges_enabled = update.charges_enabled;
  if (update.payouts_enabled !== undefined) account.payouts_enabled = update.payouts_enabled;
  if (update.capabilities) {
    account.capabilities = { ...account.capabilities, ...update.capabilities };
  } else if (update.charges_enabled !== undefined) {
    for (const name of Object.keys(account.capabilities)) {
      account.capabilities[name] = update.charges_enabled ? 'active' : 'inactive';
    }
  }
  if (update.details_submitted === true) {
    account.requirements = requirements([]);
    account.future_requirements = requirements([]);
    account.tos_acceptance.date ??= now;
    if (account.external_accounts.data.length === 0) {
      account.external_accounts.data.push({
        id: newId('ba'),
        object: 'bank_account',
        account: account.id,
        bank_name: 'STRIPE TEST BANK',
        country: account.country,
        currency: account.default_currency,
        default_for_currency: true,
        last4: '6789',
        routing_number: '110000000',
        status: 'new',
      });
      account.external_accounts.total_count = account.external_accounts.data.length;
    }
  } else if (update.details_submitted === false) {
    account.requirements = requirements(DUE_BEFORE_ONBOARDING);
  }
  const previous = changedFields(before, account);
  if (Object.keys(previous).length > 0) {
    emitEvent(ctx, 'account.updated', account, { previous, account: account.id });
  }
  return account;
}

export function completeOnboarding(ctx: Ctx, account: Account): Account {
  return setAccountStatus(ctx, account, {
    details_submitted: true,
    charges_enabled: true,
    payouts_enabled: true,
  });
}

/** POST /v1/accounts: a Connect account, not yet onboarded. */
function createAccount({ input, ctx }: ApiCall): Account {
  const type = input.oneOf('type', ['express', 'standard', 'custom'] as const) ?? 'express';
  const country = (input.str('country') ?? 'US').toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) throw paramError(`Invalid country: ${country}`, { param: 'country' });
  const requested = input.obj('capabilities');
  const capabilities: Record<string, CapabilityStatus> = {};
  for (const name of Object.keys(requested?.raw ?? {})) {
    if (requested?.obj(name)?.bool('requested')) capabilities[name] = 'inactive';
  }
  if (Object.keys(capabilities).length === 0) capabilities.transfers = 'inactive';
  const profile = input.obj('business_profile');
  const id = newId('acct', 16);
  const account: Account = {
    id,
    object: 'account',
    business_profile: {
      mcc: null,
      name: profile?.optStr('name') ?? null,
      product_description: null,
      url: profile?.optStr('url') ?? null,
    },
    business_type: input.optStr('business_type') ?? null,
    capabilities,
    charges_enabled: false,
    controller: { type: 'application', is_controller: true },
    country,
    created: ctx.em.clock.now(),
    default_currency: CURRENCY_BY_COUNTRY[country] ?? 'eur',
    details_submitted: false,
    email: input.optStr('email') ?? null,
    external_accounts: subList([], `/v1/accounts/${id}/external_accounts`),
    future_requirements: requirements([]),
    metadata: input.metadata(),
    payouts_enabled: false,
    requirements: requirements(DUE_BEFORE_ONBOARDING),
    settings: { payouts: { schedule: { delay_days: 2, interval: 'daily' } } },
    tos_acceptance: { date: null },
    type,
  };
  return ctx.em.store.accounts.put(account);
}

/** POST /v1/account_links: a single-use link to the emulator's onboarding page. */
function createAccountLink({ input, ctx }: ApiCall): object {
  const account = requireAccount(ctx, input.requiredStr('account'));
  const type = input.oneOf('type', ['account_onboarding', 'account_update'] as const);
  if (type === undefined)
    throw paramError('Missing required param: type.', { code: 'parameter_missing', param: 'type' });
  const refreshUrl = input.str('refresh_url') ?? '';
  const returnUrl = input.str('return_url') ?? '';
  const token = newId('link', 20).slice(5);
  const created = ctx.em.clock.now();
  ctx.em.store.accountLinks.set(token, {
    account: account.id,
    expires_at: created + LINK_TTL_SECONDS,
    refresh_url: refreshUrl,
    return_url: returnUrl,
  });
  return {
    object: 'account_link',
    created,
    expires_at: created + LINK_TTL_SECONDS,
    url: `${ctx.baseUrl}/connect/onboard/${account.id}?link=${token}`,
  };
}

export function registerAccounts(api: Router): void {
  api.post('/v1/accounts', createAccount);

  api.get('/v1/accounts/:id', ({ params, ctx }) => {
    const account = ctx.em.store.accounts.require(params.id ?? '');
    return account.deleted ? { id: account.id, object: 'account', deleted: true } : account;
  });

  api.get('/v1/accounts', ({ input, ctx }) =>
    paginate(
      ctx.em.store.accounts.list((a) => !a.deleted),
      input,
      '/v1/accounts',
    ),
  );

  api.post('/v1/accounts/:id', ({ params, input, ctx }) => {
    const account = requireAccount(ctx, params.id ?? '', 'id', 404);
    const email = input.optStr('email');
    const metadata = input.metadata(account.metadata);
    const before = structuredClone(account);
    if (email !== undefined) account.email = email;
    account.metadata = metadata;
    const previous = changedFields(before, account);
    if (Object.keys(previous).length > 0) {
      emitEvent(ctx, 'account.updated', account, { previous, account: account.id });
    }
    return account;
  });

  api.delete('/v1/accounts/:id', ({ params, ctx }) => {
    const account = requireAccount(ctx, params.id ?? '', 'id', 404);
    account.deleted = true;
    return { id: account.id, object: 'account', deleted: true };
  });

  api.post('/v1/account_links', createAccountLink);
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string, redirect?: string): string {
  const refresh = redirect ? `<meta http-equiv="refresh" content="1;url=${escapeHtml(redirect)}">` : '';
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>${refresh}</head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

/**
 * The hosted onboarding page behind account links. Visiting it completes onboarding
 * (single-use link; an expired link leaves the account untouched and points to refresh_url).
 */
export function onboardingPage(
  ctx: Ctx,
  accountId: string,
  token: string | undefined,
): { status: number; html: string } {
  const { store, clock } = ctx.em;
  const account = store.accounts.get(accountId);
  if (account === undefined || account.deleted) {
    return { status: 404, html: page('Unknown account', `<p>No such account: ${escapeHtml(accountId)}</p>`) };
  }
  const link = token === undefined ? undefined : store.accountLinks.get(token);
  if (
    token !== undefined &&
    (link === undefined || link.account !== account.id || link.expires_at < clock.now())
  ) {
    const refresh = link?.refresh_url ?? '';
    const action = refresh ? `<p><a href="${escapeHtml(refresh)}">Get a new link</a></p>` : '';
    return { status: 410, html: page('This onboarding link has expired', action) };
  }
  if (token !== undefined) store.accountLinks.delete(token);
  completeOnboarding(ctx, account);
  const back = link?.return_url ?? '';
  const action = back ? `<p><a href="${escapeHtml(back)}">Return to the platform</a></p>` : '';
  return {
    status: 200,
    html: page(
      `Onboarding complete for ${account.id}`,
      `<p>charges_enabled and payouts_enabled are now true.</p>${action}`,
      back || undefined,
    ),
  };
}
