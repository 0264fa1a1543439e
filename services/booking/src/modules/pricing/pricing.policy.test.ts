import { describe, expect, it } from 'vitest';
import { BookingError, type BookingErrorCode } from '../bookings/booking.errors.ts';
import {
  assertValidPriceBook,
  DEFAULT_PRICE_BOOK,
  isPeak,
  type PriceBook,
  type QuoteInput,
  quote,
} from './pricing.policy.ts';

const NY = 'America/New_York';
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
// Wednesday 2026-03-04, 12:00 in New York (EST, UTC−5): off-peak.
const noonWednesday = new Date('2026-03-04T17:00:00Z');
const dayBefore = (d: Date) => new Date(d.getTime() - DAY);

function input(patch: Partial<QuoteInput> = {}): QuoteInput {
  return {
    durationMinutes: 60,
    startsAt: noonWednesday,
    bookedAt: dayBefore(noonWednesday),
    timezone: NY,
    ...patch,
  };
}

function errorCode(fn: () => unknown): BookingErrorCode | 'OK' {
  try {
    fn();
    return 'OK';
  } catch (error) {
    if (error instanceof BookingError) return error.code;
    throw error;
  }
}

const lineCodes = (q: ReturnType<typeof quote>) => q.lines.map((l) => l.code);

describe('quote: base prices', () => {
  it.each([
    [60, 12_000, 3_000],
    [90, 17_000, 4_250],
    [120, 22_000, 5_500],
  ])('%i minutes off-peak, booked a day ahead → %i', (durationMinutes, subtotal, fee) => {
    expect(quote(DEFAULT_PRICE_BOOK, input({ durationMinutes }))).toEqual({
      priceBookVersion: 'default-2026-01',
      currency: 'USD',
      durationMinutes,
      lines: [{ code: 'BASE', label: `${durationMinutes}-minute session`, amount: subtotal }],
      subtotal,
      tip: 0,
      total: subtotal,
      platformFee: fee,
      therapistPayout: subtotal - fee,
    });
  });

  it.each([0, 30, 45, 59, 61, 89, 91, 119, 121, 150, 180, -60, Number.NaN])(
    '%d minutes → INVALID_DURATION',
    (durationMinutes) => {
      expect(errorCode(() => quote(DEFAULT_PRICE_BOOK, input({ durationMinutes })))).toBe('INVALID_DURATION');
    },
  );
});

describe('quote: booking window (60 min ≤ lead ≤ 30 days, both inclusive)', () => {
  it.each<[string, number, BookingErrorCode | 'OK']>([
    ['in the past', -MIN, 'TOO_SOON'],
    ['starting now', 0, 'TOO_SOON'],
    ['59 min 59.999 s ahead', 60 * MIN - 1, 'TOO_SOON'],
    ['exactly 60 min ahead', 60 * MIN, 'OK'],
    ['61 min ahead', 61 * MIN, 'OK'],
    ['29 days ahead', 29 * DAY, 'OK'],
    ['exactly 30 days ahead', 30 * DAY, 'OK'],
    ['30 days and 1 ms ahead', 30 * DAY + 1, 'TOO_FAR_AHEAD'],
    ['31 days ahead', 31 * DAY, 'TOO_FAR_AHEAD'],
  ])('%s → %s', (_label, leadMs, expected) => {
    const bookedAt = new Date(noonWednesday.getTime() - leadMs);
    expect(errorCode(() => quote(DEFAULT_PRICE_BOOK, input({ bookedAt })))).toBe(expected);
  });

  it('explains the limit in the message', () => {
    const bookedAt = new Date(noonWednesday.getTime() - 30 * MIN);
    expect(() => quote(DEFAULT_PRICE_BOOK, input({ bookedAt }))).toThrow(
      'A session must be booked at least 60 minutes before it starts.',
    );
  });
});

