import { describe, expect, it } from 'vitest';
import { screenDayOf, screenIntake } from './engine.ts';
import { RULESET_2026_11_21_1 } from './ruleset.ts';
import { ctx, dayOf, firedIds, intake } from './test-fixtures.ts';

// Screening reads the intake's free text ("other" trigger, "other" start place) with the
// rule set's vocabulary: a red flag written there fires the same rule as the box.
describe('screening reads the intake free text', () => {
  it.each([
    ['my worst headache ever came on suddenly last week', 'R1'],
    ['fever and my neck went stiff', 'R2'],
    ['sometimes my left arm goes numb', 'R3'],
    ['Slurred speech with the last one', 'R3'],
    ['hit my head on a shelf', 'R6'],
    ['red, painful eye', 'R9'],
    ['left calf swollen since the flight', 'R11'],
  ])('triggers.other %j fires %s', (other, ruleId) => {
    const result = screenIntake(intake({ triggers: { other } }), ctx());
    expect(firedIds(result)).toContain(ruleId);
    expect(result.outcome).toBe('REFER');
    expect(result.freeText?.[0]).toMatchObject({ field: 'triggers.other' });
    expect(result.freeText?.[0]?.words.length).toBeGreaterThan(0);
  });

  it('reads where the headache starts, written as "other"', () => {
    const result = screenIntake(
      intake({ headache: { startsAt: ['OTHER'], startsAtOther: 'behind the eye, with blurred vision' } }),
      ctx(),
    );
    expect(firedIds(result)).toContain('R3');
    expect(result.freeText).toEqual([
      expect.objectContaining({ field: 'headache.startsAtOther', concept: 'VISION_CHANGE', ruleId: 'R3' }),
    ]);
  });

  it.each(['red wine and chocolate', 'no numbness, just bright lights', 'stress at work', ''])(
    'harmless or negated text %j changes nothing',
    (other) => {
      const written = screenIntake(intake({ triggers: { other: other || null } }), ctx());
      const blank = screenIntake(intake(), ctx());
      expect(written.outcome).toBe(blank.outcome);
      expect(firedIds(written)).toEqual(firedIds(blank));
      expect(written.freeText).toEqual([]);
    },
  );

  it('a diagnosed aura that matches still follows R3’s aura exception, as with the boxes', () => {
    const answers = intake({
      headache: { hasUsualAura: true, auraDiagnosedByClinician: true },
      redFlags: { neuroSymptomsMatchUsualAura: true },
      triggers: { other: 'my hand goes numb before an attack' },
    });
    expect(firedIds(screenIntake(answers, ctx()))).not.toContain('R3');
  });

  it('the day-of check reads the updated intake’s free text too', () => {
    const updated = intake({ triggers: { other: 'banged my head yesterday' } });
    const result = screenDayOf(dayOf({ updatedIntake: updated }), intake(), ctx());
    expect(firedIds(result)).toContain('R6');
  });

  it('the 2026-11-21.1 table did not read free text, so its decisions stay as they were', () => {
    const result = screenIntake(
      intake({ triggers: { other: 'arm goes numb' } }),
      ctx(),
      RULESET_2026_11_21_1,
    );
    expect(firedIds(result)).not.toContain('R3');
    expect(result.freeText).toBeUndefined();
  });
});
