import { HOMEWORK_ESCALATION_GUIDANCE } from '@mm/safety';
import {
  findHomeworkItem,
  HOMEWORK_PAIN_CAP,
  HOMEWORK_RED_FLAG_SYMPTOMS,
} from '../homework/homework.catalogue.ts';
import {
  effectiveItemPainCap,
  type HomeworkPlan,
  type PlanContext,
  planPainCap,
} from '../homework/homework.policy.ts';

/**
 * Red flags after homework. The spec's four (dizziness, numbness, vision change,
 * slurred speech) plus the other neurological signs R10 and R3 list: after self-work
 * near the neck these point to cervical artery dissection or stroke, so they get the
 * same urgent handling.
 */
export const RED_FLAG_SYMPTOMS = [
  ...HOMEWORK_RED_FLAG_SYMPTOMS,
  'TROUBLE_SWALLOWING',
  'LOSS_OF_BALANCE',
  'DROP_ATTACK',
  'WEAKNESS',
  'CONFUSION',
  'SUDDEN_SEVERE_HEADACHE',
  'UNUSUAL_NECK_PAIN',
  // The other urgent red flags the free-text reader (@mm/safety) can find in the client's words.
  'SEIZURE',
  'FAINTING',
  'FEVER_WITH_STIFF_NECK',
  'HEAD_INJURY',
  'PAINFUL_RED_EYE',
] as const;
export type RedFlagSymptom = (typeof RED_FLAG_SYMPTOMS)[number];

/** Worth the therapist's attention, not an emergency. Nausea is common in migraine, so it is not a red flag here. */
export const ROUTINE_SYMPTOMS = [
  'JAW_PAIN_INCREASED',
  'HEADACHE_WORSE',
  'NAUSEA',
  'SORENESS',
  'OTHER',
] as const;
export type RoutineSymptom = (typeof ROUTINE_SYMPTOMS)[number];

export type HomeworkSymptom = RedFlagSymptom | RoutineSymptom;

export interface HomeworkLogInput {
  readonly itemId: string;
  readonly status: 'done' | 'skipped';
  /** Highest discomfort felt, 0–10; null when not answered. */
  readonly painFelt: number | null;
  readonly symptoms: readonly HomeworkSymptom[];
  /** The client did the item during a migraine attack. */
  readonly duringAttack?: boolean;
  /** Free text the safety reader could not call harmless (and found no urgent red flag in). */
  readonly freeTextForReview?: boolean;
}

/** The urgent guidance is `@mm/safety`'s, so screening and care say the same thing. */
export const URGENT_GUIDANCE = HOMEWORK_ESCALATION_GUIDANCE;

export type NotifyReason =
  | 'RED_FLAG_SYMPTOM'
  | 'PAIN_ABOVE_CAP'
  | 'STOP_CONDITION'
  | 'DONE_DURING_ATTACK'
  | 'SYMPTOM_REPORTED'
  | 'FREE_TEXT_REVIEW';

export type AdherenceDecision =
  | {
      readonly type: 'URGENT';
      readonly guidance: string;
      readonly symptoms: readonly RedFlagSymptom[];
      /** The logged answer is an R10 check; screening should see it at the next booking. */
      readonly screeningRuleId: 'R10';
    }
  | {
      readonly type: 'OPEN_ADMIN_ALERT';
      readonly severity: 'URGENT';
      readonly reason: string;
      readonly symptoms: readonly RedFlagSymptom[];
    }
  | { readonly type: 'PAUSE_HOMEWORK'; readonly reason: string }
  /** The log's free text goes to the therapist's review queue. */
  | { readonly type: 'OPEN_THERAPIST_REVIEW'; readonly reason: string }
  | {
      readonly type: 'NOTIFY_THERAPIST';
      readonly reason: NotifyReason;
      readonly priority: 'URGENT' | 'ROUTINE';
      readonly message: string;
    }
  | { readonly type: 'ADVISE_CLIENT'; readonly message: string };

export type AdherenceDecisionType = AdherenceDecision['type'];

const ORDER: Record<AdherenceDecisionType, number> = {
  URGENT: 0,
  OPEN_ADMIN_ALERT: 1,
  OPEN_THERAPIST_REVIEW: 2,
  PAUSE_HOMEWORK: 3,
  NOTIFY_THERAPIST: 4,
  ADVISE_CLIENT: 5,
};

