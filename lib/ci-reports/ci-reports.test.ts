// Each report parser on real tool output where the tool runs here (c8, npm audit) and on samples
// written after the documented formats otherwise (SARIF, k6, the seed's load-test-results.json);
// fixtures/README.md says which is which. Wrong files are refused naming the file and the field.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCoverageSummary } from "./coverage";
import { parseLoadTest } from "./load-test";
import { parseNpmAudit } from "./npm-audit";
import { ReportError } from "./report";
import { parseSarif } from "./sarif";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8");
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ReportError);
    return e as ReportError;
  }
  throw new Error("expected a ReportError");
};

describe("coverage-summary.json (real c8 10.1.3 output)", () => {
  it("reads total.lines.pct: 62.5 % fails the seed's 80 %", () => {
    const r = parseCoverageSummary("coverage/coverage-summary.json", fixture("c8-coverage-summary-low.json"));
    expect(r).toMatchObject({ gate: "COVERAGE", passed: false, value: 62.5 });
    expect(r.summary).toBe("Coverage: 62.5 % of lines (statements 62.5 %, branches 75 %, functions 66.66 %) < 80 % required");
  });
  it("87.5 % passes 80 % and fails a threshold of 90", () => {
    expect(parseCoverageSummary("c.json", fixture("c8-coverage-summary-high.json"))).toMatchObject({ passed: true, value: 87.5 });
    expect(parseCoverageSummary("c.json", fixture("c8-coverage-summary-high.json"), 90).passed).toBe(false);
  });
  it("exactly at the threshold passes (the seed fails only below 80)", () => {
    const text = JSON.stringify({ total: { lines: { total: 5, covered: 4, skipped: 0, pct: 80 } } });
    expect(parseCoverageSummary("c.json", text).passed).toBe(true);
  });
  it("refuses a file without total, naming it; hints at coverage-final.json", () => {
    const e = refusal(() => parseCoverageSummary("coverage/coverage-final.json", JSON.stringify({ "/src/a.js": { path: "/src/a.js", statementMap: {} } })));
    expect(e.field).toBe("total");
    expect(e.message).toMatch(/^coverage\/coverage-final\.json: missing total.*coverage-final\.json/);
  });
  it("refuses a missing or non-numeric lines pct, naming total.lines.pct", () => {
    expect(refusal(() => parseCoverageSummary("s.json", JSON.stringify({ total: { statements: { pct: 90 } } }))).message).toBe(
      "s.json: missing total.lines.pct (the percentage of lines covered)",
    );
    expect(refusal(() => parseCoverageSummary("s.json", JSON.stringify({ total: { lines: { pct: "Unknown" } } }))).field).toBe("total.lines.pct");
  });
  it("refuses an empty file and text that is not JSON", () => {
    expect(refusal(() => parseCoverageSummary("s.json", "")).message).toBe("s.json: the file is empty");
    expect(refusal(() => parseCoverageSummary("s.json", "<html>")).message).toMatch(/^s\.json: not JSON/);
  });
});

describe("npm audit --json", () => {
  it("real npm 11 output of a clean tree passes with 0 findings", () => {
    expect(parseNpmAudit("audit.json", fixture("npm-audit-clean.json"))).toMatchObject({ gate: "DEPENDENCY_AUDIT", passed: true, value: 0 });
  });
  it("real npm output of an audit that did not run is refused, not read as clean", () => {
    const e = refusal(() => parseNpmAudit("audit.json", fixture("npm-audit-registry-error.json")));
    expect(e.field).toBe("metadata.vulnerabilities");
    expect(e.message).toMatch(/^audit\.json: npm audit did not complete: 405 Method Not Allowed/);
  });
  it("documented npm 7+ report: counts findings at or above the level (default moderate, as the seed and the policy)", () => {
    const text = fixture("npm-audit-vulnerable.documented.json");
    const r = parseNpmAudit("audit.json", text);
    expect(r).toMatchObject({ passed: false, value: 2 });
    expect(r.summary).toBe("Dependency audit: 2 moderate-or-worse vulnerabilities (0 allowed; all findings: 2 low, 1 moderate, 1 high)");
    expect(parseNpmAudit("audit.json", text, { level: "high" })).toMatchObject({ passed: false, value: 1 });
    expect(parseNpmAudit("audit.json", text, { level: "critical" })).toMatchObject({ passed: true, value: 0 });
    expect(parseNpmAudit("audit.json", text, { level: "low" }).value).toBe(4);
    expect(parseNpmAudit("audit.json", text, { level: "moderate", maxFindings: 2 }).passed).toBe(true);
  });
  it("refuses other JSON and a count that is missing or not a whole number, naming the field", () => {
    expect(refusal(() => parseNpmAudit("a.json", JSON.stringify({ total: {} }))).field).toBe("metadata.vulnerabilities");
    const missingHigh = { metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, critical: 0 } } };
    expect(refusal(() => parseNpmAudit("a.json", JSON.stringify(missingHigh))).message).toBe("a.json: missing metadata.vulnerabilities.high (the number of high vulnerabilities)");
    const fraction = { metadata: { vulnerabilities: { info: 0, low: 0.5, moderate: 0, high: 0, critical: 0 } } };
    expect(refusal(() => parseNpmAudit("a.json", JSON.stringify(fraction))).field).toBe("metadata.vulnerabilities.low");
  });
});

