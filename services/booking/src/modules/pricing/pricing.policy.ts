import { DateTime } from 'luxon';
import { BookingError } from '../bookings/booking.errors.ts';
import { applyBps, isBps, isMinorAmount } from '../shared/money.ts';
import { isIanaZone } from '../shared/timezone.ts';

/**
 * The quote. Prices are DATA (a `PriceBook`, stored in the database with a
 * version); this file only applies them.
 *
 * Money rules:
 * - every amount is an integer in minor units; every percentage is in basis points;
 * - each surcharge is computed on the BASE price (surcharges do not compound),
 *   percentage results rounded half up;
 * - subtotal = the service price = base + surcharges;
 * - platformFee = commission on the subtotal, rounded half up; the tip is excluded;
 * - therapistPayout = subtotal − platformFee + tip (the tip goes 100 % to the therapist);
 * - total = subtotal + tip (what the client pays; the tip is added at capture).
 */

export const SESSION_DURATIONS = [60, 90, 120] as const;
export type SessionDuration = (typeof SESSION_DURATIONS)[number];

/** ISO weekday in the client's timezone: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export type Surcharge =
  | { readonly kind: 'PERCENT'; readonly bps: number }
  | { readonly kind: 'FIXED'; readonly amount: number };

/** Local wall-clock window [start, end) on the given days; "HH:mm", end may be "24:00". */
export interface PeakWindow {
  readonly days: readonly IsoWeekday[];
  readonly start: string;
  readonly end: string;
}

export interface PriceBook {
  readonly version: string;
  /** ISO 4217, e.g. "USD". */
  readonly currency: string;
  readonly basePrices: Readonly<Record<SessionDuration, number>>;
  /** Applies when start − bookedAt is strictly less than `withinMinutes`. */
  readonly shortNotice: {
    readonly withinMinutes: number;
    readonly surcharge: Surcharge;
    readonly label: string;
  } | null;
  /** Applies when the session's local start time falls inside any window. */
  readonly peak: {
    readonly windows: readonly PeakWindow[];
    readonly surcharge: Surcharge;
    readonly label: string;
  } | null;
  /** Platform commission on the service price (Stripe `application_fee_amount`). */
  readonly platformCommissionBps: number;
  /** Tip choices offered to the client, as a share of the service price. */
  readonly tipPresetsBps: readonly number[];
  /** Largest custom tip accepted, in minor units. */
  readonly maxCustomTipAmount: number;
  readonly bookingWindow: { readonly minLeadMinutes: number; readonly maxLeadDays: number };
}

export const DEFAULT_PRICE_BOOK: PriceBook = {
  version: 'default-2026-01',
  currency: 'USD',
  basePrices: { 60: 12_000, 90: 17_000, 120: 22_000 },
  shortNotice: {
    withinMinutes: 180,
    surcharge: { kind: 'PERCENT', bps: 2_000 },
    label: 'Short-notice booking',
  },
  peak: {
    windows: [
      { days: [1, 2, 3, 4, 5], start: '17:00', end: '21:00' },
      { days: [6, 7], start: '08:00', end: '21:00' },
    ],
    surcharge: { kind: 'PERCENT', bps: 1_500 },
    label: 'Evening or weekend',
  },
  platformCommissionBps: 2_500,
  tipPresetsBps: [1_500, 2_000, 2_500],
  maxCustomTipAmount: 50_000,
  bookingWindow: { minLeadMinutes: 60, maxLeadDays: 30 },
};

export type QuoteLineCode = 'BASE' | 'SHORT_NOTICE' | 'PEAK' | 'CONSULTATION';

export interface QuoteLine {
  readonly code: QuoteLineCode;
  readonly label: string;
  readonly amount: number;
}

/** A preset (`presetBps` must be one of `tipPresetsBps`) or a custom amount. */
export type TipChoice = { readonly presetBps: number } | { readonly amount: number };

