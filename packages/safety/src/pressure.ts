// The pressure plan. Caps only ever combine by minimum, and no cap can leave
// the allowed part of the scale, whatever a rule set or a client asks for.

import { ScreeningInputError } from './errors.ts';
import type {
  PressureCapSource,
  PressurePlan,
  PressurePreference,
  RuleSetCaps,
  ScreeningResult,
} from './types.ts';

/** The 0–10 discomfort scale shared by sessions, homework and feedback. */
export const PRESSURE_SCALE = {
  min: 0,
  max: 10,
  /** No session cap is ever above this, whatever the client asks for. */
  sessionCapCeiling: 8,
  /** No self-massage homework cap is ever above this. */
  selfCareCapCeiling: 6,
  bands: [
    { label: 'LIGHT', from: 1, to: 3, allowed: true, note: 'light' },
    { label: 'MEDIUM', from: 4, to: 6, allowed: true, note: 'medium' },
    { label: 'DEEP', from: 7, to: 8, allowed: true, note: 'stops short of guarding or breath-holding' },
    { label: 'INJURY_RISK', from: 9, to: 10, allowed: false, note: 'injury risk; never allowed' },
  ],
} as const;

function clamp(cap: number, ceiling: number): number {
  return Math.min(Math.max(Math.floor(cap), PRESSURE_SCALE.min), ceiling);
}

function finalise(
  sources: PressureCapSource[],
  preferenceCap: number | null,
  agreedRequest: number | null,
  selfCareCeiling: number,
): PressurePlan {
  const effectiveCap = Math.min(...sources.map((s) => s.cap));
  const agreedCap = agreedRequest === null ? null : clamp(agreedRequest, effectiveCap);
  const all: PressureCapSource[] =
    agreedCap === null ? sources : [...sources, { kind: 'AGREED', ruleId: null, cap: agreedCap }];
  const sessionCap = agreedCap ?? effectiveCap;
  return {
    effectiveCap,
    agreedCap,
    sessionCap,
    selfCareCap: Math.min(selfCareCeiling, sessionCap),
    preferenceCap,
    sources: all,
    limitedBy: all.filter((s) => s.cap === sessionCap),
  };
}

/**
 * Effective cap = min(hard cap, every rule cap, preference cap), clamped to
 * the scale; the agreed cap may only lower it; homework cap = min(default, session cap).
 */
export function computePressurePlan(
  caps: RuleSetCaps,
  preference: PressurePreference | null,
  ruleSources: PressureCapSource[],
  agreedRequest: number | null,
): PressurePlan {
  const ceiling = PRESSURE_SCALE.sessionCapCeiling;
  const preferenceCap = preference === null ? null : clamp(caps.preferenceCaps[preference], ceiling);
  const sources: PressureCapSource[] = [
    { kind: 'HARD_CAP', ruleId: null, cap: clamp(caps.hardCap, ceiling) },
    ...(preferenceCap === null ? [] : [{ kind: 'PREFERENCE' as const, ruleId: null, cap: preferenceCap }]),
    ...ruleSources.map((s) => ({ ...s, cap: clamp(s.cap, ceiling) })),
  ];
  return finalise(
    sources,
    preferenceCap,
    agreedRequest,
    clamp(caps.selfCareCap, PRESSURE_SCALE.selfCareCapCeiling),
  );
}

/** Adds caps to an existing plan (gentle-only). Caps can only go down. */
export function tightenPressurePlan(plan: PressurePlan, extra: PressureCapSource[]): PressurePlan {
  const base = plan.sources.filter((s) => s.kind !== 'AGREED');
  const sources = [
    ...base,
    ...extra.map((s) => ({ ...s, cap: clamp(s.cap, PRESSURE_SCALE.sessionCapCeiling) })),
  ];
  return finalise(sources, plan.preferenceCap, plan.agreedCap, plan.selfCareCap);
}

/**
 * The cap agreed at the door: the client may ask for less, never more than
 * the effective cap of the result. Fractions round down.
 */
export function clampAgreedCap(requested: number, result: Pick<ScreeningResult, 'pressurePlan'>): number {
  if (!Number.isFinite(requested)) {
    throw new ScreeningInputError([{ field: 'agreedPressureCap', message: 'must be a number' }]);
  }
  return clamp(requested, result.pressurePlan.effectiveCap);
}