describe("SARIF 2.1.0 (documented samples)", () => {
  it("counts error-level results: explicit, from the rule's default level; suppressed ones do not count", () => {
    const r = parseSarif("semgrep.sarif", fixture("findings.documented.sarif"));
    expect(r).toMatchObject({ gate: "SAST", passed: false, value: 2 });
    expect(r.details.counts).toEqual({ error: 2, warning: 1, note: 1, none: 0 });
    expect(r.summary).toBe("SAST (ExampleSAST): 2 error-level results [js/sql-injection ×2], 1 warning (0 errors allowed)");
    expect(parseSarif("semgrep.sarif", fixture("findings.documented.sarif"), 2).passed).toBe(true);
  });
  it("warnings alone pass; every run counts", () => {
    const r = parseSarif("clean.sarif", fixture("clean.documented.sarif"));
    expect(r).toMatchObject({ passed: true, value: 0 });
    expect(r.details.counts).toMatchObject({ warning: 1 });
    expect(r.details.tools).toEqual(["ExampleSAST", "SecondScanner"]);
  });
  it("refuses another version, missing runs and an unknown level, naming the field", () => {
    expect(refusal(() => parseSarif("r.sarif", JSON.stringify({ version: "2.0.0", runs: [] }))).message).toBe('r.sarif: version must be "2.1.0" (SARIF 2.1.0); found "2.0.0"');
    expect(refusal(() => parseSarif("r.sarif", JSON.stringify({ version: "2.1.0" }))).field).toBe("runs");
    const bad = { version: "2.1.0", runs: [{ tool: { driver: { name: "x" } }, results: [{ level: "fatal", message: { text: "?" } }] }] };
    expect(refusal(() => parseSarif("r.sarif", JSON.stringify(bad))).field).toBe("runs[0].results[0].level");
  });
});

describe("load test p95", () => {
  it("k6 handleSummary data (documented): values['p(95)']", () => {
    const r = parseLoadTest("summary.json", fixture("k6-handle-summary.documented.json"));
    expect(r).toMatchObject({ gate: "LOAD_TEST", passed: true, value: 215.95 });
    expect(r.summary).toBe("Load test: p95 215.95 ms ≤ 500 ms allowed (k6 handleSummary)");
  });
  it("k6 --summary-export (documented): 'p(95)' on the metric; 742.66 ms fails 500 ms", () => {
    expect(parseLoadTest("export.json", fixture("k6-summary-export.documented.json"))).toMatchObject({ passed: false, value: 742.66 });
    expect(parseLoadTest("export.json", fixture("k6-summary-export.documented.json"), 800).passed).toBe(true);
  });
  it("the seed's load-test-results.json: metrics.http_req_duration.p95; exactly at the limit passes", () => {
    expect(parseLoadTest("load-test-results.json", fixture("seed-load-test-results.json"))).toMatchObject({ passed: true, value: 431.7 });
    expect(parseLoadTest("l.json", JSON.stringify({ metrics: { http_req_duration: { p95: 500 } } })).passed).toBe(true);
    expect(parseLoadTest("l.json", JSON.stringify({ metrics: { http_req_duration: { p95: 500.01 } } })).passed).toBe(false);
  });
  it("refuses k6's data-point stream, a summary without p95, and a non-numeric p95, naming the field", () => {
    expect(refusal(() => parseLoadTest("out.json", fixture("k6-out-json-stream.documented.json"))).message).toMatch(/--out json data-point stream/);
    const noP95 = { metrics: { http_req_duration: { type: "trend", values: { avg: 1, "p(90)": 2 } } } };
    expect(refusal(() => parseLoadTest("s.json", JSON.stringify(noP95))).message).toBe('s.json: missing metrics.http_req_duration.values["p(95)"] (the 95th percentile of request duration in ms)');
    expect(refusal(() => parseLoadTest("s.json", JSON.stringify({ metrics: { http_req_duration: { avg: 3 } } }))).field).toBe("metrics.http_req_duration.p95");
    expect(refusal(() => parseLoadTest("s.json", JSON.stringify({ metrics: { http_req_duration: { p95: "fast" } } }))).field).toBe("metrics.http_req_duration.p95");
    expect(refusal(() => parseLoadTest("s.json", JSON.stringify({ checks: [] }))).field).toBe("metrics.http_req_duration");
  });
});
