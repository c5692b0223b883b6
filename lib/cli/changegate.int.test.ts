// The changegate CLI drives a Low-risk change from open to deployed, as a pipeline would: the real
// CLI in a child process (bin/changegate.mjs, through tsx, no build) against the portal's own CI API
// route handlers on a real database, the AWS sandbox and a deploy worker.
// Why not `next start`: a production build takes minutes on this machine and is the e2e suite's job.
// The route handlers are what Next calls for /api/v1/*, so a small HTTP server in this test hands
// them the request (as lib/server/slack-interaction.int.test.ts serves its handler): the CLI talks
// HTTP to the same code, minus Next's router.
import { execFile } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createAwsGateways, type AwsGateways } from "@/lib/aws";
import { sandboxClock } from "@/lib/deploy/clock";
import { stopSenderBoss } from "@/lib/deploy/queue";
import { startDeployWorker, type DeployWorker } from "@/lib/deploy/worker";
import { deploymentOutcomes } from "@/lib/server/deployment-outcomes";
import { SandboxControlClient } from "@/lib/sandbox/control-client";
import { createApiToken } from "@/lib/server/api-tokens";
import { createService, createUser } from "@/prisma/factories";
import { asActor, agreement } from "@/test/deploy-support";
import { POST as openChange } from "@/app/api/v1/changes/route";
import { POST as postGate } from "@/app/api/v1/changes/[ref]/gates/route";
import { GET as readiness } from "@/app/api/v1/changes/[ref]/readiness/route";
import { POST as startDeploy } from "@/app/api/v1/changes/[ref]/deploy/route";
import { GET as liveDeployment } from "@/app/api/v1/deployments/[id]/route";
import { scaled } from "@/test/timeouts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const fixture = (name: string) => path.join(ROOT, "lib/ci-reports/fixtures", name);

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const ROUTES: [string, RegExp, Handler][] = [
  ["POST", /^\/api\/v1\/changes$/, openChange as Handler],
  ["POST", /^\/api\/v1\/changes\/(?<ref>[^/]+)\/gates$/, postGate as Handler],
  ["GET", /^\/api\/v1\/changes\/(?<ref>[^/]+)\/readiness$/, readiness as Handler],
  ["POST", /^\/api\/v1\/changes\/(?<ref>[^/]+)\/deploy$/, startDeploy as Handler],
  ["GET", /^\/api\/v1\/deployments\/(?<id>[^/]+)$/, liveDeployment as Handler],
];

let portal: http.Server;
let portalUrl: string;
let aws: AwsGateways;
let worker: DeployWorker;
let token: string;
let otherToken: string;
let serviceId: string;
let functionName: string;

function serve(req: http.IncomingMessage, res: http.ServerResponse) {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", async () => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const route = ROUTES.map(([m, re, h]) => ({ m, h, match: re.exec(url.pathname) })).find((r) => r.m === req.method && r.match);
    if (!route) {
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "NOT_FOUND", message: `No route ${req.method} ${url.pathname}` } }));
      return;
    }
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const body = chunks.length ? Buffer.concat(chunks) : undefined;
    const answer = await route.h(new Request(url, { method: req.method, headers, body }), { params: Promise.resolve({ ...route.match!.groups }) });
    res.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "application/json" }).end(await answer.text());
  });
}

/** The CLI as a pipeline runs it: a separate process, env for the portal and token; never blocks this process's server. */
function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(ROOT, "bin/changegate.mjs"), ...args], { cwd: ROOT, env: { NODE_ENV: "test", PATH: process.env.PATH ?? "", CHANGEGATE_URL: portalUrl, CHANGEGATE_TOKEN: token, ...env }, timeout: scaled(90_000) }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout: stdout.trim(), stderr: stderr.trim() }),
    );
  });
}

beforeAll(async () => {
  // The test setup's sandbox (the one the portal's services read through CHANGEGATE_SANDBOX_URL), at 120×
  // so the canary's five simulated minutes pass in a few real seconds.
  const sandboxUrl = process.env.CHANGEGATE_SANDBOX_URL!;
  const control = new SandboxControlClient(sandboxUrl);
  await control.setTimeScale(120);
  aws = createAwsGateways({ endpoint: sandboxUrl, retryBaseDelayMs: 5, retryMaxDelayMs: 20 });
  const deps = { lambda: aws.lambda, metrics: aws.metrics, ssm: aws.ssm, ecs: aws.ecs, alarms: aws.alarms, clock: sandboxClock(sandboxUrl), outcomes: deploymentOutcomes };
  worker = await startDeployWorker({ databaseUrl: process.env.DATABASE_URL!, deps });

  functionName = `cli-${process.pid}-${Math.random().toString(36).slice(2, 6)}`;
  await control.createFunction({ name: functionName, versions: 3, alias: "live", aliasVersion: "2", requestRate: 20 });
  const admin = asActor(await createUser(db, { roles: ["ADMIN"] }));
  const onCall = await createUser(db, { roles: ["ENGINEER"] });
  const service = await createService(db, { functionName, alias: "live", baselineVersion: "2", onCallUserId: onCall.id });
  await db.service.update({ where: { id: service.id }, data: { gateRules: { validation: { minutes: 1 } } } });
  serviceId = service.id;
  const other = await createService(db, { onCallUserId: onCall.id });
  token = (await createApiToken(admin, { name: "payments-pipeline", serviceIds: [serviceId] })).plain;
  otherToken = (await createApiToken(admin, { name: "other-pipeline", serviceIds: [other.id] })).plain;

  portal = http.createServer(serve);
  await new Promise<void>((r) => portal.listen(0, "127.0.0.1", () => r()));
  portalUrl = `http://127.0.0.1:${(portal.address() as { port: number }).port}`;
}, scaled(120_000));

