import { describe, expect, it } from 'vitest';
import {
  CURRENT_FREE_TEXT_VOCABULARY,
  FREE_TEXT_CONCEPTS,
  type FreeTextConcept,
  readFreeText,
  stem,
} from './freetext.ts';

const concepts = (text: string) => readFreeText(text).matches.map((m) => m.concept);

// Many ways a client writes each red flag: inside sentences, other word orders,
// inflections, punctuation, synonyms and capitals.
const PHRASINGS: Record<FreeTextConcept, string[]> = {
  SUDDEN_SEVERE_HEADACHE: [
    'Worst headache of my life',
    'this is the WORST migraine I have ever had',
    'a thunderclap, then nothing',
    'headache came on suddenly and was severe',
    'severe, sudden headache after the stretch',
    'Sudden excruciating pain in my head',
    'felt like my head was exploding',
    'the worst pain ever, right at the back',
  ],
  FEVER_WITH_STIFF_NECK: [
    'I have a fever and a stiff neck',
    'neck is really stiff and I am running a temperature',
    'Feverish; neck stiff too',
    'Fever. Stiff neck.',
    'fever with a rash on my arms',
    'headache and fever since this morning',
  ],
  WEAKNESS: [
    'my left arm feels weak',
    'Weakness in my right hand after the ball',
    'my face drooped on one side',
    'could not lift my arm for a minute',
    "couldn't grip the cup with my hand",
    'leg went limp',
    'sudden weakness',
  ],
  NUMBNESS: [
    'My left arm went numb after the tennis ball',
    'numbness in two fingers',
    'NUMB LIPS',
    'hands tingling afterwards',
    'pins and needles down my arm',
    "I couldn't feel my hand",
    'Face felt numbed',
  ],
  SLURRED_SPEECH: [
    'my speech was slurred',
    'Slurring my words a bit',
    'husband said I slurred',
    'I could not speak properly',
    'words came out wrong',
    'trouble finding words',
    'talking was weird for ten minutes',
  ],
  VISION_CHANGE: [
    'Vision went blurry for a minute',
    'blurred vision afterwards',
    'I was seeing double',
    'double vision when I stood up',
    'lost the vision in my left eye',
    "couldn't see properly out of one eye",
    'my eyesight went dim',
    'everything blurry!!',
    'flashing lights in the corner of my eye',
  ],
  CONFUSION: [
    'I felt confused after',
    'some confusion for a few minutes',
    'I was disoriented and did not know where I was',
    'could not think straight',
  ],
  SEIZURE: ['I had a seizure last night', 'my partner says I had a fit', 'Convulsions for a minute'],
  FAINTING: [
    'I fainted after the stretch',
    'passed out in the bathroom',
    'nearly passed out',
    'Blacked out for a second',
    'felt faint and had to sit down',
  ],
  HEAD_INJURY: [
    'I banged my head on the cupboard',
    'hit my head yesterday',
    'head injury last week at football',
    'concussion from a fall',
    'I fell and hit my head',
  ],
  DIZZINESS: [
    'felt dizzy afterwards',
    'Dizziness when I sat up',
    'the room was spinning',
    'bit lightheaded',
    'vertigo after the chin tucks',
  ],
  TROUBLE_SWALLOWING: [
    "couldn't swallow properly",
    'trouble swallowing',
    'it was hard to swallow',
    'Swallowing was painful',
  ],
  LOSS_OF_BALANCE: [
    'I lost my balance',
    'balance was off all evening',
    'felt unsteady on my feet',
    'could not walk straight',
  ],
  DROP_ATTACK: [
    'my legs gave way',
    'I suddenly collapsed',
    'knees buckled out of nowhere',
    'drop attack in the kitchen',
  ],
  UNUSUAL_NECK_PAIN: [
    'new pain in my neck',
    'neck pain, sharp and new',
    'a sudden sharp pain in the neck',
    'Neck hurts in a different way than usual',
    'tearing neck pain',
  ],
  PAINFUL_RED_EYE: [
    'my eye is red and painful',
    'Red, sore eye since the session',
    'eyes bloodshot and aching',
  ],
  CALF_PAIN_OR_SWELLING: ['my calf is swollen', 'pain in the left calf', 'calves hot and tender'],
};