describe('quote: short-notice surcharge (lead < 180 min)', () => {
  it.each([
    [60 * MIN, true],
    [179 * MIN, true],
    [180 * MIN - 1, true],
    [180 * MIN, false],
    [181 * MIN, false],
  ])('lead %i ms → surcharge %s', (leadMs, applies) => {
    const q = quote(DEFAULT_PRICE_BOOK, input({ bookedAt: new Date(noonWednesday.getTime() - leadMs) }));
    expect(lineCodes(q)).toEqual(applies ? ['BASE', 'SHORT_NOTICE'] : ['BASE']);
    expect(q.subtotal).toBe(applies ? 14_400 : 12_000);
  });

  it('supports a fixed surcharge', () => {
    const book: PriceBook = {
      ...DEFAULT_PRICE_BOOK,
      shortNotice: { withinMinutes: 180, surcharge: { kind: 'FIXED', amount: 1_500 }, label: 'Rush' },
    };
    const q = quote(
      book,
      input({ durationMinutes: 90, bookedAt: new Date(noonWednesday.getTime() - 90 * MIN) }),
    );
    expect(q.lines).toEqual([
      { code: 'BASE', label: '90-minute session', amount: 17_000 },
      { code: 'SHORT_NOTICE', label: 'Rush', amount: 1_500 },
    ]);
    expect(q.subtotal).toBe(18_500);
    expect(q.platformFee).toBe(4_625);
  });
});

describe('quote: peak surcharge in the client timezone', () => {
  // New York is UTC−5 until Sunday 2026-03-08, UTC−4 after.
  it.each([
    ['Wed 16:59 local', '2026-03-04T21:59:00Z', false],
    ['Wed 17:00 local', '2026-03-04T22:00:00Z', true],
    ['Wed 20:59 local', '2026-03-05T01:59:00Z', true],
    ['Wed 21:00 local', '2026-03-05T02:00:00Z', false],
    ['Sat 07:59 local', '2026-03-07T12:59:00Z', false],
    ['Sat 08:00 local', '2026-03-07T13:00:00Z', true],
    ['Sat 12:00 local', '2026-03-07T17:00:00Z', true],
    ['Sun 20:59 local (EDT)', '2026-03-09T00:59:00Z', true],
    ['Fri 21:00 UTC = 16:00 EST', '2026-03-06T21:00:00Z', false],
    ['Mon 21:00 UTC = 17:00 EDT (after the DST change)', '2026-03-09T21:00:00Z', true],
  ])('%s → peak %s', (_label, iso, peak) => {
    const startsAt = new Date(iso);
    const q = quote(DEFAULT_PRICE_BOOK, input({ startsAt, bookedAt: dayBefore(startsAt) }));
    expect(lineCodes(q)).toEqual(peak ? ['BASE', 'PEAK'] : ['BASE']);
    expect(q.subtotal).toBe(peak ? 13_800 : 12_000);
  });

  it('judges the same instant by the client timezone, not the server’s', () => {
    const instant = new Date('2026-03-04T22:30:00Z'); // 17:30 New York, 14:30 Los Angeles
    expect(isPeak(DEFAULT_PRICE_BOOK.peak?.windows ?? [], instant, NY)).toBe(true);
    expect(isPeak(DEFAULT_PRICE_BOOK.peak?.windows ?? [], instant, 'America/Los_Angeles')).toBe(false);
  });

  it('adds both surcharges on the base price without compounding', () => {
    const startsAt = new Date('2026-03-04T22:00:00Z'); // Wed 17:00 local
    const q = quote(
      DEFAULT_PRICE_BOOK,
      input({ startsAt, bookedAt: new Date(startsAt.getTime() - 90 * MIN) }),
    );
    expect(q.lines.map((l) => [l.code, l.amount])).toEqual([
      ['BASE', 12_000],
      ['SHORT_NOTICE', 2_400],
      ['PEAK', 1_800],
    ]);
    expect(q).toMatchObject({ subtotal: 16_200, platformFee: 4_050, therapistPayout: 12_150, total: 16_200 });
  });
});

