/**
 * What a therapist must be able to do to honour a booking's screening
 * (safety-rules.md). Most modifications are technique limits every licensed
 * therapist can honour once acknowledged; two need a credential. Keys are
 * the modification codes @mm/safety emits, not rule ids:
 * - REQUIRES_INTRA_ORAL_ENDORSEMENT (M9): intra-oral work only by a therapist
 *   holding the endorsement where the jurisdiction requires one;
 * - the pregnancy precautions (M10): the PRENATAL modality's credential.
 */
export interface ScreeningRequirementsInput {
  readonly requestedIntraOral: boolean;
  readonly requiresIntraOralEndorsement: boolean;
  readonly modifications: readonly { readonly code: string }[];
}

export interface CandidateRequirements {
  readonly requiresIntraOral: boolean;
  /** Modalities the eligibility check must also qualify, besides the requested ones. */
  readonly extraModalities: readonly string[];
}

const MODIFICATION_MODALITIES: Readonly<Record<string, string>> = {
  NO_ABDOMINAL_WORK: 'PRENATAL',
  SIDE_LYING_POSITIONING: 'PRENATAL',
};

export function candidateRequirements(input: ScreeningRequirementsInput): CandidateRequirements {
  const extra = new Set<string>();
  for (const m of input.modifications) {
    const modality = MODIFICATION_MODALITIES[m.code];
    if (modality) extra.add(modality);
  }
  return {
    requiresIntraOral:
      input.requestedIntraOral ||
      input.requiresIntraOralEndorsement ||
      input.modifications.some((m) => m.code === 'REQUIRES_INTRA_ORAL_ENDORSEMENT'),
    extraModalities: [...extra].sort(),
  };
}
