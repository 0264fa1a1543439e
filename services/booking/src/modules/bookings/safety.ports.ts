import type { TransactionClient } from '@mm/db';

/**
 * The interface the safety modules (intake/, screening/, day-of/) provide to
 * bookings, exactly as agreed between the two engineers. Bookings depends on
 * these shapes, not on the classes, so each side builds and tests its part;
 * modules/index.ts wires the real ScreeningService and DayOfService.
 */
export interface ScreeningSummary {
  decisionId: string;
  outcome: 'REFER' | 'DEFER' | 'CLEAR_WITH_MODIFICATIONS' | 'CLEAR';
  modifications: { code: string; text: string }[];
  pressureCap: number;
  selfCareCap: number;
  requiresIntraOralEndorsement: boolean;
  urgent: boolean;
  guidance: string;
  gentleOnlyAvailable: boolean;
}

export interface ScreeningPort {
  screenForBooking(
    tx: TransactionClient,
    a: { bookingId: string; clientId: string; sessionStart: Date; requestedIntraOral: boolean },
  ): Promise<ScreeningSummary>;
  summaryForBooking(bookingId: string): Promise<ScreeningSummary | null>;
}

export interface DayOfPort {
  assertSessionMayStart(
    tx: TransactionClient,
    a: { bookingId: string; now: Date },
  ): Promise<{ checkId: string; agreedCap: number; selfCareCap: number }>;
}
