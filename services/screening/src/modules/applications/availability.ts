import { isIsoDate } from '@mm/eligibility';
import { z } from 'zod';

/** Weekly availability and date exceptions, in the therapist's timezone (minutes from local midnight). */
const minute = z
  .number()
  .int()
  .min(0)
  .max(24 * 60);

const window = z
  .object({ startMinute: minute, endMinute: minute })
  .refine((w) => w.startMinute < w.endMinute, { message: 'must end after it starts', path: ['endMinute'] });

export const weeklyWindowSchema = z
  .object({
    day: z.number().int().min(1, '1 = Monday').max(7, '7 = Sunday'),
    startMinute: minute,
    endMinute: minute,
  })
  .refine((w) => w.startMinute < w.endMinute, { message: 'must end after it starts', path: ['endMinute'] });

export const exceptionSchema = z.object({
  date: z.string().refine(isIsoDate, 'must be a date as YYYY-MM-DD'),
  /** Empty: unavailable all day. */
  windows: z.array(window).max(12),
});

export type WeeklyWindow = z.infer<typeof weeklyWindowSchema>;
export type AvailabilityException = z.infer<typeof exceptionSchema>;

const overlaps = (a: { startMinute: number; endMinute: number }[]) => {
  const sorted = [...a].sort((x, y) => x.startMinute - y.startMinute);
  return sorted.some((w, i) => i > 0 && w.startMinute < (sorted[i - 1]?.endMinute ?? 0));
};

export const availabilityInput = z
  .object({
    timezone: z.string().refine(isTimezone, 'must be an IANA timezone such as America/New_York').nullish(),
    weekly: z.array(weeklyWindowSchema).max(7 * 12),
    exceptions: z.array(exceptionSchema).max(366).default([]),
  })
  .superRefine((input, ctx) => {
    for (let day = 1; day <= 7; day++) {
      if (overlaps(input.weekly.filter((w) => w.day === day)))
        ctx.addIssue({ code: 'custom', path: ['weekly'], message: `windows on day ${day} overlap` });
    }
    const dates = input.exceptions.map((e) => e.date);
    if (new Set(dates).size !== dates.length)
      ctx.addIssue({ code: 'custom', path: ['exceptions'], message: 'each date may appear once' });
    input.exceptions.forEach((e, i) => {
      if (overlaps(e.windows))
        ctx.addIssue({ code: 'custom', path: ['exceptions', i, 'windows'], message: 'windows overlap' });
    });
  });

export function isTimezone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return value.includes('/') || value === 'UTC';
  } catch {
    return false;
  }
}

/** Stored JSON back to typed values (written only through the schemas above). */
export function weeklyAvailabilityOf(json: unknown): WeeklyWindow[] {
  const parsed = z.array(weeklyWindowSchema).safeParse(json);
  return parsed.success
    ? [...parsed.data].sort((a, b) => a.day - b.day || a.startMinute - b.startMinute)
    : [];
}

export function availabilityExceptionsOf(json: unknown): AvailabilityException[] {
  const parsed = z.array(exceptionSchema).safeParse(json);
  return parsed.success ? [...parsed.data].sort((a, b) => a.date.localeCompare(b.date)) : [];
}