describe('quote: rounding (half up) and the fee split', () => {
  const book: PriceBook = {
    ...DEFAULT_PRICE_BOOK,
    basePrices: { 60: 10_004, 90: 15_001, 120: 20_002 },
    peak: {
      windows: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00' }],
      surcharge: { kind: 'PERCENT', bps: 1_250 },
      label: 'Peak',
    },
  };

  it('rounds a half-cent surcharge and fee up', () => {
    const q = quote(book, input());
    // 10 004 × 12.5 % = 1 250.5 → 1 251; 11 255 × 25 % = 2 813.75 → 2 814
    expect(q.lines.map((l) => l.amount)).toEqual([10_004, 1_251]);
    expect(q).toMatchObject({ subtotal: 11_255, platformFee: 2_814, therapistPayout: 8_441 });
  });

  it('rounds a below-half preset tip down and keeps it out of the fee', () => {
    const q = quote(book, input({ tip: { presetBps: 1_500 } }));
    // 11 255 × 15 % = 1 688.25 → 1 688
    expect(q).toMatchObject({
      subtotal: 11_255,
      tip: 1_688,
      total: 12_943,
      platformFee: 2_814,
      therapistPayout: 10_129,
    });
  });

  it('keeps every amount an integer and platformFee + therapistPayout = total', () => {
    for (const durationMinutes of [60, 90, 120]) {
      for (let hour = 0; hour < 24; hour += 1) {
        for (const tip of [undefined, { presetBps: 2_000 }, { presetBps: 2_500 }, { amount: 777 }]) {
          const startsAt = new Date(Date.UTC(2026, 2, 7, hour, 17));
          const q = quote(
            DEFAULT_PRICE_BOOK,
            input({ durationMinutes, startsAt, bookedAt: new Date(startsAt.getTime() - 100 * MIN), tip }),
          );
          const amounts = [
            q.subtotal,
            q.tip,
            q.total,
            q.platformFee,
            q.therapistPayout,
            ...q.lines.map((l) => l.amount),
          ];
          expect(amounts.every(Number.isSafeInteger)).toBe(true);
          expect(q.platformFee + q.therapistPayout).toBe(q.total);
          expect(q.lines.reduce((s, l) => s + l.amount, 0)).toBe(q.subtotal);
        }
      }
    }
  });
});

describe('quote: tips', () => {
  it.each<[string, QuoteInput['tip'], number | BookingErrorCode]>([
    ['no tip', undefined, 0],
    ['null tip', null, 0],
    ['15 % preset', { presetBps: 1_500 }, 1_800],
    ['20 % preset', { presetBps: 2_000 }, 2_400],
    ['25 % preset', { presetBps: 2_500 }, 3_000],
    ['a preset that is not offered', { presetBps: 1_000 }, 'INVALID_TIP'],
    ['a custom amount', { amount: 1_000 }, 1_000],
    ['a zero custom amount', { amount: 0 }, 0],
    ['the largest custom amount', { amount: 50_000 }, 50_000],
    ['one over the largest custom amount', { amount: 50_001 }, 'INVALID_TIP'],
    ['a negative amount', { amount: -1 }, 'INVALID_TIP'],
    ['a fractional amount', { amount: 1.5 }, 'INVALID_TIP'],
  ])('%s → %s', (_label, tip, expected) => {
    if (typeof expected === 'string') {
      expect(errorCode(() => quote(DEFAULT_PRICE_BOOK, input({ tip })))).toBe(expected);
      return;
    }
    const q = quote(DEFAULT_PRICE_BOOK, input({ tip }));
    expect(q.tip).toBe(expected);
    expect(q.total).toBe(12_000 + expected);
    expect(q.platformFee).toBe(3_000); // the fee never includes the tip
    expect(q.therapistPayout).toBe(9_000 + expected); // the tip goes 100 % to the therapist
  });
});

