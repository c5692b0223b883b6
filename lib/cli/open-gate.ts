// `changegate open` and `changegate gate`: a Low-risk CR from the pipeline, and one gate result,
// straight from a report file or given by hand.
import { parseCoverageSummary } from "../ci-reports/coverage";
import { parseLoadTest } from "../ci-reports/load-test";
import { isAuditLevel, parseNpmAudit, AUDIT_LEVELS } from "../ci-reports/npm-audit";
import { ReportError, type GateReport } from "../ci-reports/report";
import { parseSarif } from "../ci-reports/sarif";
import { GATE_KINDS, type GateKind } from "../domain/vocabulary";
import { crPath } from "./api-client";
import { bool, num, parse, required, str, UsageError } from "./args";
import { EXIT, runUrl, setOutput, type Ctx } from "./io";

export const OPEN_USAGE = `changegate open --service <service id> --version <published version> --summary <text>
    [--type FEATURE|BUG_FIX|PERFORMANCE|SECURITY_FIX|INFRASTRUCTURE] [--strategy Canary10Percent5Minutes]
    [--rollback-plan <text>] [--rollback-procedure <text>] [--step <text>]... [--users-affected <text>]
    [--commit-sha <sha>] [--commit-time <ISO time>] [--fixes-deployment <id>] [--body extra.json]
  Opens and submits a Low-risk change; prints its number (also steps.<id>.outputs.cr on GitHub).`;

export async function openChange(ctx: Ctx, argv: string[]): Promise<number> {
  const { values } = parse(
    argv,
    {
      service: { type: "string" },
      version: { type: "string" },
      summary: { type: "string" },
      type: { type: "string" },
      strategy: { type: "string" },
      "rollback-plan": { type: "string" },
      "rollback-procedure": { type: "string" },
      step: { type: "string", multiple: true },
      "services-affected": { type: "string" },
      "users-affected": { type: "string" },
      "commit-sha": { type: "string" },
      "commit-time": { type: "string" },
      "fixes-deployment": { type: "string" },
      body: { type: "string" },
    },
    [],
  );
  const service = required(values, "service");
  const version = required(values, "version");
  const extra = str(values, "body") ? await readJsonObject(ctx, str(values, "body")!) : {};
  const steps = (values.step as string[] | undefined) ?? [`Deploy version ${version} through Changegate`, "Watch the deployment's gates until it completes"];
  // Defaults say what Changegate itself does for a Low-risk change; every one can be overridden.
  const body = {
    summary: required(values, "summary"),
    type: str(values, "type") ?? "FEATURE",
    serviceId: service,
    targetVersion: version,
    strategy: str(values, "strategy") ?? "Canary10Percent5Minutes",
    servicesAffected: str(values, "services-affected") ?? service,
    usersAffected: str(values, "users-affected") ?? "None expected (Low-risk change from CI)",
    rollbackPlan: str(values, "rollback-plan") ?? "Shift the alias back to the version it replaced; Changegate does so automatically when a deployment gate fails",
    rollbackProcedure: str(values, "rollback-procedure") ?? "Roll back from the deployment's page in Changegate (manual rollback to the replaced version)",
    implementationSteps: steps,
    commitSha: str(values, "commit-sha") ?? ctx.env.GITHUB_SHA,
    commitTime: str(values, "commit-time"),
    fixesDeploymentId: str(values, "fixes-deployment"),
    ...extra,
  };
  const cr = await ctx.api.post<{ id: string; number: string; state: string }>("/changes", body);
  ctx.log(`Opened ${cr.number} (${cr.state.toLowerCase()}) for version ${version}.`);
  ctx.out(cr.number);
  await setOutput(ctx, "cr", cr.number);
  return EXIT.OK;
}

export const GATE_USAGE = `changegate gate <CR> (--coverage coverage/coverage-summary.json | --audit audit.json | --sarif report.sarif
    | --load-test results.json | --kind <${GATE_KINDS.join("|")}> --passed true|false [--value N])
    [--threshold N] [--audit-level ${AUDIT_LEVELS.join("|")}] [--version <v>] [--evidence-url <url>] [--commit-sha <sha>]
  Reports one gate result for the CR's version. --threshold: coverage min % (80), load-test max p95 ms (500),
  audit/SARIF findings allowed (0). Exit 0 passed, 1 failed (recorded), 5 unreadable report (nothing sent).`;