afterAll(async () => {
  await new Promise((r) => portal?.close(r));
  await worker?.stop();
  await stopSenderBoss();
  aws?.destroy();
});

describe("changegate from open to deployed", () => {
  it("open → gates from report files → wait → deploy --follow: the change is deployed and the alias serves the new version", async () => {
    const open = await cli(["open", "--service", serviceId, "--version", "3", "--summary", "Faster checkout totals", "--commit-sha", "abc1234"]);
    expect(open.stderr).toMatch(/^Opened CR-\d{4}-\d+ \(submitted\) for version 3\.$/);
    expect(open.code).toBe(0);
    const cr = open.stdout;
    expect(cr).toMatch(/^CR-\d{4}-\d+$/);

    // Nothing reported yet: the wait gives up with exit 2 and says what is missing.
    const early = await cli(["wait", cr, "--timeout", "1s", "--interval", "300ms"]);
    expect(early.code).toBe(2);
    expect(early.stderr).toMatch(/Timed out after 1s: CR-.* is still not ready:\n(.|\n)*unit tests/i);

    // A report of the wrong format is refused before anything is sent.
    const wrong = await cli(["gate", cr, "--coverage", fixture("npm-audit-clean.json")]);
    expect(wrong.code).toBe(5);
    expect(await db.gateResult.count({ where: { cr: { number: cr } } })).toBe(0);

    const coverage = await cli(["gate", cr, "--coverage", fixture("c8-coverage-summary-high.json")]);
    expect(coverage.stderr).toMatch(/^PASSED Coverage: 87\.5 % of lines/);
    expect(coverage.code).toBe(0);
    expect((await cli(["gate", cr, "--kind", "UNIT", "--passed", "true"])).code).toBe(0);
    const last = await cli(["gate", cr, "--kind", "INTEGRATION", "--passed", "true"]);
    expect(last.code).toBe(0);
    expect(last.stderr).toMatch(/the change is approved \(approved automatically: its gates passed\)/);
    const results = await db.gateResult.findMany({ where: { cr: { number: cr } }, orderBy: { createdAt: "asc" } });
    expect(results.map((r) => [r.gate, r.version, r.passed, r.value])).toEqual([
      ["COVERAGE", "3", true, 87.5],
      ["UNIT", "3", true, null],
      ["INTEGRATION", "3", true, null],
    ]);

    const ready = await cli(["wait", cr, "--timeout", `${scaled(30)}s`, "--interval", "300ms"]);
    expect(ready.code).toBe(0);
    expect(ready.stderr).toMatch(/is ready to deploy version 3\./);

    const deployed = await cli(["deploy", cr, "--follow", "--timeout", `${scaled(80)}s`, "--interval", "250ms"]);
    expect(deployed.stderr).toMatch(/Deployment .* succeeded: live now serves version 3\.$/);
    expect(deployed.code).toBe(0);
    const deploymentId = deployed.stdout;
    expect(await agreement(new SandboxControlClient(process.env.CHANGEGATE_SANDBOX_URL!), deploymentId)).toMatchObject({ state: "SUCCEEDED", aliasOk: true, crOk: true, lockReleased: true });

    // The change has deployed: another deploy of it is refused (exit 4) with the portal's reason.
    const again = await cli(["deploy", cr]);
    expect(again.code).toBe(4);
    expect(again.stderr).toMatch(/^Changegate refused \(HTTP 4\d\d /);
  }, scaled(150_000));

  it("a token scoped to another service is refused with exit 4 and opens nothing", async () => {
    const before = await db.changeRequest.count();
    const r = await cli(["open", "--service", serviceId, "--version", "3", "--summary", "Not my service"], { CHANGEGATE_TOKEN: otherToken });
    expect(r.code).toBe(4);
    expect(r.stderr).toBe("Changegate refused (HTTP 403 FORBIDDEN): CI token 'other-pipeline' is not scoped to this change's service.");
    expect(r.stdout).toBe("");
    expect(await db.changeRequest.count()).toBe(before);
  });
});
