import { emptyIntakeAnswers, type IntakeAnswers, screenIntake } from '@mm/safety';
import { describe, expect, it } from 'vitest';
import { candidateRequirements } from './modifications.policy.ts';

const now = new Date('2026-11-21T10:00:00Z');
const ctx = {
  now,
  sessionStart: new Date('2026-11-22T15:00:00Z'),
  dateOfBirth: new Date('1990-01-01T00:00:00Z'),
  isFirstSession: false,
  previousSession: null,
};

/** Runs the real engine, so the test breaks if the engine's codes and this policy drift apart. */
function requirementsFor(patch: (a: IntakeAnswers) => void, requestedIntraOral = false) {
  const answers = emptyIntakeAnswers();
  answers.answeredAt = now;
  patch(answers);
  const result = screenIntake(answers, { ...ctx, requestedIntraOral });
  return candidateRequirements({
    requestedIntraOral,
    requiresIntraOralEndorsement: false,
    modifications: result.modifications.map((m) => ({ code: m.code })),
  });
}

describe('candidate requirements from real screening output', () => {
  it('asks for nothing extra when no credentialed modification fired', () => {
    expect(requirementsFor(() => {})).toEqual({ requiresIntraOral: false, extraModalities: [] });
  });

  it('requires the intra-oral endorsement when the client asks for intra-oral or TMJ work', () => {
    const r = requirementsFor((a) => {
      a.preferences.intraOralOrTmjWorkRequested = true;
    }, true);
    expect(r.requiresIntraOral).toBe(true);
    const fromCodeOnly = candidateRequirements({
      requestedIntraOral: false,
      requiresIntraOralEndorsement: false,
      modifications: [{ code: 'REQUIRES_INTRA_ORAL_ENDORSEMENT' }],
    });
    expect(fromCodeOnly.requiresIntraOral).toBe(true);
  });

  it('requires a prenatal credential for a pregnant client, before and after 20 weeks', () => {
    for (const weeksPregnant of [14, 24]) {
      const r = requirementsFor((a) => {
        a.pregnancy.status = 'PREGNANT';
        a.pregnancy.weeksPregnant = weeksPregnant;
      });
      expect(r.extraModalities).toEqual(['PRENATAL']);
    }
  });
});
