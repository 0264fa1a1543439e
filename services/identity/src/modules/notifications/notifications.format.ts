/** Who a message is for: their name, time zone and language, from their profile. */
export interface Recipient {
  name: string;
  timeZone: string;
  locale: string;
}

/** The copy is written in these languages; a recipient in another gets English, dates included. */
export const MESSAGE_LANGUAGES = ['en'] as const;
export const DEFAULT_TIME_ZONE = 'America/New_York';
export const DEFAULT_LOCALE = 'en-US';

const validZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

const supportedLocale = (locale: string) => {
  try {
    const [canonical] = Intl.getCanonicalLocales(locale);
    const lang = canonical?.split('-')[0];
    return canonical && (MESSAGE_LANGUAGES as readonly string[]).includes(lang ?? '') ? canonical : null;
  } catch {
    return null;
  }
};

/** Dates, times and money in the recipient's zone and locale. */
export class Formatter {
  readonly timeZone: string;
  readonly locale: string;

  constructor(recipient: Pick<Recipient, 'timeZone' | 'locale'>) {
    this.timeZone = validZone(recipient.timeZone) ? recipient.timeZone : DEFAULT_TIME_ZONE;
    this.locale = supportedLocale(recipient.locale) ?? DEFAULT_LOCALE;
  }

  get language(): string {
    return this.locale.split('-')[0] ?? 'en';
  }

  /** "Tuesday, December 8 at 9:00 AM EST". */
  dateTime(iso: string): string {
    const at = new Date(iso);
    const day = new Intl.DateTimeFormat(this.locale, {
      timeZone: this.timeZone,
      weekday: 'long',
      month: 'long',
      day: 'numeric',
      year: 'numeric',
    }).format(at);
    return `${day} at ${this.time(iso)}`;
  }

  /** "9:00 AM EST". */
  time(iso: string): string {
    return new Intl.DateTimeFormat(this.locale, {
      timeZone: this.timeZone,
      hour: 'numeric',
      minute: '2-digit',
      timeZoneName: 'short',
    }).format(new Date(iso));
  }

  /** A calendar date (YYYY-MM-DD) as "Monday, January 4, 2027"; no zone applies to it. */
  date(isoDate: string): string {
    return new Intl.DateTimeFormat(this.locale, {
      timeZone: 'UTC',
      weekday: 'long',
      month: 'long',
      day: 'numeric',
      year: 'numeric',
    }).format(new Date(`${isoDate}T00:00:00Z`));
  }

  /** Integer minor units → "$120.00". */
  money(m: { amount: number; currency: string }): string {
    const format = new Intl.NumberFormat(this.locale, {
      style: 'currency',
      currency: m.currency.toUpperCase(),
    });
    const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
    return format.format(m.amount / 10 ** digits);
  }

  /** 90 → "1 hour 30 minutes". */
  duration(minutes: number): string {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    const parts = [
      h > 0 ? `${h} ${h === 1 ? 'hour' : 'hours'}` : '',
      m > 0 || h === 0 ? `${m} ${m === 1 ? 'minute' : 'minutes'}` : '',
    ];
    return parts.filter(Boolean).join(' ');
  }

  days(n: number): string {
    if (n === 0) return 'today';
    if (n === 1) return 'tomorrow';
    return `in ${n} days`;
  }
}