export interface QuoteInput {
  readonly durationMinutes: number;
  readonly startsAt: Date;
  readonly bookedAt: Date;
  /** The client's IANA timezone, e.g. "America/New_York"; peak windows are local to it. */
  readonly timezone: string;
  readonly tip?: TipChoice | null;
}

export interface Quote {
  readonly priceBookVersion: string;
  readonly currency: string;
  readonly durationMinutes: SessionDuration;
  readonly lines: readonly QuoteLine[];
  readonly subtotal: number;
  readonly tip: number;
  readonly total: number;
  readonly platformFee: number;
  readonly therapistPayout: number;
}

const MINUTE_MS = 60_000;

export function isSessionDuration(value: number): value is SessionDuration {
  return (SESSION_DURATIONS as readonly number[]).includes(value);
}

export function quote(priceBook: PriceBook, input: QuoteInput): Quote {
  assertValidPriceBook(priceBook);
  const { startsAt, bookedAt, timezone, durationMinutes } = input;
  if (!isValidDate(startsAt) || !isValidDate(bookedAt)) {
    throw new BookingError('INVALID_INPUT', 'startsAt and bookedAt must be valid dates.');
  }
  if (!isIanaZone(timezone)) {
    throw new BookingError('INVALID_TIMEZONE', `"${timezone}" is not a valid IANA timezone.`);
  }
  if (!isSessionDuration(durationMinutes)) {
    throw new BookingError(
      'INVALID_DURATION',
      `A session lasts ${SESSION_DURATIONS.join(', ')} minutes, not ${durationMinutes}.`,
      { durationMinutes },
    );
  }
  const leadMs = startsAt.getTime() - bookedAt.getTime();
  assertBookingWindow(priceBook, leadMs);

  const base = priceBook.basePrices[durationMinutes];
  const lines: QuoteLine[] = [{ code: 'BASE', label: `${durationMinutes}-minute session`, amount: base }];
  const { shortNotice, peak } = priceBook;
  if (shortNotice !== null && leadMs < shortNotice.withinMinutes * MINUTE_MS) {
    lines.push({
      code: 'SHORT_NOTICE',
      label: shortNotice.label,
      amount: surchargeAmount(base, shortNotice.surcharge),
    });
  }
  if (peak !== null && isPeak(peak.windows, startsAt, timezone)) {
    lines.push({ code: 'PEAK', label: peak.label, amount: surchargeAmount(base, peak.surcharge) });
  }

  const subtotal = lines.reduce((sum, line) => sum + line.amount, 0);
  const tip = tipAmount(priceBook, subtotal, input.tip ?? null);
  const platformFee = applyBps(subtotal, priceBook.platformCommissionBps);
  return {
    priceBookVersion: priceBook.version,
    currency: priceBook.currency,
    durationMinutes,
    lines,
    subtotal,
    tip,
    total: subtotal + tip,
    platformFee,
    therapistPayout: subtotal - platformFee + tip,
  };
}

/** Start must be at least `minLeadMinutes` and at most `maxLeadDays` × 24 h after booking (both inclusive). */
export function assertBookingWindow(priceBook: PriceBook, leadMs: number): void {
  const { minLeadMinutes, maxLeadDays } = priceBook.bookingWindow;
  if (leadMs < minLeadMinutes * MINUTE_MS) {
    throw new BookingError(
      'TOO_SOON',
      `A session must be booked at least ${minLeadMinutes} minutes before it starts.`,
      { minLeadMinutes },
    );
  }
  // Absolute 24-hour days, so a DST change never moves the limit.
  if (leadMs > maxLeadDays * 24 * 60 * MINUTE_MS) {
    throw new BookingError('TOO_FAR_AHEAD', `A session can be booked at most ${maxLeadDays} days ahead.`, {
      maxLeadDays,
    });
  }
}

function surchargeAmount(base: number, surcharge: Surcharge): number {
  return surcharge.kind === 'PERCENT' ? applyBps(base, surcharge.bps) : surcharge.amount;
}

