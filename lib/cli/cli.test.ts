// The CLI's commands against a fake portal (a fetch that answers like the CI API) and a fake clock:
// what each command sends, prints, and which exit code a pipeline step gets.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { FetchLike } from "./api-client";
import { EXIT, type Io } from "./io";
import { runCli } from "./main";

type Answer = { status?: number; json: unknown };
type Handler = (method: string, path: string, body: unknown) => Answer | undefined;

function rig(handler: Handler, env: Record<string, string> = {}) {
  const calls: { method: string; path: string; body: unknown }[] = [];
  const out: string[] = [];
  const log: string[] = [];
  const appended: { file: string; text: string }[] = [];
  let clock = 0;
  const sleeps: number[] = [];
  const fetchImpl: FetchLike = async (url, init) => {
    const p = url.replace("http://cg.test/api/v1", "");
    const body = init.body === undefined ? undefined : JSON.parse(init.body);
    expect(init.headers.authorization).toBe("Bearer cg_test");
    calls.push({ method: init.method, path: p, body });
    const a = handler(init.method, p, body) ?? { status: 404, json: { error: { code: "NOT_FOUND", message: `no route ${p}` } } };
    return { ok: (a.status ?? 200) < 400, status: a.status ?? 200, text: async () => JSON.stringify(a.json) };
  };
  const io: Io = {
    out: (l) => out.push(l),
    log: (l) => log.push(l),
    env: { CHANGEGATE_URL: "http://cg.test/", CHANGEGATE_TOKEN: "cg_test", ...env },
    readFile: (p) => readFile(p, "utf8"),
    appendFile: async (file, text) => void appended.push({ file, text }),
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
    now: () => clock,
  };
  return { run: (...argv: string[]) => runCli(argv, io, fetchImpl), calls, out, log, appended, sleeps, text: () => log.join("\n") };
}

const fixture = (name: string) => path.join(import.meta.dirname, "..", "ci-reports", "fixtures", name);
const readiness = (ready: boolean, missing: { code: string; message: string }[] = []) => ({ json: { number: "CR-2026-007", targetVersion: "7", ready, missing, warnings: [] } });

describe("changegate open", () => {
  it("opens a Low-risk CR with pipeline defaults, prints only its number on stdout and sets the GitHub output", async () => {
    const r = rig((m, p) => (m === "POST" && p === "/changes" ? { status: 201, json: { id: "c1", number: "CR-2026-007", state: "SUBMITTED" } } : undefined), {
      GITHUB_SHA: "0123456789abcdef0123456789abcdef01234567",
      GITHUB_OUTPUT: "/tmp/gh-out",
    });
    expect(await r.run("open", "--service", "svc1", "--version", "7", "--summary", "Faster checkout")).toBe(EXIT.OK);
    expect(r.out).toEqual(["CR-2026-007"]);
    expect(r.appended).toEqual([{ file: "/tmp/gh-out", text: "cr=CR-2026-007\n" }]);
    expect(r.calls[0]!.body).toMatchObject({ serviceId: "svc1", targetVersion: "7", summary: "Faster checkout", type: "FEATURE", strategy: "Canary10Percent5Minutes", commitSha: "0123456789abcdef0123456789abcdef01234567" });
    expect((r.calls[0]!.body as { implementationSteps: string[] }).implementationSteps).toHaveLength(2);
  });
  it("a refusal prints the portal's code, message and fields, exit 4", async () => {
    const r = rig(() => ({ status: 403, json: { error: { code: "FORBIDDEN", message: "CI token 'main' is not scoped to this change's service.", fields: { serviceId: "Not in scope" } } } }));
    expect(await r.run("open", "--service", "other", "--version", "7", "--summary", "Faster checkout")).toBe(EXIT.REFUSED);
    expect(r.text()).toBe("Changegate refused (HTTP 403 FORBIDDEN): CI token 'main' is not scoped to this change's service.\n  serviceId: Not in scope");
    expect(r.out).toEqual([]);
  });
  it("missing flags and a missing CHANGEGATE_URL are usage errors (64) and call nothing", async () => {
    const r = rig(() => undefined, { CHANGEGATE_URL: "" });
    expect(await r.run("open", "--service", "s", "--version", "7", "--summary", "x")).toBe(EXIT.USAGE);
    expect(r.text()).toMatch(/Set CHANGEGATE_URL/);
    const r2 = rig(() => undefined);
    expect(await r2.run("open", "--version", "7")).toBe(EXIT.USAGE);
    expect(r2.text()).toMatch(/^changegate open: --service is required\./);
    expect(r2.calls).toEqual([]);
  });
});

