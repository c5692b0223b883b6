// SARIF 2.1.0 (the OASIS format SAST tools emit: CodeQL, Semgrep, ESLint's formatter, Bandit…):
// runs[].results[] with a level (error | warning | note | none) and a ruleId. The gate's value is
// the number of error-level results; suppressed results do not count (as GitHub code scanning).
import { isObject, parseJson, ReportError, type GateReport } from "./report";

type Level = "error" | "warning" | "note" | "none";
const LEVELS: readonly string[] = ["error", "warning", "note", "none"];

export function parseSarif(file: string, text: string, maxErrors = 0): GateReport {
  const root = parseJson(file, text);
  if (!isObject(root)) throw new ReportError(file, "version", "not a SARIF log (expected a JSON object with version and runs)");
  if (root.version !== "2.1.0") {
    throw new ReportError(file, "version", `version must be "2.1.0" (SARIF 2.1.0); found ${root.version === undefined ? "none" : JSON.stringify(root.version)}`);
  }
  if (!Array.isArray(root.runs)) throw new ReportError(file, "runs", "missing runs: a SARIF log lists its tool runs in runs[]");
  const counts: Record<Level, number> = { error: 0, warning: 0, note: 0, none: 0 };
  const errorRules = new Map<string, number>();
  const tools: string[] = [];
  root.runs.forEach((run, i) => {
    if (!isObject(run)) throw new ReportError(file, `runs[${i}]`, `runs[${i}] must be an object`);
    const driver = isObject(run.tool) && isObject(run.tool.driver) ? run.tool.driver : null;
    if (driver && typeof driver.name === "string") tools.push(driver.name);
    const rules = driver && Array.isArray(driver.rules) ? driver.rules : [];
    if (run.results === undefined || run.results === null) return; // the tool did not say; no findings to count
    if (!Array.isArray(run.results)) throw new ReportError(file, `runs[${i}].results`, `runs[${i}].results must be an array`);
    run.results.forEach((r, j) => {
      if (!isObject(r)) throw new ReportError(file, `runs[${i}].results[${j}]`, `runs[${i}].results[${j}] must be an object`);
      if (isSuppressed(r)) return;
      const level = levelOf(r, rules);
      if (!level) throw new ReportError(file, `runs[${i}].results[${j}].level`, `runs[${i}].results[${j}].level must be one of ${LEVELS.join(", ")}; found ${JSON.stringify(r.level)}`);
      counts[level] += 1;
      if (level === "error") {
        const id = ruleIdOf(r, rules) ?? "(no rule id)";
        errorRules.set(id, (errorRules.get(id) ?? 0) + 1);
      }
    });
  });
  const passed = counts.error <= maxErrors;
  const top = [...errorRules].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([id, n]) => (n > 1 ? `${id} ×${n}` : id));
  return {
    gate: "SAST",
    passed,
    value: counts.error,
    summary: `SAST${tools.length ? ` (${[...new Set(tools)].join(", ")})` : ""}: ${counts.error} error-level result${counts.error === 1 ? "" : "s"}${top.length ? ` [${top.join(", ")}${errorRules.size > 5 ? ", …" : ""}]` : ""}, ${counts.warning} warning${counts.warning === 1 ? "" : "s"} (${maxErrors} errors allowed)`,
    details: { file, counts, errorRules: Object.fromEntries(errorRules), tools, maxErrors },
  };
}

// SARIF §3.27.10: absent level comes from the rule's defaultConfiguration, else "warning"; a result
// whose kind is not "fail" is not a problem at all ("none").
function levelOf(r: Record<string, unknown>, rules: unknown[]): Level | null {
  if (r.level !== undefined) return LEVELS.includes(r.level as string) ? (r.level as Level) : null;
  if (r.kind !== undefined && r.kind !== "fail") return "none";
  const rule = ruleOf(r, rules);
  const dflt = rule && isObject(rule.defaultConfiguration) ? rule.defaultConfiguration.level : undefined;
  return typeof dflt === "string" && LEVELS.includes(dflt) ? (dflt as Level) : "warning";
}

function ruleOf(r: Record<string, unknown>, rules: unknown[]): Record<string, unknown> | null {
  const byIndex = typeof r.ruleIndex === "number" ? rules[r.ruleIndex] : undefined;
  if (isObject(byIndex)) return byIndex;
  const id = typeof r.ruleId === "string" ? r.ruleId : isObject(r.rule) && typeof r.rule.id === "string" ? r.rule.id : null;
  const found = id ? rules.find((x) => isObject(x) && x.id === id) : undefined;
  return isObject(found) ? found : null;
}

function ruleIdOf(r: Record<string, unknown>, rules: unknown[]): string | null {
  if (typeof r.ruleId === "string") return r.ruleId;
  if (isObject(r.rule) && typeof r.rule.id === "string") return r.rule.id;
  const rule = ruleOf(r, rules);
  return rule && typeof rule.id === "string" ? rule.id : null;
}

/** Suppressed in source or accepted in review; a suppression still under review counts. */
function isSuppressed(r: Record<string, unknown>): boolean {
  if (!Array.isArray(r.suppressions) || r.suppressions.length === 0) return false;
  return r.suppressions.some((s) => isObject(s) && (s.status === undefined || s.status === "accepted"));
}