/** True when the session's local start (in `timezone`) falls in a window. */
export function isPeak(windows: readonly PeakWindow[], startsAt: Date, timezone: string): boolean {
  const local = DateTime.fromJSDate(startsAt, { zone: timezone });
  const minute = local.hour * 60 + local.minute;
  return windows.some(
    (w) =>
      (w.days as readonly number[]).includes(local.weekday) &&
      minute >= parseClock(w.start) &&
      minute < parseClock(w.end),
  );
}

function tipAmount(priceBook: PriceBook, subtotal: number, tip: TipChoice | null): number {
  if (tip === null) return 0;
  if ('presetBps' in tip) {
    if (!priceBook.tipPresetsBps.includes(tip.presetBps)) {
      throw new BookingError(
        'INVALID_TIP',
        `Tip presets are ${priceBook.tipPresetsBps.map((b) => `${b / 100}%`).join(', ')}.`,
      );
    }
    return applyBps(subtotal, tip.presetBps);
  }
  if (!isMinorAmount(tip.amount) || tip.amount > priceBook.maxCustomTipAmount) {
    throw new BookingError(
      'INVALID_TIP',
      `A tip must be a whole number of minor units between 0 and ${priceBook.maxCustomTipAmount}.`,
    );
  }
  return tip.amount;
}

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

/** "HH:mm" → minutes since local midnight; "24:00" → 1440. */
function parseClock(clock: string): number {
  if (clock === '24:00') return 24 * 60;
  const [h, m] = clock.split(':');
  return Number(h) * 60 + Number(m);
}

function isValidDate(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

function isSurcharge(value: Surcharge): boolean {
  return value.kind === 'PERCENT' ? isBps(value.bps) : isMinorAmount(value.amount);
}

/**
 * Price books come from the database as JSON, so check them before use rather
 * than trust the type. Throws INVALID_POLICY naming the first bad field.
 */
export function assertValidPriceBook(priceBook: PriceBook): void {
  const fail = (field: string): never => {
    throw new BookingError('INVALID_POLICY', `Price book ${priceBook.version}: invalid ${field}.`, {
      field,
    });
  };
  if (!/^[A-Z]{3}$/.test(priceBook.currency)) fail('currency');
  for (const duration of SESSION_DURATIONS) {
    const price = priceBook.basePrices[duration];
    if (!isMinorAmount(price) || price === 0) fail(`basePrices.${duration}`);
  }
  const { shortNotice, peak, bookingWindow } = priceBook;
  if (shortNotice !== null) {
    if (!Number.isInteger(shortNotice.withinMinutes) || shortNotice.withinMinutes <= 0) {
      fail('shortNotice.withinMinutes');
    }
    if (!isSurcharge(shortNotice.surcharge)) fail('shortNotice.surcharge');
  }
  if (peak !== null) {
    if (!isSurcharge(peak.surcharge)) fail('peak.surcharge');
    peak.windows.forEach((w, i) => {
      const daysOk = w.days.length > 0 && w.days.every((d) => Number.isInteger(d) && d >= 1 && d <= 7);
      if (!daysOk) fail(`peak.windows[${i}].days`);
      // Windows do not cross midnight: split "22:00–02:00" into two windows.
      if (!CLOCK.test(w.start) || !CLOCK.test(w.end) || parseClock(w.start) >= parseClock(w.end)) {
        fail(`peak.windows[${i}] time range`);
      }
    });
  }
  if (!isBps(priceBook.platformCommissionBps)) fail('platformCommissionBps');
  if (!priceBook.tipPresetsBps.every(isBps)) fail('tipPresetsBps');
  if (!isMinorAmount(priceBook.maxCustomTipAmount)) fail('maxCustomTipAmount');
  const { minLeadMinutes, maxLeadDays } = bookingWindow;
  if (!Number.isInteger(minLeadMinutes) || minLeadMinutes < 0) fail('bookingWindow.minLeadMinutes');
  if (!Number.isInteger(maxLeadDays) || maxLeadDays * 24 * 60 <= minLeadMinutes)
    fail('bookingWindow.maxLeadDays');
}