describe('quote: inputs and stored price books', () => {
  it.each<[string, Partial<QuoteInput>, BookingErrorCode]>([
    ['an unknown timezone', { timezone: 'Mars/Olympus' }, 'INVALID_TIMEZONE'],
    ['an empty timezone', { timezone: '' }, 'INVALID_TIMEZONE'],
    ['an invalid start', { startsAt: new Date('nope') }, 'INVALID_INPUT'],
    ['an invalid booking time', { bookedAt: new Date(Number.NaN) }, 'INVALID_INPUT'],
  ])('rejects %s', (_label, patch, code) => {
    expect(errorCode(() => quote(DEFAULT_PRICE_BOOK, input(patch)))).toBe(code);
  });

  it('quotes the same from a price book that went through JSON (string keys)', () => {
    const stored = JSON.parse(JSON.stringify(DEFAULT_PRICE_BOOK)) as PriceBook;
    expect(quote(stored, input({ durationMinutes: 90 }))).toEqual(
      quote(DEFAULT_PRICE_BOOK, input({ durationMinutes: 90 })),
    );
  });

  it('charges the base only when surcharges are switched off', () => {
    const book: PriceBook = { ...DEFAULT_PRICE_BOOK, shortNotice: null, peak: null };
    const startsAt = new Date('2026-03-07T17:00:00Z'); // Saturday noon: peak in the default book
    expect(
      lineCodes(quote(book, input({ startsAt, bookedAt: new Date(startsAt.getTime() - 61 * MIN) }))),
    ).toEqual(['BASE']);
  });

  it('accepts the default price book', () => {
    expect(() => assertValidPriceBook(DEFAULT_PRICE_BOOK)).not.toThrow();
  });

  const broken: [string, Partial<PriceBook>][] = [
    ['a lowercase currency', { currency: 'usd' }],
    ['a fractional base price', { basePrices: { 60: 120.5, 90: 17_000, 120: 22_000 } }],
    ['a zero base price', { basePrices: { 60: 0, 90: 17_000, 120: 22_000 } }],
    ['a missing base price', { basePrices: { 60: 12_000, 90: 17_000 } as PriceBook['basePrices'] }],
    ['a commission over 100 %', { platformCommissionBps: 10_001 }],
    ['a fractional commission', { platformCommissionBps: 2_500.5 }],
    ['a negative tip preset', { tipPresetsBps: [-100] }],
    ['a negative custom tip cap', { maxCustomTipAmount: -1 }],
    [
      'a negative fixed surcharge',
      { shortNotice: { withinMinutes: 180, surcharge: { kind: 'FIXED', amount: -1 }, label: 'x' } },
    ],
    [
      'a zero short-notice window',
      { shortNotice: { withinMinutes: 0, surcharge: { kind: 'PERCENT', bps: 1 }, label: 'x' } },
    ],
    [
      'a peak window crossing midnight',
      {
        peak: {
          windows: [{ days: [5], start: '22:00', end: '02:00' }],
          surcharge: { kind: 'PERCENT', bps: 1 },
          label: 'x',
        },
      },
    ],
    [
      'a peak window with a bad clock',
      {
        peak: {
          windows: [{ days: [5], start: '7:00', end: '09:00' }],
          surcharge: { kind: 'PERCENT', bps: 1 },
          label: 'x',
        },
      },
    ],
    [
      'a peak window on day 8',
      {
        peak: {
          windows: [{ days: [8 as 1], start: '07:00', end: '09:00' }],
          surcharge: { kind: 'PERCENT', bps: 1 },
          label: 'x',
        },
      },
    ],
    [
      'a booking window that closes before it opens',
      { bookingWindow: { minLeadMinutes: 60, maxLeadDays: 0 } },
    ],
  ];
  it.each(broken)('refuses a price book with %s (INVALID_POLICY)', (_label, patch) => {
    const book = { ...DEFAULT_PRICE_BOOK, ...patch };
    expect(errorCode(() => assertValidPriceBook(book))).toBe('INVALID_POLICY');
    expect(errorCode(() => quote(book, input()))).toBe('INVALID_POLICY');
  });
});
