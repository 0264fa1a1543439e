// The free-text red-flag reader: a client's own words ("my left arm went numb
// after the tennis ball") read for the red flags of safety-rules.md. Pure and
// versioned like the rule set. Matching is by stemmed tokens inside one
// sentence, in any order, never by whole strings. A negation right before the
// words ("no numbness", "didn't feel dizzy") stops a match; anything it cannot
// call harmless with confidence is REVIEW, for the therapist to read.

import type { DayOfSymptom } from './types.ts';

/** The red-flag concepts; the names match care's homework symptoms where one exists. */
export const FREE_TEXT_CONCEPTS = [
  'SUDDEN_SEVERE_HEADACHE',
  'FEVER_WITH_STIFF_NECK',
  'WEAKNESS',
  'NUMBNESS',
  'SLURRED_SPEECH',
  'VISION_CHANGE',
  'CONFUSION',
  'SEIZURE',
  'FAINTING',
  'HEAD_INJURY',
  'DIZZINESS',
  'TROUBLE_SWALLOWING',
  'LOSS_OF_BALANCE',
  'DROP_ATTACK',
  'UNUSUAL_NECK_PAIN',
  'PAINFUL_RED_EYE',
  'CALF_PAIN_OR_SWELLING',
] as const;
export type FreeTextConcept = (typeof FREE_TEXT_CONCEPTS)[number];

/**
 * One way of saying a concept: every group must be present in the same sentence
 * (any order, within `span` tokens); a group is a list of alternatives, each a word
 * or a phrase of consecutive words. Words are written naturally and stemmed on load.
 */
type Pattern = readonly (readonly string[])[];

interface ConceptSpec {
  ruleId: string;
  urgency: 'URGENT' | 'ROUTINE';
  patterns: readonly Pattern[];
  /** A combination that counts anywhere in one field ("Fever. Neck stiff."), not just in one sentence. */
  acrossSentences?: boolean;
}

export interface FreeTextVocabulary {
  version: string;
  concepts: Readonly<Record<FreeTextConcept, ConceptSpec>>;
  /**
   * Words that alone are not a red flag but mean the text is about a body symptom or
   * a worry the reader cannot place: the text goes to review.
   */
  reviewCues: readonly string[];
  /** Words that negate what follows them ("no", "without", "didn't"). */
  negations: readonly string[];
  /** Words a negation reaches across ("no sign of any numbness"). */
  negationFillers: readonly string[];
  /** Most tokens between the first and last word of one match. */
  span: number;
}

const HEADACHE = ['headache', 'head pain', 'migraine', 'pain in my head', 'head hurt', 'head ache'];
const SUDDEN = ['sudden', 'suddenly', 'abrupt', 'abruptly', 'out of nowhere', 'instantly', 'in seconds'];
const SEVERE = ['severe', 'excruciating', 'explosive', 'exploding', 'agonising', 'agonizing', 'unbearable'];
const LIMB = ['arm', 'hand', 'leg', 'foot', 'face', 'side', 'finger', 'fingers', 'lip', 'lips', 'tongue'];
const VISION = ['vision', 'sight', 'eyesight', 'eye', 'eyes'];
const CANT = [
  'cant',
  'cannot',
  'couldnt',
  'could not',
  'can not',
  'not able',
  'unable',
  'trouble',
  'difficulty',
  'hard',
  'struggle',
  'problem',
];

