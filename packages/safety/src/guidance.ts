// Client-facing next steps, one per outcome. Shared by the engine and by
// explain(), so an old decision reads the same way it did at the time.

import type { GentleOnlyOption, Outcome } from './types.ts';

export const GUIDANCE = {
  REFER_URGENT:
    'Please seek medical care now: contact your doctor or an urgent care service today, or call your local emergency number if your symptoms are severe or getting worse. This massage cannot go ahead and you have not been charged.',
  REFER_ROUTINE:
    'Please see a physician before booking a massage. This booking cannot go ahead and you have not been charged. Once a physician has seen you, update your answers and book again.',
  DEFER: 'Today is not the right day for massage. You can reschedule at no fee.',
  CLEAR_WITH_MODIFICATIONS:
    'Your session can go ahead with the limits listed. Your therapist confirms them before starting.',
  CLEAR: 'Your session can go ahead. Standard safety limits apply.',
} as const;

/**
 * `gentleOnly` is the offered option on DEFER, and the chosen one on a
 * CLEAR_WITH_MODIFICATIONS that came from applyGentleOnly (null otherwise).
 */
export function guidanceFor(outcome: Outcome, urgent: boolean, gentleOnly: GentleOnlyOption | null): string {
  switch (outcome) {
    case 'REFER':
      return urgent ? GUIDANCE.REFER_URGENT : GUIDANCE.REFER_ROUTINE;
    case 'DEFER':
      return gentleOnly === null
        ? GUIDANCE.DEFER
        : `${GUIDANCE.DEFER} Or you can choose a gentle-only session: ${gentleOnly.description}`;
    case 'CLEAR_WITH_MODIFICATIONS':
      return gentleOnly !== null
        ? `Gentle-only session: ${gentleOnly.description} Your therapist confirms these limits before starting.`
        : GUIDANCE.CLEAR_WITH_MODIFICATIONS;
    case 'CLEAR':
      return GUIDANCE.CLEAR;
  }
}
