// The versioned free-text vocabulary: how each red-flag concept is said. Words are written
// naturally and stemmed on load; a new wording is a new version, like the rule set.

import type { FreeTextVocabulary } from './freetext-concepts.ts';
import {
  NEGATION_FILLERS_2026_12_02_1,
  NEGATIONS_2026_12_02_1,
  REVIEW_CUES_2026_12_02_1,
} from './freetext-words.ts';

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
  reviewCues: REVIEW_CUES_2026_12_02_1,
  negations: NEGATIONS_2026_12_02_1,
  negationFillers: NEGATION_FILLERS_2026_12_02_1,
  span: 10,
};

export const CURRENT_FREE_TEXT_VOCABULARY = VOCABULARY_2026_12_02_1;