export async function reportGate(ctx: Ctx, argv: string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      coverage: { type: "string" },
      audit: { type: "string" },
      sarif: { type: "string" },
      "load-test": { type: "string" },
      kind: { type: "string" },
      passed: { type: "string" },
      value: { type: "string" },
      threshold: { type: "string" },
      "audit-level": { type: "string" },
      version: { type: "string" },
      "evidence-url": { type: "string" },
      "commit-sha": { type: "string" },
    },
    ["CR"],
  );
  const ref = positionals[0]!;
  const sources = (["coverage", "audit", "sarif", "load-test", "kind"] as const).filter((k) => str(values, k) !== undefined);
  if (sources.length !== 1) throw new UsageError("Give exactly one of --coverage, --audit, --sarif, --load-test or --kind.");
  let report: Reported;
  try {
    report = sources[0] === "kind" ? manualReport(values) : await fileReport(ctx, sources[0]!, str(values, sources[0]!)!, values);
  } catch (e) {
    if (!(e instanceof ReportError)) throw e;
    ctx.log(`Not reported: ${e.message}`);
    return EXIT.BAD_REPORT;
  }
  // Results belong to the version the CR deploys; without --version, ask the portal which that is.
  const version = str(values, "version") ?? (await ctx.api.get<{ targetVersion: string }>(`${crPath(ref)}/readiness`)).targetVersion;
  const recorded = await ctx.api.post<{ autoApproved: boolean; changeState: string }>(`${crPath(ref)}/gates`, {
    gate: report.gate,
    version,
    passed: report.passed,
    value: report.value,
    evidenceUrl: str(values, "evidence-url") ?? runUrl(ctx.env),
    commitSha: str(values, "commit-sha") ?? ctx.env.GITHUB_SHA,
    details: report.details,
  });
  ctx.log(`${report.passed ? "PASSED" : "FAILED"} ${report.summary}`);
  ctx.log(`Recorded for ${ref} version ${version}; the change is ${recorded.changeState.toLowerCase()}${recorded.autoApproved ? " (approved automatically: its gates passed)" : ""}.`);
  return report.passed ? EXIT.OK : EXIT.NO;
}

/** A report file's verdict, or a result given by hand (which may carry no value). */
type Reported = Omit<GateReport, "value" | "details"> & { value: number | null; details?: Record<string, unknown> };

function manualReport(values: Record<string, unknown>): Reported {
  const kind = required(values, "kind").toUpperCase();
  if (!(GATE_KINDS as readonly string[]).includes(kind)) throw new UsageError(`--kind must be one of ${GATE_KINDS.join(", ")}; got '${kind}'.`);
  const passed = bool(values, "passed");
  if (passed === undefined) throw new UsageError("--passed true|false is required with --kind.");
  const value = num(values, "value") ?? null;
  return { gate: kind as GateKind, passed, value, summary: `${kind}${value === null ? "" : ` ${value}`}` };
}

async function fileReport(ctx: Ctx, source: "coverage" | "audit" | "sarif" | "load-test", file: string, values: Record<string, unknown>): Promise<GateReport> {
  const threshold = num(values, "threshold");
  const level = str(values, "audit-level");
  if (level !== undefined && !isAuditLevel(level)) throw new UsageError(`--audit-level must be one of ${AUDIT_LEVELS.join(", ")}; got '${level}'.`);
  const text = await readReport(ctx, file);
  if (source === "coverage") return parseCoverageSummary(file, text, threshold);
  if (source === "audit") return parseNpmAudit(file, text, { level: level as never, maxFindings: threshold });
  if (source === "sarif") return parseSarif(file, text, threshold);
  return parseLoadTest(file, text, threshold);
}

async function readReport(ctx: Ctx, file: string): Promise<string> {
  try {
    return await ctx.readFile(file);
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new ReportError(file, null, code === "ENOENT" ? "no such file (did the step that writes it run?)" : `cannot be read (${code ?? (e as Error).message})`);
  }
}

async function readJsonObject(ctx: Ctx, file: string): Promise<Record<string, unknown>> {
  const text = await readReport(ctx, file);
  try {
    const v = JSON.parse(text) as unknown;
    if (v && typeof v === "object" && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // refused below
  }
  throw new UsageError(`--body ${file} must hold a JSON object of change fields.`);
}