export const VOCABULARY_2026_12_02_1: FreeTextVocabulary = {
  version: '2026-12-02.1',
  concepts: {
    SUDDEN_SEVERE_HEADACHE: {
      ruleId: 'R1',
      urgency: 'URGENT',
      patterns: [
        [['thunderclap']],
        [['worst'], [...HEADACHE, 'pain', 'ache']],
        [SUDDEN, SEVERE, HEADACHE],
        [SUDDEN, HEADACHE, ['peak', 'peaked', 'blinding', 'like being hit', 'like a bomb', 'exploded']],
        [['head'], ['exploding', 'explode', 'exploded']],
      ],
    },
    FEVER_WITH_STIFF_NECK: {
      ruleId: 'R2',
      urgency: 'URGENT',
      acrossSentences: true,
      patterns: [
        [['fever', 'feverish', 'temperature', 'febrile', 'high temp'], ['stiff', 'rigid'], ['neck']],
        [['fever', 'feverish', 'temperature', 'febrile', 'stiff neck'], ['rash']],
        [['fever', 'feverish', 'febrile'], HEADACHE],
      ],
    },
    WEAKNESS: {
      ruleId: 'R3',
      urgency: 'URGENT',
      patterns: [
        [['=weak', 'weakness', 'weaker', 'weakened', 'paralysed', 'paralyzed', 'paralysis', 'dead weight']],
        [LIMB, ['limp', 'floppy', 'useless', 'heavy']],
        [
          ['droop', 'drooping', 'droopy', 'drooped', 'sagging'],
          ['face', 'mouth', 'eyelid', 'side'],
        ],
        [CANT, ['move', 'lift', 'grip', 'hold'], LIMB],
      ],
    },
    NUMBNESS: {
      ruleId: 'R3',
      urgency: 'URGENT',
      patterns: [
        [
          [
            'numb',
            'numbness',
            'numbed',
            'tingling',
            'tingle',
            'pins and needles',
            'no feeling',
            'lost feeling',
          ],
        ],
        [['cant', 'cannot', 'couldnt', 'could not', 'can not'], ['feel'], LIMB],
      ],
    },
    SLURRED_SPEECH: {
      ruleId: 'R3',
      urgency: 'URGENT',
      patterns: [
        [['slur', 'slurred', 'slurring', 'slurry', 'garbled', 'mumbled', 'jumbled']],
        [CANT, ['speak', 'speaking', 'talk', 'talking', 'speech', 'words', 'word out']],
        [
          ['speech', 'words', 'talking'],
          ['strange', 'weird', 'wrong', 'funny', 'thick', 'messed'],
        ],
      ],
    },
    VISION_CHANGE: {
      ruleId: 'R3',
      urgency: 'URGENT',
      patterns: [
        [
          [
            'double vision',
            'seeing double',
            'saw double',
            'see double',
            'blind',
            'blindness',
            'blurry',
            'blurriness',
          ],
        ],
        [
          VISION,
          ['blur', 'blurred', 'blurring', 'lost', 'loss', 'dim', 'dimmed', 'dark', 'black', 'grey', 'gray'],
        ],
        [VISION, ['double', 'changed', 'change', 'gone', 'went', 'fuzzy', 'hazy', 'foggy']],
        [CANT, ['see']],
        [['seeing spots', 'saw spots', 'flashing lights', 'zigzag', 'zigzags', 'zig zag', 'shimmering']],
      ],
    },
    CONFUSION: {
      ruleId: 'R3',
      urgency: 'URGENT',
      patterns: [
        [['=confused', 'confusion', 'disoriented', 'disorientated', 'muddled', 'delirious']],
        [CANT, ['think straight', 'remember where', 'understand', 'recognise', 'recognize']],
        [
          ['didnt', 'did not'],
          ['know where i was', 'recognise', 'recognize'],
        ],
      ],
    },
    SEIZURE: {
      ruleId: 'R3',
      urgency: 'URGENT',
      patterns: [[['seizure', 'convulsion', 'convulsing', 'convulsed', 'had a fit', '=fitting']]],
    },
    FAINTING: {
      ruleId: 'R3',
      urgency: 'URGENT',
      patterns: [
        [
          [
            '=fainted',
            '=fainting',
            'felt faint',
            'feel faint',
            'feeling faint',
            'passed out',
            'blacked out',
            'blackout',
            'lost consciousness',
            'unconscious',
            'syncope',
          ],
        ],
        [
          ['nearly', 'almost'],
          ['pass out', 'passed out', 'black out'],
        ],
      ],
    },
    HEAD_INJURY: {
      ruleId: 'R6',
      urgency: 'URGENT',
      patterns: [
        [['concussion', 'concussed']],
        [
          ['head', 'skull'],
          [
            'hit',
            'injury',
            'injured',
            'injure',
            'bang',
            'banged',
            'bump',
            'bumped',
            'knock',
            'knocked',
            'struck',
            'blow',
            'smacked',
            'whacked',
          ],
        ],
        [
          ['fell', 'fall', 'slipped'],
          ['on my head', 'onto my head', 'hit my head'],
        ],
      ],
    },
    DIZZINESS: {
      ruleId: 'R10',
      urgency: 'URGENT',
      patterns: [
        [['dizzy', 'dizziness', 'vertigo', 'lightheaded', 'light headed', 'woozy', 'giddy']],
        [
          ['room', 'everything', 'head'],
          ['spinning', 'spun', 'spin', 'whirling'],
        ],
      ],
    },
    TROUBLE_SWALLOWING: {
      ruleId: 'R10',
      urgency: 'URGENT',
      patterns: [
        [['dysphagia']],
        [
          [...CANT, 'choking', 'choked', 'painful'],
          ['swallow', 'swallowing'],
        ],
      ],
    },
    LOSS_OF_BALANCE: {
      ruleId: 'R10',
      urgency: 'URGENT',
      patterns: [
        [['balance'], ['lost', 'loss', 'losing', 'lose', 'off', 'poor', 'bad', ...CANT]],
        [['unsteady', 'wobbly', 'staggering', 'staggered', 'stumbling', 'off balance', 'ataxia']],
        [CANT, ['walk', 'stand up']],
      ],
    },
    DROP_ATTACK: {
      ruleId: 'R10',
      urgency: 'URGENT',
      patterns: [
        [['drop attack']],
        [
          ['legs', 'leg', 'knees', 'knee'],
          ['gave way', 'gave out', 'buckled', 'collapsed'],
        ],
        [['collapsed', 'collapse', 'fell down', 'dropped to the floor', 'hit the floor']],
      ],
    },
    UNUSUAL_NECK_PAIN: {
      ruleId: 'R10',
      urgency: 'URGENT',
      patterns: [
        [
          ['neck'],
          ['pain', 'painful', 'hurt', 'hurts', 'hurting', 'ache', 'aching', 'sore'],
          [
            'new',
            'unusual',
            'different',
            'sudden',
            'suddenly',
            'severe',
            'sharp',
            'stabbing',
            'tearing',
            'ripping',
            'worst',
            'never had',
            'strange',
            'weird',
          ],
        ],
      ],
    },
    PAINFUL_RED_EYE: {
      ruleId: 'R9',
      urgency: 'URGENT',
      patterns: [
        [
          ['red', 'bloodshot'],
          ['eye', 'eyes'],
          ['pain', 'painful', 'hurt', 'hurts', 'hurting', 'ache', 'aching', 'sore'],
        ],
      ],
    },
    CALF_PAIN_OR_SWELLING: {
      ruleId: 'R11',
      urgency: 'ROUTINE',
      patterns: [
        [
          ['calf', 'calves'],
          ['swollen', 'swelling', 'swell', 'pain', 'painful', 'hurt', 'hurts', 'tender', 'hot', 'red'],
        ],
      ],
    },
  },
  reviewCues: [
    'vision',
    'sight',
    'eyesight',
    'speech',
    'speak',
    'swallow',
    'balance',
    'fever',
    'feverish',
    'temperature',
    'rash',
    'stiff',
    'chest',
    'breath',
    'breathe',
    'breathing',
    'vomit',
    'vomiting',
    'threw up',
    'faint',
    'shaky',
    'shaking',
    'tremor',
    'twitch',
    'twitching',
    'swelling',
    'swollen',
    'bleeding',
    'bruise',
    'bruised',
    'aura',
    'flashing',
    'worse',
    'worsening',
    'strange',
    'weird',
    'odd',
    'funny feeling',
    'unusual',
    'scary',
    'scared',
    'frightened',
    'frightening',
    'worried',
    'worrying',
    'emergency',
    'hospital',
    'ambulance',
    'doctor',
    'gp',
    'a and e',
    'urgent care',
    '911',
    '999',
    '112',
    'tingly',
    'pressure in my head',
  ],
  negations: [
    'no',
    'not',
    'never',
    'without',
    'nor',
    'none',
    'neither',
    'didnt',
    'dont',
    'doesnt',
    'wasnt',
    'isnt',
    'arent',
    'werent',
    'havent',
    'hasnt',
    'hadnt',
    'denies',
    'denied',
    'free of',
  ],
  negationFillers: [
    'a',
    'an',
    'any',
    'the',
    'my',
    'real',
    'more',
    'much',
    'of',
    'sign',
    'signs',
    'feel',
    'feeling',
    'felt',
    'have',
    'had',
    'has',
    'get',
    'got',
    'getting',
    'go',
    'went',
    'become',
    'became',
    'at',
    'all',
    'really',
    'very',
    'too',
    'experience',
    'experienced',
    'notice',
    'noticed',
    'there',
    'was',
    'were',
    'is',
    'are',
    'be',
    'been',
    'or',
    'and',
    'longer',
    'further',
    'new',
    'other',
    'symptom',
    'symptoms',
    'it',
    'that',
    'so',
    'even',
    'slightest',
    'bit',
    'little',
  ],
  span: 10,
};

