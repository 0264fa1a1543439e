import { describe, expect, it } from 'vitest';
import { checkHomeworkSymptoms, HOMEWORK_ESCALATION_GUIDANCE, redFlagSymptoms } from './homework.ts';

describe('homework red flags', () => {
  it('are the R10 stop-and-seek-care symptoms', () => {
    expect([...redFlagSymptoms]).toEqual(['DIZZINESS', 'NUMBNESS', 'VISION_CHANGE', 'SLURRED_SPEECH']);
  });

  it.each([
    [['DIZZINESS'], ['DIZZINESS']],
    [['numbness'], ['NUMBNESS']],
    [['Vision change'], ['VISION_CHANGE']],
    [['slurred-speech'], ['SLURRED_SPEECH']],
    [
      ['  blurred vision  ', 'dizzy'],
      ['DIZZINESS', 'VISION_CHANGE'],
    ],
    [
      ['double vision', 'numb', 'VERTIGO', 'sore'],
      ['DIZZINESS', 'NUMBNESS', 'VISION_CHANGE'],
    ],
  ])('%j escalates with %j', (symptoms, matched) => {
    expect(checkHomeworkSymptoms(symptoms)).toEqual({
      urgent: true,
      ruleId: 'R10',
      matched,
      guidance: HOMEWORK_ESCALATION_GUIDANCE,
    });
  });

  it('the guidance says stop and seek care now', () => {
    expect(HOMEWORK_ESCALATION_GUIDANCE).toMatch(/^Stop the exercise now\..*medical care now/);
  });

  it.each([[[]], [['sore shoulders', 'tired']], [['']]])('%j does not escalate', (symptoms) => {
    expect(checkHomeworkSymptoms(symptoms)).toBeNull();
  });
});
