// `npm audit --json` (npm 7+: auditReportVersion 2; npm 6 and pnpm carry the same counts):
// metadata.vulnerabilities = { info, low, moderate, high, critical, total }. The gate's value is the
// number of findings at or above the chosen level, which is what the portal's policy judges
// ("N moderate-or-worse vulnerabilities, M allowed").
import { at, isObject, numberAt, parseJson, ReportError, type GateReport } from "./report";

export const AUDIT_LEVELS = ["info", "low", "moderate", "high", "critical"] as const;
export type AuditLevel = (typeof AUDIT_LEVELS)[number];
/** The seed runs `npm audit --audit-level=moderate`, and the portal's default policy counts moderate-or-worse. */
export const DEFAULT_AUDIT_LEVEL: AuditLevel = "moderate";

export const isAuditLevel = (v: string): v is AuditLevel => (AUDIT_LEVELS as readonly string[]).includes(v);

export function parseNpmAudit(file: string, text: string, opts: { level?: AuditLevel; maxFindings?: number } = {}): GateReport {
  const level = opts.level ?? DEFAULT_AUDIT_LEVEL;
  const maxFindings = opts.maxFindings ?? 0;
  const root = parseJson(file, text);
  if (isObject(root) && root.metadata === undefined && (root.error !== undefined || typeof root.message === "string")) {
    // npm prints its own failure as JSON on stdout (e.g. a registry without the audit endpoint):
    // that is no evidence of a clean tree.
    const msg = typeof root.message === "string" ? root.message : String(at(root, ["error", "summary"]) ?? "unknown error");
    throw new ReportError(file, "metadata.vulnerabilities", `npm audit did not complete: ${msg}`);
  }
  if (!isObject(at(root, ["metadata", "vulnerabilities"]))) {
    throw new ReportError(file, "metadata.vulnerabilities", "missing metadata.vulnerabilities: not the output of `npm audit --json`");
  }
  const counts = {} as Record<AuditLevel, number>;
  for (const l of AUDIT_LEVELS) {
    const n = numberAt(file, root, ["metadata", "vulnerabilities", l], `the number of ${l} vulnerabilities`);
    if (!Number.isInteger(n) || n < 0) throw new ReportError(file, `metadata.vulnerabilities.${l}`, `metadata.vulnerabilities.${l} must be a whole number; found ${n}`);
    counts[l] = n;
  }
  const from = AUDIT_LEVELS.indexOf(level);
  const findings = AUDIT_LEVELS.slice(from).reduce((sum, l) => sum + counts[l], 0);
  const passed = findings <= maxFindings;
  const breakdown = AUDIT_LEVELS.filter((l) => counts[l] > 0).map((l) => `${counts[l]} ${l}`).join(", ") || "none";
  return {
    gate: "DEPENDENCY_AUDIT",
    passed,
    value: findings,
    summary: `Dependency audit: ${findings} ${level}-or-worse vulnerabilit${findings === 1 ? "y" : "ies"} (${maxFindings} allowed; all findings: ${breakdown})`,
    details: { file, level, maxFindings, counts },
  };
}