const SYMPTOM_WORDS: Record<HomeworkSymptom, string> = {
  DIZZINESS: 'dizziness',
  NUMBNESS: 'numbness',
  VISION_CHANGE: 'vision change',
  SLURRED_SPEECH: 'slurred speech',
  TROUBLE_SWALLOWING: 'trouble swallowing',
  LOSS_OF_BALANCE: 'loss of balance',
  DROP_ATTACK: 'a sudden fall (drop attack)',
  WEAKNESS: 'weakness',
  CONFUSION: 'confusion',
  SUDDEN_SEVERE_HEADACHE: 'a sudden severe headache',
  UNUSUAL_NECK_PAIN: 'new or unusual neck pain',
  SEIZURE: 'a seizure',
  FAINTING: 'fainting',
  FEVER_WITH_STIFF_NECK: 'fever with a stiff neck or rash',
  HEAD_INJURY: 'a head injury',
  PAINFUL_RED_EYE: 'a painful red eye',
  JAW_PAIN_INCREASED: 'more jaw pain',
  HEADACHE_WORSE: 'a worse headache',
  NAUSEA: 'nausea',
  SORENESS: 'soreness',
  OTHER: 'another symptom',
};

const RED_FLAGS: ReadonlySet<string> = new Set(RED_FLAG_SYMPTOMS);

function isRedFlag(symptom: HomeworkSymptom): symptom is RedFlagSymptom {
  return RED_FLAGS.has(symptom);
}

function words(symptoms: readonly HomeworkSymptom[]): string {
  return symptoms.map((s) => SYMPTOM_WORDS[s]).join(', ');
}

type HomeworkItem = NonNullable<ReturnType<typeof findHomeworkItem>>;

/**
 * What the platform does with one homework log. Returns an ordered decision list,
 * most urgent first; an empty list means nothing to act on.
 */
export function evaluateHomeworkLog(
  log: HomeworkLogInput,
  plan: HomeworkPlan,
  context: PlanContext = {},
): AdherenceDecision[] {
  const item = findHomeworkItem(log.itemId);
  const title = item?.title ?? log.itemId;
  const symptoms = [...new Set(log.symptoms)];
  // Red flags count even on a skipped log: the client may have skipped because of them.
  const redFlags = symptoms.filter(isRedFlag);
  const limits = item ? limitDecisions(log, symptoms, item) : [];
  const decisions: AdherenceDecision[] = [
    ...redFlagDecisions(redFlags, title),
    ...painDecisions(log, plan, context, item, title),
    ...limits,
    ...otherSymptomDecisions(symptoms, redFlags, limits, title),
    // An urgent red flag already gets a person's attention; otherwise unclear words are reviewed.
    ...(log.freeTextForReview === true && redFlags.length === 0 ? freeTextReviewDecisions(title) : []),
  ];
  // Stable sort keeps same-type decisions in the order they were added.
  return decisions.sort((a, b) => ORDER[a.type] - ORDER[b.type]);
}

function redFlagDecisions(redFlags: readonly RedFlagSymptom[], title: string): AdherenceDecision[] {
  if (redFlags.length === 0) return [];
  return [
    { type: 'URGENT', guidance: URGENT_GUIDANCE, symptoms: redFlags, screeningRuleId: 'R10' },
    {
      type: 'OPEN_ADMIN_ALERT',
      severity: 'URGENT',
      reason: `Red-flag symptom after homework "${title}": ${words(redFlags)}.`,
      symptoms: redFlags,
    },
    {
      type: 'PAUSE_HOMEWORK',
      reason: `Red-flag symptom reported: ${words(redFlags)}. Resume only after medical review.`,
    },
    {
      type: 'NOTIFY_THERAPIST',
      reason: 'RED_FLAG_SYMPTOM',
      priority: 'URGENT',
      message: `Your client reported ${words(redFlags)} after "${title}" and was told to seek medical care now.`,
    },
  ];
}

