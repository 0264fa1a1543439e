import { describe, expect, it } from 'vitest';
import { gentleOnlyView, modificationViews } from './safety.views.ts';

describe('modificationViews', () => {
  it('keys a simple modification by its code and an area by code, area and side', () => {
    const views = modificationViews([
      { code: 'NO_ESSENTIAL_OILS', text: 'No essential oils.', sources: ['M8'] },
      {
        code: 'AVOID_AREA',
        area: 'LEGS',
        side: 'LEFT',
        note: 'varicose veins',
        text: 'Avoid the left leg.',
        sources: ['M11'],
      },
      { code: 'AVOID_AREA', area: 'ABDOMEN', side: null, note: null, text: 'Avoid the abdomen.' },
    ]);
    expect(views).toEqual([
      {
        key: 'NO_ESSENTIAL_OILS',
        code: 'NO_ESSENTIAL_OILS',
        text: 'No essential oils.',
        area: null,
        side: null,
        note: null,
        sources: ['M8'],
      },
      {
        key: 'AVOID_AREA:LEGS:LEFT',
        code: 'AVOID_AREA',
        text: 'Avoid the left leg.',
        area: 'LEGS',
        side: 'LEFT',
        note: 'varicose veins',
        sources: ['M11'],
      },
      {
        key: 'AVOID_AREA:ABDOMEN:ANY',
        code: 'AVOID_AREA',
        text: 'Avoid the abdomen.',
        area: 'ABDOMEN',
        side: null,
        note: null,
        sources: [],
      },
    ]);
  });

  it('numbers repeats of the same area so every modification has its own key', () => {
    const keys = modificationViews([
      { code: 'AVOID_AREA', area: 'LEGS', side: 'LEFT', note: 'scar', text: 'a' },
      { code: 'AVOID_AREA', area: 'LEGS', side: 'LEFT', note: 'rash', text: 'b' },
      { code: 'AVOID_AREA', area: 'LEGS', side: 'LEFT', note: 'wound', text: 'c' },
    ]).map((m) => m.key);
    expect(keys).toEqual(['AVOID_AREA:LEGS:LEFT', 'AVOID_AREA:LEGS:LEFT#2', 'AVOID_AREA:LEGS:LEFT#3']);
  });

  it('gentleOnlyView is null without an option and keys the option’s modifications', () => {
    expect(gentleOnlyView(null)).toBeNull();
    expect(
      gentleOnlyView({
        description: 'Hands and feet only.',
        ruleIds: ['D2'],
        allowedAreas: ['HANDS', 'FEET'],
        pressureCap: 2,
        confirmationsRequired: [],
        modifications: [{ code: 'HANDS_AND_FEET_ONLY', text: 'Hands and feet only.' }],
      }),
    ).toMatchObject({
      pressureCap: 2,
      allowedAreas: ['HANDS', 'FEET'],
      modifications: [{ key: 'HANDS_AND_FEET_ONLY' }],
    });
  });
});
