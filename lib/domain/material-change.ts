// Which edits after submission void the approvals: the seed's CAB approved a specific target, risk
// and plan, window and on-call engineer, so changing any of them needs a fresh decision (and a fresh
// presence confirmation). Wording fixes do not.
export interface MaterialFields {
  serviceId: string;
  targetVersion: string;
  targetCodeSha256: string | null;
  onCallUserId: string | null;
  windowTimeZone: string;
  risk: string;
  strategy: string;
  implementationSteps: readonly string[];
  windowStart: Date;
  windowDurationMin: number;
}

export const MATERIAL_FIELD_LABELS: Record<keyof MaterialFields, string> = {
  serviceId: "service",
  targetVersion: "version",
  targetCodeSha256: "version's code",
  onCallUserId: "on-call engineer",
  windowTimeZone: "deployment window",
  risk: "risk level",
  strategy: "deployment strategy",
  implementationSteps: "implementation plan",
  windowStart: "deployment window",
  windowDurationMin: "deployment window",
};

export function materialChanges(before: MaterialFields, after: MaterialFields): string[] {
  const changed = new Set<string>();
  for (const key of Object.keys(MATERIAL_FIELD_LABELS) as (keyof MaterialFields)[]) {
    const a = before[key];
    const b = after[key];
    const same =
      a instanceof Date && b instanceof Date
        ? a.getTime() === b.getTime()
        : Array.isArray(a) && Array.isArray(b)
          ? a.length === b.length && a.every((x, i) => x === b[i])
          : a === b;
    if (!same) changed.add(MATERIAL_FIELD_LABELS[key]);
  }
  return [...changed];
}
