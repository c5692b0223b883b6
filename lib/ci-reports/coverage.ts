// Istanbul's json-summary (c8, nyc, vitest/jest coverage with the json-summary reporter):
// { total: { lines, statements, branches, functions: { total, covered, skipped, pct } }, "<file>": … }.
// The gate's value is the lines percentage, as the seed's "Coverage Gate" step reads it (jq .total.lines.pct).
import { at, isObject, numberAt, parseJson, ReportError, type GateReport } from "./report";

/** The seed's pre-deploy-checks.yml fails below 80 % of lines. */
export const DEFAULT_COVERAGE_MIN_PCT = 80;

export function parseCoverageSummary(file: string, text: string, minPct = DEFAULT_COVERAGE_MIN_PCT): GateReport {
  const root = parseJson(file, text);
  if (!isObject(root) || !isObject(root.total)) {
    // coverage-final.json (the per-statement map) is the usual mix-up.
    const hint = isObject(root) && Object.values(root).some((f) => isObject(f) && "statementMap" in f) ? " (this looks like coverage-final.json; add the json-summary reporter and pass coverage/coverage-summary.json)" : "";
    throw new ReportError(file, "total", `missing total: not an Istanbul coverage summary${hint}`);
  }
  const lines = numberAt(file, root, ["total", "lines", "pct"], "the percentage of lines covered");
  const other = (k: string) => {
    const v = at(root, ["total", k, "pct"]);
    return typeof v === "number" ? v : null;
  };
  const statements = other("statements");
  const branches = other("branches");
  const functions = other("functions");
  const passed = lines >= minPct;
  const rest = [
    ["statements", statements],
    ["branches", branches],
    ["functions", functions],
  ]
    .filter(([, v]) => v !== null)
    .map(([k, v]) => `${k} ${v} %`)
    .join(", ");
  return {
    gate: "COVERAGE",
    passed,
    value: lines,
    summary: `Coverage: ${lines} % of lines${rest ? ` (${rest})` : ""} ${passed ? "≥" : "<"} ${minPct} % required`,
    details: { file, lines, statements, branches, functions, minPct },
  };
}