describe("changegate gate", () => {
  const gates = (m: string, p: string) =>
    m === "GET" && p.endsWith("/readiness") ? readiness(false) : m === "POST" && p.endsWith("/gates") ? { status: 201, json: { autoApproved: false, changeState: "SUBMITTED" } } : undefined;

  it("reports coverage from a real c8 summary for the CR's target version; 62.5 % records a failed gate and exits 1", async () => {
    const r = rig(gates, { GITHUB_SERVER_URL: "https://github.com", GITHUB_REPOSITORY: "acme/pay", GITHUB_RUN_ID: "42" });
    expect(await r.run("gate", "CR-2026-007", "--coverage", fixture("c8-coverage-summary-low.json"))).toBe(EXIT.NO);
    expect(r.calls.map((c) => `${c.method} ${c.path}`)).toEqual(["GET /changes/CR-2026-007/readiness", "POST /changes/CR-2026-007/gates"]);
    expect(r.calls[1]!.body).toMatchObject({ gate: "COVERAGE", version: "7", passed: false, value: 62.5, evidenceUrl: "https://github.com/acme/pay/actions/runs/42" });
    expect(r.text()).toMatch(/^FAILED Coverage: 62\.5 % of lines/);
  });
  it("--threshold and --version: 62.5 % passes a 60 % bar without asking for the version", async () => {
    const r = rig(gates);
    expect(await r.run("gate", "CR-2026-007", "--coverage", fixture("c8-coverage-summary-low.json"), "--threshold", "60", "--version", "7")).toBe(EXIT.OK);
    expect(r.calls.map((c) => c.method)).toEqual(["POST"]);
  });
  it("audit, SARIF and load test go as their gate kinds with the parser's value", async () => {
    const r = rig(gates);
    await r.run("gate", "CR-1", "--audit", fixture("npm-audit-vulnerable.documented.json"), "--audit-level", "high", "--version", "7");
    await r.run("gate", "CR-1", "--sarif", fixture("findings.documented.sarif"), "--version", "7");
    await r.run("gate", "CR-1", "--load-test", fixture("seed-load-test-results.json"), "--version", "7");
    expect(r.calls.map((c) => c.body)).toMatchObject([
      { gate: "DEPENDENCY_AUDIT", value: 1, passed: false },
      { gate: "SAST", value: 2, passed: false },
      { gate: "LOAD_TEST", value: 431.7, passed: true },
    ]);
  });
  it("a wrong or missing report file exits 5 and sends nothing", async () => {
    const r = rig(gates);
    expect(await r.run("gate", "CR-1", "--coverage", fixture("npm-audit-clean.json"))).toBe(EXIT.BAD_REPORT);
    expect(await r.run("gate", "CR-1", "--load-test", "/nonexistent/results.json")).toBe(EXIT.BAD_REPORT);
    expect(r.calls).toEqual([]);
    expect(r.log).toEqual([`Not reported: ${fixture("npm-audit-clean.json")}: missing total: not an Istanbul coverage summary`, "Not reported: /nonexistent/results.json: no such file (did the step that writes it run?)"]);
  });
  it("a generic result by kind; exactly one source is required", async () => {
    const r = rig(gates);
    expect(await r.run("gate", "CR-1", "--kind", "unit", "--passed", "true", "--version", "7")).toBe(EXIT.OK);
    expect(r.calls[0]!.body).toMatchObject({ gate: "UNIT", passed: true, value: null });
    expect(await r.run("gate", "CR-1", "--kind", "UNIT")).toBe(EXIT.USAGE);
    expect(await r.run("gate", "CR-1", "--kind", "UNIT", "--passed", "true", "--coverage", "c.json")).toBe(EXIT.USAGE);
    expect(await r.run("gate", "CR-1", "--kind", "LINT", "--passed", "true")).toBe(EXIT.USAGE);
    expect(await r.run("gate", "--kind", "UNIT", "--passed", "true")).toBe(EXIT.USAGE);
    expect(r.calls).toHaveLength(1);
  });
});

