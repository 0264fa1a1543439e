import { checkEligibility, type EligibilityResult, isIsoDate } from '@mm/eligibility';
import { fromGlobalId, notFound, type Viewer } from '@mm/graphql-kit';
import { z } from 'zod';
import type { ApplicationsRepository } from '../applications/application.repository.ts';
import { toEligibilityRecord } from '../applications/application.snapshot.ts';

const eligibilityInput = z.object({
  therapistId: z.string(),
  jurisdiction: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, 'must be an ISO 3166-2 code such as US-NY'),
  date: z.string().refine(isIsoDate, 'must be a date as YYYY-MM-DD'),
  modality: z.string().trim().toUpperCase().min(1),
  intraOral: z.boolean().nullish(),
});

/**
 * "Can therapist T take a session in jurisdiction J on date D for modality
 * M?" — answered by @mm/eligibility, the same rules booking applies to its
 * projection, with every reason why not.
 */
export class EligibilityService {
  constructor(private readonly repo: ApplicationsRepository) {}

  async check(viewer: Viewer | null, raw: unknown): Promise<EligibilityResult & { checkedOn: string }> {
    const input = eligibilityInput.parse(raw);
    const therapistId = fromGlobalId('User', input.therapistId, 'therapistId');
    if (!viewer || (viewer.role !== 'ADMIN' && viewer.userId !== therapistId))
      throw notFound('The therapist');
    const app = await this.repo.findByTherapist(therapistId);
    if (!app) throw notFound('The therapist');
    const result = checkEligibility(toEligibilityRecord(app), {
      jurisdiction: input.jurisdiction,
      date: input.date,
      modalities: [input.modality],
      requiresIntraOral: input.intraOral ?? false,
    });
    return { ...result, checkedOn: input.date };
  }
}
