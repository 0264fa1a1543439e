// Engine results → API shapes, shared by the screening and day-of modules.

import type {
  AppliedModification,
  ExplainedRule,
  FiredRule,
  GentleOnlyOption,
  Modification,
  ScreeningResult,
} from '@mm/safety';

/** The parts of an engine result we seal and later explain. JSON-safe. */
export interface StoredResult {
  check: ScreeningResult['check'];
  outcome: ScreeningResult['outcome'];
  ruleSetVersion: string;
  evaluatedAt: string;
  firedRules: FiredRule[];
  modifications: AppliedModification[];
  pressurePlan: ScreeningResult['pressurePlan'];
  gentleOnly: GentleOnlyOption | null;
  gentleOnlyApplied: boolean;
  urgent: boolean;
  guidance: string;
  preferences: ScreeningResult['preferences'];
}

export const toStoredResult = (r: ScreeningResult): StoredResult => ({
  check: r.check,
  outcome: r.outcome,
  ruleSetVersion: r.ruleSetVersion,
  evaluatedAt: r.evaluatedAt.toISOString(),
  firedRules: r.firedRules,
  modifications: r.modifications,
  pressurePlan: r.pressurePlan,
  gentleOnly: r.gentleOnly,
  gentleOnlyApplied: r.gentleOnlyApplied,
  urgent: r.urgent,
  guidance: r.guidance,
  preferences: r.preferences,
});

export interface ModificationView {
  key: string;
  code: string;
  text: string;
  area: string | null;
  side: string | null;
  note: string | null;
  sources: string[];
}

/** A stable key per modification, for the therapist's acknowledgement: the code, or the code and area. */
export function modificationViews(
  mods: readonly (Modification & { sources?: string[] })[],
): ModificationView[] {
  const seen = new Map<string, number>();
  return mods.map((m) => {
    const base = m.code === 'AVOID_AREA' ? `AVOID_AREA:${m.area}:${m.side ?? 'ANY'}` : m.code;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return {
      key: n === 1 ? base : `${base}#${n}`,
      code: m.code,
      text: m.text,
      area: m.code === 'AVOID_AREA' ? m.area : null,
      side: m.code === 'AVOID_AREA' ? m.side : null,
      note: m.code === 'AVOID_AREA' ? m.note : null,
      sources: m.sources ?? [],
    };
  });
}

export interface RuleView {
  id: string;
  title: string;
  outcome: string;
  urgency: string | null;
  reason: string;
  condition: string | null;
  pressureCap: number | null;
  modifications: ModificationView[];
  gentleOnlyAllowed: boolean;
}

export const ruleView = (r: FiredRule | ExplainedRule): RuleView => ({
  id: r.id,
  title: r.title,
  outcome: r.outcome,
  urgency: r.urgency,
  reason: r.reason,
  condition: 'condition' in r ? r.condition : null,
  pressureCap: r.pressureCap,
  modifications: modificationViews(r.modifications),
  gentleOnlyAllowed: r.gentleOnly !== null,
});

export const gentleOnlyView = (g: GentleOnlyOption | null) =>
  g === null
    ? null
    : {
        description: g.description,
        ruleIds: g.ruleIds,
        allowedAreas: g.allowedAreas,
        pressureCap: g.pressureCap,
        confirmationsRequired: g.confirmationsRequired,
        modifications: modificationViews(g.modifications),
      };
