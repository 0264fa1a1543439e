// M12's input: the client's last post-session report, if any.

import type { FieldCipher } from '@mm/crypto';
import type { SessionPressureReport } from '@mm/db';
import type { PreviousSessionFeedback } from '@mm/safety';
import { z } from 'zod';

export const reportDetailsSchema = z.object({
  postSessionMigraine: z.boolean(),
  tooMuchPressure: z.boolean(),
  note: z.string().nullable(),
});
export type ReportDetails = z.infer<typeof reportDetailsSchema>;

export const openReportDetails = (cipher: FieldCipher, r: SessionPressureReport): ReportDetails =>
  reportDetailsSchema.parse(cipher.openJson(r.detailsSealed, r.id));

/** `last` is the client's latest report (`SafetyRepository.lastPressureReport`). */
export function previousSessionFeedback(
  cipher: FieldCipher,
  last: SessionPressureReport | null,
): PreviousSessionFeedback | null {
  if (!last) return null;
  const details = openReportDetails(cipher, last);
  return {
    tooMuchPressure: last.overPressure || details.tooMuchPressure,
    postSessionMigraine: details.postSessionMigraine,
    lastPlanCap: Math.min(10, Math.max(1, last.agreedCap)),
  };
}