describe("changegate wait", () => {
  it("polls until ready (exit 0), printing what is missing only when it changes", async () => {
    const answers = [readiness(false, [{ code: "GATE_MISSING", message: "unit tests not reported" }]), readiness(false, [{ code: "GATE_MISSING", message: "unit tests not reported" }]), readiness(true)];
    const r = rig(() => answers.shift());
    expect(await r.run("wait", "CR-2026-007", "--interval", "15s")).toBe(EXIT.OK);
    expect(r.sleeps).toEqual([15_000, 15_000]);
    expect(r.log).toEqual(["CR-2026-007 is not ready yet:\n  - unit tests not reported [GATE_MISSING]", "CR-2026-007 is ready to deploy version 7."]);
  });
  it("times out with exit 2 and says what is still missing", async () => {
    const r = rig(() => readiness(false, [{ code: "APPROVAL_AUTOMATED", message: "awaiting automated approval" }]));
    expect(await r.run("wait", "CR-2026-007", "--timeout", "30s", "--interval", "10s")).toBe(EXIT.TIMEOUT);
    expect(r.calls).toHaveLength(4);
    expect(r.log.at(-1)).toBe("Timed out after 30s: CR-2026-007 is still not ready:\n  - awaiting automated approval [APPROVAL_AUTOMATED]");
  });
  it("a rejected change stops the wait at once (exit 1)", async () => {
    const r = rig(() => readiness(false, [{ code: "REJECTED", message: "rejected by the CAB" }]));
    expect(await r.run("wait", "CR-2026-007")).toBe(EXIT.NO);
    expect(r.calls).toHaveLength(1);
  });
  it("a bad --timeout is a usage error", async () => {
    expect(await rig(() => undefined).run("wait", "CR-1", "--timeout", "soon")).toBe(EXIT.USAGE);
  });
});

describe("changegate deploy", () => {
  const live = (state: string, extra: Record<string, unknown> = {}) => ({
    json: { id: "d1", state, active: !["SUCCEEDED", "ROLLED_BACK", "FAILED"].includes(state), currentWeight: 10, currentStep: 0, steps: [], toVersion: "7", fromVersion: "6", functionName: "pay", alias: "live", reason: null, ...extra },
  });
  const portal = (states: Answer[]) => (m: string, p: string) =>
    m === "POST" && p === "/changes/CR-2026-007/deploy" ? { status: 201, json: { deploymentId: "d1", state: "PENDING" } } : m === "GET" && p === "/deployments/d1" ? states.shift() : undefined;

  it("starts the deployment and prints its id; without --follow it does not wait", async () => {
    const r = rig(portal([]), { GITHUB_OUTPUT: "/tmp/o" });
    expect(await r.run("deploy", "CR-2026-007")).toBe(EXIT.OK);
    expect(r.out).toEqual(["d1"]);
    expect(r.appended).toEqual([{ file: "/tmp/o", text: "deployment=d1\n" }]);
    expect(r.calls).toHaveLength(1);
  });
  it("--follow: exit 0 when it succeeds", async () => {
    const r = rig(portal([live("SHIFTING"), live("SHIFTING"), live("VALIDATING", { currentWeight: 100 }), live("SUCCEEDED", { currentWeight: 100 })]));
    expect(await r.run("deploy", "CR-2026-007", "--follow", "--interval", "1s")).toBe(EXIT.OK);
    expect(r.log.filter((l) => l.startsWith("shifting"))).toHaveLength(1);
    expect(r.log.at(-1)).toBe("Deployment d1 succeeded: live now serves version 7.");
  });
  it("--follow: exit 3 with the reason when it is rolled back", async () => {
    const r = rig(portal([live("SHIFTING"), live("ROLLED_BACK", { currentWeight: 0, reason: "Error rate 5.2 % > 1 % at 10 %" })]));
    expect(await r.run("deploy", "CR-2026-007", "--follow")).toBe(EXIT.DEPLOY_FAILED);
    expect(r.log.at(-1)).toBe("Deployment d1 was rolled back: Error rate 5.2 % > 1 % at 10 %. live serves version 6.");
  });
  it("--follow --timeout: exit 2 while it still runs", async () => {
    const r = rig(portal(Array.from({ length: 10 }, () => live("SHIFTING"))));
    expect(await r.run("deploy", "CR-2026-007", "--follow", "--timeout", "10s", "--interval", "5s")).toBe(EXIT.TIMEOUT);
    expect(r.log.at(-1)).toMatch(/^Timed out after 10s; deployment d1 is still shifting/);
  });
  it("a change that is not ready is refused with the portal's reasons (exit 4)", async () => {
    const r = rig(() => ({ status: 409, json: { error: { code: "NOT_READY", message: "This change may not deploy yet: unit tests not reported." } } }));
    expect(await r.run("deploy", "CR-2026-007", "--follow")).toBe(EXIT.REFUSED);
    expect(r.text()).toBe("Changegate refused (HTTP 409 NOT_READY): This change may not deploy yet: unit tests not reported.");
  });
});