describe('readFreeText: every red flag, many phrasings', () => {
  it('covers every concept of the vocabulary', () => {
    expect(Object.keys(PHRASINGS).sort()).toEqual([...FREE_TEXT_CONCEPTS].sort());
    expect(Object.keys(CURRENT_FREE_TEXT_VOCABULARY.concepts).sort()).toEqual([...FREE_TEXT_CONCEPTS].sort());
  });

  const cases = Object.entries(PHRASINGS).flatMap(([concept, texts]) =>
    texts.map((text) => [concept as FreeTextConcept, text] as const),
  );
  it.each(cases)('%s in %j', (concept, text) => {
    const reading = readFreeText(text);
    expect(concepts(text)).toContain(concept);
    const spec = CURRENT_FREE_TEXT_VOCABULARY.concepts[concept];
    expect(reading.verdict).toBe(spec.urgency === 'URGENT' ? 'RED_FLAG' : 'REVIEW');
    const match = reading.matches.find((m) => m.concept === concept);
    expect(match?.ruleId).toBe(spec.ruleId);
    // Explainable: the matched words are the client's own, in the text.
    for (const w of match?.words ?? []) expect(text.toLowerCase().replace(/['’]/g, '')).toContain(w);
    expect(match?.words.length).toBeGreaterThan(0);
  });

  it('reads a red flag the same whatever the case, punctuation and spacing', () => {
    const variants = ['numb arm', 'NUMB ARM', 'Numb...   arm!', 'numb-arm', '"numb" (arm)'];
    for (const v of variants) expect(concepts(v), v).toEqual(['NUMBNESS']);
  });

  it('reads a red flag in any word order', () => {
    expect(concepts('vision blurred')).toEqual(['VISION_CHANGE']);
    expect(concepts('blurred vision')).toEqual(['VISION_CHANGE']);
    expect(concepts('my neck, a new pain there')).toEqual(['UNUSUAL_NECK_PAIN']);
    expect(concepts('a stiff neck and a fever')).toEqual(['FEVER_WITH_STIFF_NECK']);
  });

  it('finds several concepts in one text, in vocabulary order', () => {
    expect(concepts('Felt dizzy and my speech was slurred; then numbness in my hand')).toEqual([
      'NUMBNESS',
      'SLURRED_SPEECH',
      'DIZZINESS',
    ]);
  });

  it('reads a list of fields, never joining two fields into one sentence', () => {
    expect(readFreeText(['felt dizzy', 'slept well']).verdict).toBe('RED_FLAG');
    // "head" in one field and "hit" in the next are not a head injury.
    expect(concepts(['sore head', 'hit the gym later'].join(''))).toEqual([]);
    expect(readFreeText(['my head felt heavy', 'hit the gym']).matches).toEqual([]);
  });
});

describe('readFreeText: negation', () => {
  it.each([
    'no numbness',
    'No dizziness or numbness, felt great',
    "didn't feel dizzy at all",
    'never been dizzy',
    'Not numb, just a bit sore',
    'vision was not blurry',
    'no blurred vision',
    'without any numbness this time',
    'I did not faint',
    'no sign of slurred speech',
    'no fever',
  ])('%j does not fire', (text) => {
    const reading = readFreeText(text);
    expect(reading.matches).toEqual([]);
    expect(reading.verdict).not.toBe('RED_FLAG');
  });

  it('keeps the negated concept to explain why nothing fired', () => {
    expect(readFreeText('no numbness').negated.map((m) => m.concept)).toEqual(['NUMBNESS']);
    expect(readFreeText('no numbness').verdict).toBe('HARMLESS');
  });

  it.each([
    ['not dizzy, but my speech was slurred', 'SLURRED_SPEECH'],
    ['no pain. Numb hand though', 'NUMBNESS'],
    ['No problems, felt a bit dizzy afterwards', 'DIZZINESS'],
    // A comma ends a negation: when in doubt, escalate.
    ['not dizzy, numb hand', 'NUMBNESS'],
    // Uncertainty is not negation.
    ["I don't know if my vision is blurry", 'VISION_CHANGE'],
    ['not sure, maybe a little numbness', 'NUMBNESS'],
    ["I don't think I was dizzy", 'DIZZINESS'],
    ['Numbness? no', 'NUMBNESS'],
    ['it did not hurt, but I could not see clearly', 'VISION_CHANGE'],
  ])('%j still fires %s', (text, concept) => {
    expect(concepts(text)).toContain(concept);
    expect(readFreeText(text).verdict).toBe('RED_FLAG');
  });
});

describe('readFreeText: harmless text and review', () => {
  it.each([
    'felt relaxed, slept well',
    'Did all 10 reps, easy',
    'I have a number of tender spots on my upper back',
    'I feel fit today',
    'the pillow change helped my neck',
    'upper back sore after the tennis ball, 4/10',
    'headache was my usual one, gone after ibuprofen',
    'weather was bad, skipped it',
    'jaw felt looser',
    '',
    '   ',
  ])('%j is harmless', (text) => {
    const reading = readFreeText(text);
    expect(reading).toMatchObject({ verdict: 'HARMLESS', matches: [], reviewWords: [] });
  });

  it.each([
    ['felt a bit strange afterwards', 'strange'],
    ['went to see the doctor', 'doctor'],
    ['a faint ache behind the ear', 'faint'],
    ['my vision felt odd', 'vision'],
    ['I was worried about my breathing', 'worried'],
    ['had to go to the hospital', 'hospital'],
    ['Threw up twice', 'threw up'],
    ['aura started during the stretch', 'aura'],
  ])('%j cannot be called harmless: review (%s)', (text, word) => {
    const reading = readFreeText(text);
    expect(reading.verdict).toBe('REVIEW');
    expect(reading.matches).toEqual([]);
    expect(reading.reviewWords).toContain(word);
  });

  it('a routine red flag (calf swelling, R11) is review, not urgent', () => {
    const reading = readFreeText('my calf is swollen');
    expect(reading.verdict).toBe('REVIEW');
    expect(reading.matches).toEqual([
      { concept: 'CALF_PAIN_OR_SWELLING', ruleId: 'R11', urgency: 'ROUTINE', words: ['calf', 'swollen'] },
    ]);
  });

  it('names its vocabulary version', () => {
    expect(readFreeText('fine').vocabularyVersion).toBe('2026-12-02.1');
  });

  it('reads with the vocabulary it is given', () => {
    const custom = {
      ...CURRENT_FREE_TEXT_VOCABULARY,
      version: 'test',
      concepts: {
        ...CURRENT_FREE_TEXT_VOCABULARY.concepts,
        DIZZINESS: { ruleId: 'R10', urgency: 'URGENT' as const, patterns: [[['wobbly']]] },
      },
    };
    expect(readFreeText('I felt wobbly', custom).matches.map((m) => m.concept)).toContain('DIZZINESS');
    expect(readFreeText('I felt dizzy', custom).matches).toEqual([]);
    expect(readFreeText('I felt dizzy', custom).vocabularyVersion).toBe('test');
  });
});

describe('stem', () => {
  it.each([
    ['numbness', 'numb'],
    ['numbed', 'numb'],
    ['number', 'number'],
    ['slurred', 'slur'],
    ['slurring', 'slur'],
    ['dizziness', 'dizzy'],
    ['seizures', 'seizure'],
    ['headaches', 'headache'],
    ['stiffness', 'stiff'],
    ['injuries', 'injury'],
    ['spinning', 'spin'],
    ['red', 'red'],
    ['loss', 'loss'],
  ])('%s → %s', (word, expected) => {
    expect(stem(word)).toBe(expected);
  });
});