export const CURRENT_FREE_TEXT_VOCABULARY = VOCABULARY_2026_12_02_1;

/** What a client is told at once when their own words describe an urgent red flag. */
export const FREE_TEXT_URGENT_GUIDANCE =
  'What you wrote can be a sign of something that needs a doctor now. Please contact your doctor or an urgent care service today, or call your local emergency number if your symptoms are severe or getting worse. Please do not book another massage until a doctor has seen you.';

export interface FreeTextMatch {
  concept: FreeTextConcept;
  ruleId: string;
  urgency: 'URGENT' | 'ROUTINE';
  /** The client's words that matched, as written. */
  words: string[];
}

export interface FreeTextReading {
  vocabularyVersion: string;
  /** RED_FLAG: an urgent concept; REVIEW: a routine concept or a cue the reader cannot place; HARMLESS: neither. */
  verdict: 'RED_FLAG' | 'REVIEW' | 'HARMLESS';
  /** Concepts found, in vocabulary order. */
  matches: FreeTextMatch[];
  /** Concepts found but negated ("no numbness"): kept to explain why nothing fired. */
  negated: FreeTextMatch[];
  /** Review cues found, as written. */
  reviewWords: string[];
}

interface Token {
  stem: string;
  raw: string;
  /** Sentence number: matches never cross a sentence. */
  sentence: number;
  /** Field number (texts are separated by new lines): nothing crosses a field. */
  field: number;
}

