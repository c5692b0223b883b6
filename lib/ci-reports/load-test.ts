// The p95 latency of a load test, from whichever summary the pipeline keeps:
//  - k6 handleSummary's data (JSON.stringify(data)): metrics.http_req_duration.values["p(95)"]
//  - k6 --summary-export:                             metrics.http_req_duration["p(95)"]
//  - the seed's load-test-results.json:               metrics.http_req_duration.p95
// All in milliseconds. Passes when p95 ≤ the limit, as the seed's "Performance Gate" step.
import { at, isObject, numberAt, parseJson, ReportError, round2, type GateReport } from "./report";

/** The seed's pre-deploy-checks.yml fails when P95 exceeds 500 ms. */
export const DEFAULT_P95_MAX_MS = 500;

export function parseLoadTest(file: string, text: string, maxP95Ms = DEFAULT_P95_MAX_MS): GateReport {
  // k6 --out json writes one JSON object per line (every data point), not a summary.
  const firstLine = text.trimStart().split("\n", 1)[0] ?? "";
  if (/^\{"type":"(Metric|Point)"/.test(firstLine)) {
    throw new ReportError(file, "metrics.http_req_duration", "this is k6's --out json data-point stream, not a summary; pass the file of k6 --summary-export or handleSummary");
  }
  const root = parseJson(file, text);
  const duration = at(root, ["metrics", "http_req_duration"]);
  if (!isObject(duration)) throw new ReportError(file, "metrics.http_req_duration", "missing metrics.http_req_duration: not a k6 summary or load-test-results.json");
  const [path, format] = isObject(duration.values)
    ? [["metrics", "http_req_duration", "values", "p(95)"], "k6 handleSummary"]
    : duration["p(95)"] !== undefined
      ? [["metrics", "http_req_duration", "p(95)"], "k6 --summary-export"]
      : duration.p95 !== undefined
        ? [["metrics", "http_req_duration", "p95"], "load-test-results.json"]
        : [null, null];
  if (!path) {
    throw new ReportError(file, "metrics.http_req_duration.p95", `missing the p95 of metrics.http_req_duration (looked for values["p(95)"], "p(95)" and p95); with k6, keep p(95) in --summary-trend-stats`);
  }
  const p95 = round2(numberAt(file, root, path, "the 95th percentile of request duration in ms"));
  if (p95 < 0) throw new ReportError(file, path.join("."), `the p95 cannot be negative; found ${p95}`);
  const passed = p95 <= maxP95Ms;
  return {
    gate: "LOAD_TEST",
    passed,
    value: p95,
    summary: `Load test: p95 ${p95} ms ${passed ? "≤" : ">"} ${maxP95Ms} ms allowed (${format})`,
    details: { file, format, p95Ms: p95, maxP95Ms },
  };
}
