// Homework adherence escalation. Dizziness, numbness, vision change or
// slurred speech during self-massage is an R10 check: stop and seek care now.

/** The symptoms that escalate a homework log entry (R10). */
export const redFlagSymptoms = ['DIZZINESS', 'NUMBNESS', 'VISION_CHANGE', 'SLURRED_SPEECH'] as const;

export type HomeworkRedFlag = (typeof redFlagSymptoms)[number];

export interface HomeworkEscalation {
  urgent: true;
  ruleId: 'R10';
  matched: HomeworkRedFlag[];
  guidance: string;
}

export const HOMEWORK_ESCALATION_GUIDANCE =
  'Stop the exercise now. Dizziness, numbness, a change in vision or slurred speech after neck or head self-massage needs medical care now: contact your doctor or an urgent care service today, or call your local emergency number if the symptoms are severe or not settling. Do not do any more self-massage until a doctor has checked you.';

// Logged answers may be free text; these spellings mean the same red flag.
const ALIASES: Record<string, HomeworkRedFlag> = {
  DIZZINESS: 'DIZZINESS',
  DIZZY: 'DIZZINESS',
  VERTIGO: 'DIZZINESS',
  NUMBNESS: 'NUMBNESS',
  NUMB: 'NUMBNESS',
  VISION_CHANGE: 'VISION_CHANGE',
  VISION_CHANGES: 'VISION_CHANGE',
  BLURRED_VISION: 'VISION_CHANGE',
  DOUBLE_VISION: 'VISION_CHANGE',
  VISION_LOSS: 'VISION_CHANGE',
  LOST_VISION: 'VISION_CHANGE',
  SLURRED_SPEECH: 'SLURRED_SPEECH',
};

function normalise(symptom: string): string {
  return symptom
    .trim()
    .toUpperCase()
    .replace(/[^A-Z]+/g, '_')
    .replace(/^_|_$/g, '');
}

/** Urgent guidance when a logged symptom is a red flag, else null. */
export function checkHomeworkSymptoms(symptoms: readonly string[]): HomeworkEscalation | null {
  const matched = new Set<HomeworkRedFlag>();
  for (const s of symptoms) {
    const flag = ALIASES[normalise(s)];
    if (flag !== undefined) matched.add(flag);
  }
  if (matched.size === 0) return null;
  return {
    urgent: true,
    ruleId: 'R10',
    matched: redFlagSymptoms.filter((f) => matched.has(f)),
    guidance: HOMEWORK_ESCALATION_GUIDANCE,
  };
}