// Light stemming: enough to fold "numbed/numbness", "slurring/slurred", "seizures",
// "dizziness/dizzy" together, without turning "number" into "numb".
export function stem(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.length > 5 && w.endsWith('ness')) {
    w = w.slice(0, -4);
    return w.endsWith('i') ? `${w.slice(0, -1)}y` : w;
  }
  for (const suffix of ['ing', 'ed']) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      w = w.slice(0, -suffix.length);
      // slurred → slurr → slur; but keep "fall", "stiff", "swell"
      const last = w.at(-1) ?? '';
      if (w.length > 3 && last === w.at(-2) && !'lsfz'.includes(last)) w = w.slice(0, -1);
      return w;
    }
  }
  if (w.length > 3 && w.endsWith('s') && !/(ss|us|is)$/.test(w)) return w.slice(0, -1);
  return w;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let sentence = 0;
  let field = 0;
  // Apostrophes vanish ("can't" → "cant"); sentence punctuation and "but" end a scope.
  const normalised = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`]/g, '');
  for (const m of normalised.matchAll(/[a-z0-9]+|[.!?;\n]|,/g)) {
    const raw = m[0];
    if (/^[.!?;\n]$/.test(raw)) {
      sentence += 1;
      if (raw === '\n') field += 1;
      continue;
    }
    tokens.push({ stem: raw === ',' ? ',' : stem(raw), raw, sentence, field });
  }
  return tokens;
}

// A word written "=word" matches only as written ("=fainted" but not "a faint ache").
function phrase(words: string): string[] {
  if (words.startsWith('=')) return [words];
  return tokenize(words).map((t) => t.stem);
}

function same(token: Token | undefined, word: string): boolean {
  if (token === undefined) return false;
  return word.startsWith('=') ? token.raw === word.slice(1) : token.stem === word;
}

// Small words inside phrases ("pain in my head") that must not carry a negation further.
const NOT_SYMPTOM_WORDS = new Set([
  'i',
  'my',
  'in',
  'of',
  'a',
  'the',
  'to',
  'on',
  'like',
  'be',
  'out',
  'have',
  'where',
  'was',
  'did',
  'know',
  'up',
]);

interface CompiledVocabulary {
  version: string;
  concepts: { concept: FreeTextConcept; spec: ConceptSpec; patterns: string[][][][] }[];
  reviewCues: string[][];
  negations: Set<string>;
  negationMulti: string[][];
  fillers: Set<string>;
  symptomWords: Set<string>;
  span: number;
}

const compiled = new WeakMap<FreeTextVocabulary, CompiledVocabulary>();

function compile(v: FreeTextVocabulary): CompiledVocabulary {
  const hit = compiled.get(v);
  if (hit) return hit;
  const symptomWords = new Set<string>();
  const concepts = FREE_TEXT_CONCEPTS.map((concept) => {
    const spec = v.concepts[concept];
    const patterns = spec.patterns.map((p) =>
      p.map((group) =>
        group.map((alt) => {
          const words = phrase(alt);
          for (const w of words) if (!NOT_SYMPTOM_WORDS.has(w)) symptomWords.add(w.replace(/^=/, ''));
          return words;
        }),
      ),
    );
    return { concept, spec, patterns };
  });
  const negationWords = v.negations.map(phrase);
  const result: CompiledVocabulary = {
    version: v.version,
    concepts,
    reviewCues: v.reviewCues.map(phrase),
    negations: new Set(negationWords.filter((n) => n.length === 1).map((n) => n[0] as string)),
    negationMulti: negationWords.filter((n) => n.length > 1),
    fillers: new Set(v.negationFillers.map((f) => stem(f))),
    symptomWords,
    span: v.span,
  };
  compiled.set(v, result);
  return result;
}

/** Start indices where a phrase (consecutive stems) occurs. */
function occurrences(tokens: readonly Token[], words: readonly string[]): number[] {
  const at: number[] = [];
  for (let i = 0; i + words.length <= tokens.length; i++) {
    if (words.every((w, k) => same(tokens[i + k], w) && tokens[i + k]?.sentence === tokens[i]?.sentence))
      at.push(i);
  }
  return at;
}

/** Words of "not sure", "dont know": uncertainty, not negation. */
const UNCERTAIN_AFTER = new Set(['sure', 'certain', 'know', 'think', 'tell']);

// Walks back from a matched word across fillers, other symptom words ("no dizziness or
// numbness") and the words of the same match; a negation reached that way negates the
// word. A comma stops it: "not dizzy, numb hand" escalates.
function isNegated(
  tokens: readonly Token[],
  index: number,
  v: CompiledVocabulary,
  inMatch: Set<number>,
): boolean {
  const sentence = tokens[index]?.sentence;
  for (let i = index - 1; i >= 0 && index - i <= 8; i--) {
    const t = tokens[i] as Token;
    if (t.sentence !== sentence) return false;
    if (inMatch.has(i)) continue;
    if (v.negations.has(t.stem)) return !UNCERTAIN_AFTER.has(tokens[i + 1]?.stem ?? '');
    if (v.negationMulti.some((n) => n.every((w, k) => same(tokens[i - n.length + 1 + k], w)))) return true;
    if (t.stem === ',') return false;
    if (v.fillers.has(t.stem) || v.symptomWords.has(t.stem) || v.symptomWords.has(t.raw)) continue;
    return false;
  }
  return false;
}

interface Placed {
  start: number;
  length: number;
}

// The closest-together way to place every group of a pattern in one sentence.
function placePattern(
  tokens: readonly Token[],
  pattern: readonly string[][][],
  span: number,
  acrossSentences: boolean,
): Placed[][] {
  const scope = (t: Token | undefined) => (acrossSentences ? t?.field : t?.sentence);
  const perGroup = pattern.map((group) =>
    group.flatMap((alt) => occurrences(tokens, alt).map((start) => ({ start, length: alt.length }))),
  );
  if (perGroup.some((g) => g.length === 0)) return [];
  const found: Placed[][] = [];
  const [first, ...rest] = perGroup as [Placed[], ...Placed[][]];
  for (const anchor of first) {
    const where = scope(tokens[anchor.start]);
    const chosen: Placed[] = [anchor];
    for (const group of rest) {
      const candidates = group.filter(
        (p) =>
          scope(tokens[p.start]) === where &&
          !chosen.some((c) => p.start < c.start + c.length && c.start < p.start + p.length),
      );
      const best = candidates.sort(
        (a, b) => Math.abs(a.start - anchor.start) - Math.abs(b.start - anchor.start),
      )[0];
      if (!best) break;
      chosen.push(best);
    }
    if (chosen.length !== perGroup.length) continue;
    const lo = Math.min(...chosen.map((c) => c.start));
    const hi = Math.max(...chosen.map((c) => c.start + c.length - 1));
    if (acrossSentences || hi - lo <= span) found.push(chosen);
  }
  return found;
}

/** Reads free text for red-flag concepts; explains which concept and which words. */
export function readFreeText(
  text: string | readonly string[],
  vocabulary: FreeTextVocabulary = CURRENT_FREE_TEXT_VOCABULARY,
): FreeTextReading {
  const v = compile(vocabulary);
  // Separate fields never join into one sentence.
  const tokens = tokenize(typeof text === 'string' ? text : text.join('.\n'));
  const matches: FreeTextMatch[] = [];
  const negated: FreeTextMatch[] = [];
  const used = new Set<number>();
  for (const { concept, spec, patterns } of v.concepts) {
    let best: { words: string[]; negated: boolean } | null = null;
    for (const pattern of patterns) {
      for (const placed of placePattern(tokens, pattern, v.span, spec.acrossSentences === true)) {
        const indices = placed.flatMap((p) => Array.from({ length: p.length }, (_, k) => p.start + k));
        const inMatch = new Set(indices);
        const isNeg = placed.some((p) => isNegated(tokens, p.start, v, inMatch));
        const words = [...indices].sort((a, b) => a - b).map((i) => tokens[i]?.raw ?? '');
        if (!isNeg) for (const i of indices) used.add(i);
        if (best === null || (best.negated && !isNeg)) best = { words, negated: isNeg };
        if (!isNeg) break;
      }
      if (best && !best.negated) break;
    }
    if (best) {
      (best.negated ? negated : matches).push({
        concept,
        ruleId: spec.ruleId,
        urgency: spec.urgency,
        words: best.words,
      });
    }
  }
  const reviewWords: string[] = [];
  for (const cue of v.reviewCues) {
    for (const start of occurrences(tokens, cue)) {
      if (used.has(start)) continue;
      const inMatch = new Set<number>();
      if (isNegated(tokens, start, v, inMatch)) continue;
      reviewWords.push(
        tokens
          .slice(start, start + cue.length)
          .map((t) => t.raw)
          .join(' '),
      );
    }
  }
  const verdict = matches.some((m) => m.urgency === 'URGENT')
    ? 'RED_FLAG'
    : matches.length > 0 || reviewWords.length > 0
      ? 'REVIEW'
      : 'HARMLESS';
  return { vocabularyVersion: v.version, verdict, matches, negated, reviewWords: [...new Set(reviewWords)] };
}

/**
 * What a concept means for screening: the door-check symptoms it stands for, so a red flag in
 * the intake's free text fires the same rule as the structured answer.
 */
export const CONCEPT_SYMPTOMS: Readonly<Record<FreeTextConcept, readonly DayOfSymptom[]>> = {
  SUDDEN_SEVERE_HEADACHE: ['THUNDERCLAP_HEADACHE'],
  FEVER_WITH_STIFF_NECK: ['HEADACHE_WITH_FEVER_STIFF_NECK_OR_RASH'],
  WEAKNESS: ['WEAKNESS'],
  NUMBNESS: ['NUMBNESS'],
  SLURRED_SPEECH: ['SLURRED_SPEECH'],
  // The reader does not tell blurred from lost or double vision: the aura-compatible one, plus R4/R7's.
  VISION_CHANGE: ['VISION_LOSS', 'VISION_CHANGE'],
  CONFUSION: ['CONFUSION'],
  SEIZURE: ['SEIZURE'],
  FAINTING: ['FAINTING'],
  HEAD_INJURY: ['HEAD_INJURY'],
  DIZZINESS: ['DIZZINESS'],
  TROUBLE_SWALLOWING: ['TROUBLE_SWALLOWING'],
  LOSS_OF_BALANCE: ['LOSS_OF_BALANCE'],
  DROP_ATTACK: ['DROP_ATTACKS'],
  UNUSUAL_NECK_PAIN: ['NEW_OR_UNUSUAL_NECK_PAIN'],
  PAINFUL_RED_EYE: ['PAINFUL_RED_EYE'],
  CALF_PAIN_OR_SWELLING: ['CALF_PAIN_OR_SWELLING'],
};
