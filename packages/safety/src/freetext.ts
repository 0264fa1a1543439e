// The free-text red-flag reader: a client's own words ("my left arm went numb
// after the tennis ball") read for the red flags of safety-rules.md. Pure and
// versioned like the rule set. Matching is by stemmed tokens inside one
// sentence, in any order, never by whole strings. A negation right before the
// words ("no numbness", "didn't feel dizzy") stops a match; anything it cannot
// call harmless with confidence is REVIEW, for the therapist to read.

import {
  type ConceptSpec,
  FREE_TEXT_CONCEPTS,
  type FreeTextConcept,
  type FreeTextMatch,
  type FreeTextReading,
  type FreeTextVocabulary,
} from './freetext-concepts.ts';
import { CURRENT_FREE_TEXT_VOCABULARY } from './freetext-vocabulary.ts';

export {
  FREE_TEXT_CONCEPTS,
  type FreeTextConcept,
  type FreeTextMatch,
  type FreeTextReading,
  type FreeTextVocabulary,
} from './freetext-concepts.ts';
export { CONCEPT_SYMPTOMS } from './freetext-symptoms.ts';
export { CURRENT_FREE_TEXT_VOCABULARY, VOCABULARY_2026_12_02_1 } from './freetext-vocabulary.ts';

/** What a client is told at once when their own words describe an urgent red flag. */
export const FREE_TEXT_URGENT_GUIDANCE =
  'What you wrote can be a sign of something that needs a doctor now. Please contact your doctor or an urgent care service today, or call your local emergency number if your symptoms are severe or getting worse. Please do not book another massage until a doctor has seen you.';

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