function painDecisions(
  log: HomeworkLogInput,
  plan: HomeworkPlan,
  context: PlanContext,
  item: HomeworkItem | undefined,
  title: string,
): AdherenceDecision[] {
  const itemCap = effectiveItemPainCap(plan, log.itemId, context);
  // Items without pressure (shoes, pillows) still report pain against the plan's cap.
  const cap =
    itemCap ??
    Math.min(
      planPainCap(plan, context),
      HOMEWORK_PAIN_CAP.max,
      context.clientCap ?? Number.POSITIVE_INFINITY,
    );
  const pain = log.painFelt;
  if (pain === null || !Number.isFinite(pain) || pain <= cap) return [];
  const painFree = item?.pressure === 'PAIN_FREE';
  return [
    {
      type: 'NOTIFY_THERAPIST',
      reason: 'PAIN_ABOVE_CAP',
      priority: 'ROUTINE',
      message: painFree
        ? `Your client felt ${pain}/10 during "${title}", which should be pain-free.`
        : `Your client felt ${pain}/10 during "${title}", above the cap of ${cap}/10.`,
    },
    {
      type: 'ADVISE_CLIENT',
      message: painFree
        ? `"${title}" should not hurt. Only go as far as it stays pain-free; your therapist will check in.`
        : `That is more than your limit. Ease off and keep pressure at or below ${cap} out of 10; your therapist will check in.`,
    },
  ];
}

/** The item's own limits: a stop condition met, or done during an attack when it must not be. */
function limitDecisions(
  log: HomeworkLogInput,
  symptoms: readonly HomeworkSymptom[],
  item: HomeworkItem,
): AdherenceDecision[] {
  const { title } = item;
  const out: AdherenceDecision[] = [];
  const stopIf = item.limits.flatMap((l) => (l.code === 'STOP_IF' ? l.conditions : []));
  if (stopIf.includes('JAW_PAIN_INCREASES') && symptoms.includes('JAW_PAIN_INCREASED')) {
    out.push(
      {
        type: 'NOTIFY_THERAPIST',
        reason: 'STOP_CONDITION',
        priority: 'ROUTINE',
        message: `Your client's jaw pain increased with "${title}".`,
      },
      { type: 'ADVISE_CLIENT', message: `Stop "${title}" until your therapist has checked in with you.` },
    );
  }
  const notDuringAttack = item.limits.some((l) => l.code === 'NOT_DURING_ATTACK');
  if (notDuringAttack && log.duringAttack === true && log.status === 'done') {
    out.push(
      {
        type: 'NOTIFY_THERAPIST',
        reason: 'DONE_DURING_ATTACK',
        priority: 'ROUTINE',
        message: `Your client did "${title}" during a migraine attack.`,
      },
      { type: 'ADVISE_CLIENT', message: `Skip "${title}" during a migraine attack.` },
    );
  }
  return out;
}

/** Symptoms not already acted on (a red flag, a stop condition) still reach the therapist. */
function otherSymptomDecisions(
  symptoms: readonly HomeworkSymptom[],
  redFlags: readonly RedFlagSymptom[],
  limits: readonly AdherenceDecision[],
  title: string,
): AdherenceDecision[] {
  const handled = new Set<HomeworkSymptom>(redFlags);
  if (limits.some((d) => d.type === 'NOTIFY_THERAPIST' && d.reason === 'STOP_CONDITION')) {
    handled.add('JAW_PAIN_INCREASED');
  }
  const others = symptoms.filter((s) => !handled.has(s));
  if (others.length === 0) return [];
  return [
    {
      type: 'NOTIFY_THERAPIST',
      reason: 'SYMPTOM_REPORTED',
      priority: 'ROUTINE',
      message: `Your client reported ${words(others)} with "${title}".`,
    },
  ];
}

function freeTextReviewDecisions(title: string): AdherenceDecision[] {
  return [
    {
      type: 'OPEN_THERAPIST_REVIEW',
      reason: `The client's own words about "${title}" need a read: the safety check could not call them harmless.`,
    },
    {
      type: 'NOTIFY_THERAPIST',
      reason: 'FREE_TEXT_REVIEW',
      priority: 'ROUTINE',
      message: `Your client wrote something about "${title}" that needs your review.`,
    },
  ];
}

/** The highest urgency in a decision list, for badges and routing. */
export function decisionSeverity(decisions: readonly AdherenceDecision[]): 'URGENT' | 'ROUTINE' | 'NONE' {
  if (decisions.some((d) => d.type === 'URGENT')) return 'URGENT';
  return decisions.length > 0 ? 'ROUTINE' : 'NONE';
}
