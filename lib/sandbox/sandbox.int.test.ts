// The sandbox on the wire, without the SDK (lib/aws is the only SDK user): the exact error shapes
// and Lambda rules, the CloudWatch JSON protocol, the control API and persistence across restarts.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_FUNCTIONS, SandboxControlError, startSandbox, type SandboxHandle } from "./index";

const T0 = new Date("2025-03-05T14:00:00Z");
let sandbox: SandboxHandle;

beforeAll(async () => {
  sandbox = await startSandbox({ timeScale: 0, startTime: T0 });
  await sandbox.control.createFunction({ name: "orders", versions: 3, alias: "live", aliasVersion: "2", requestRate: 10 });
});
afterAll(() => sandbox.close());

const lambda = (method: string, p: string, body?: unknown) =>
  fetch(`${sandbox.url}/2015-03-31/functions/${p}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const cloudwatch = (body: unknown, op = "GetMetricData") =>
  fetch(sandbox.url, {
    method: "POST",
    headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": `GraniteServiceVersion20100801.${op}` },
    body: JSON.stringify(body),
  });
async function awsError(res: Response) {
  const body = (await res.json()) as Record<string, string>;
  return { status: res.status, type: res.headers.get("x-amzn-errortype") ?? body.__type, message: body.Message ?? body.message };
}

describe("Lambda wire protocol and rules", () => {
  it("answers GetAlias and refuses an unknown function in AWS's error shape", async () => {
    const ok = await lambda("GET", "orders/aliases/live");
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ Name: "live", FunctionVersion: "2" });
    // An ARN works as the function name, as in Lambda.
    expect((await lambda("GET", encodeURIComponent("arn:aws:lambda:eu-west-1:000000000000:function:orders") + "/aliases/live")).status).toBe(200);
    expect(await awsError(await lambda("GET", "missing/aliases/live"))).toMatchObject({
      status: 404,
      type: "ResourceNotFoundException",
      message: "Function not found: arn:aws:lambda:us-east-1:000000000000:function:missing",
    });
  });

  it.each([
    ["two additional versions", { FunctionVersion: "2", RoutingConfig: { AdditionalVersionWeights: { "1": 0.1, "3": 0.1 } } }, /at most 1/],
    ["a weight above 1", { FunctionVersion: "2", RoutingConfig: { AdditionalVersionWeights: { "3": 1.5 } } }, /between 0.0 and 1.0/],
    ["a negative weight", { FunctionVersion: "2", RoutingConfig: { AdditionalVersionWeights: { "3": -0.1 } } }, /between 0.0 and 1.0/],
    ["$LATEST in routing", { FunctionVersion: "2", RoutingConfig: { AdditionalVersionWeights: { $LATEST: 0.1 } } }, /\$LATEST/],
    ["routing on a $LATEST alias", { FunctionVersion: "$LATEST", RoutingConfig: { AdditionalVersionWeights: { "3": 0.1 } } }, /\$LATEST/],
    ["a version that does not exist", { FunctionVersion: "2", RoutingConfig: { AdditionalVersionWeights: { "9": 0.1 } } }, /does not exist/],
    ["the primary as additional version", { FunctionVersion: "2", RoutingConfig: { AdditionalVersionWeights: { "2": 0.1 } } }, /different/],
  ])("UpdateAlias refuses %s with 400 InvalidParameterValueException", async (_name, body, message) => {
    const e = await awsError(await lambda("PUT", "orders/aliases/live", body));
    expect(e).toMatchObject({ status: 400, type: "InvalidParameterValueException" });
    expect(e.message).toMatch(message);
  });

  it("UpdateAlias: RevisionId mismatch is 412; a missing primary version is 404; omitted routing is kept", async () => {
    const e = await awsError(await lambda("PUT", "orders/aliases/live", { FunctionVersion: "3", RevisionId: "stale" }));
    expect(e).toMatchObject({ status: 412, type: "PreconditionFailedException" });
    expect((await awsError(await lambda("PUT", "orders/aliases/live", { FunctionVersion: "7" }))).status).toBe(404);
    const shifted = await lambda("PUT", "orders/aliases/live", { RoutingConfig: { AdditionalVersionWeights: { "3": 0.2 } } });
    expect(await shifted.json()).toMatchObject({ FunctionVersion: "2", RoutingConfig: { AdditionalVersionWeights: { "3": 0.2 } } });
    const described = await lambda("PUT", "orders/aliases/live", { Description: "kept routing" });
    expect(await described.json()).toMatchObject({ RoutingConfig: { AdditionalVersionWeights: { "3": 0.2 } } });
    const cleared = await lambda("PUT", "orders/aliases/live", { RoutingConfig: { AdditionalVersionWeights: {} } });
    expect(await cleared.json()).not.toHaveProperty("RoutingConfig");
  });

  it("pages versions with Marker/MaxItems and publishes with 201", async () => {
    const first = (await (await lambda("GET", "orders/versions?MaxItems=2")).json()) as { Versions: { Version: string }[]; NextMarker: string };
    expect(first.Versions.map((v) => v.Version)).toEqual(["$LATEST", "1"]);
    const second = (await (await lambda("GET", `orders/versions?MaxItems=2&Marker=${first.NextMarker}`)).json()) as { Versions: { Version: string }[]; NextMarker?: string };
    expect(second.Versions.map((v) => v.Version)).toEqual(["2", "3"]);
    expect(second.NextMarker).toBeUndefined();
    expect((await awsError(await lambda("GET", "orders/versions?MaxItems=0"))).status).toBe(400);
    expect((await awsError(await lambda("GET", "orders/versions?Marker=garbage"))).status).toBe(400);
    const pub = await lambda("POST", "orders/versions", {});
    expect(pub.status).toBe(201);
    expect(await pub.json()).toMatchObject({ Version: "3" });
  });

  it("Invoke sets X-Amz-Executed-Version and X-Amz-Function-Error", async () => {
    const ok = await lambda("POST", "orders-pre-traffic/invocations", { targetVersion: "3" });
    expect(ok.headers.get("x-amz-executed-version")).toBe("$LATEST");
    expect(ok.headers.get("x-amz-function-error")).toBeNull();
    await sandbox.control.injectFault("orders", "3", { hookFailure: "PRE_TRAFFIC" });
    const bad = await lambda("POST", "orders-pre-traffic/invocations", { targetVersion: "3" });
    expect(bad.status).toBe(200);
    expect(bad.headers.get("x-amz-function-error")).toBe("Unhandled");
    expect(await bad.json()).toMatchObject({ errorType: "HookValidationFailed" });
    await sandbox.control.clearFault("orders", "3");
    const pinned = await lambda("POST", "orders/invocations?Qualifier=2", {});
    expect(pinned.headers.get("x-amz-executed-version")).toBe("2");
  });
});

describe("CloudWatch JSON 1.0", () => {
  it("returns epoch-second timestamps, newest first by default, with metric math", async () => {
    await sandbox.control.advance(300);
    const dims = [{ Name: "FunctionName", Value: "orders" }, { Name: "Resource", Value: "orders:live" }];
    const res = await cloudwatch({
      StartTime: T0.getTime() / 1000,
      EndTime: T0.getTime() / 1000 + 300,
      MetricDataQueries: [
        { Id: "inv", MetricStat: { Metric: { Namespace: "AWS/Lambda", MetricName: "Invocations", Dimensions: dims }, Period: 60, Stat: "Sum" }, ReturnData: false },
        { Id: "err", MetricStat: { Metric: { Namespace: "AWS/Lambda", MetricName: "Errors", Dimensions: dims }, Period: 60, Stat: "Sum" } },
        { Id: "rate", Expression: "100*err/inv", Label: "Error rate" },
      ],
    });
    expect(res.headers.get("content-type")).toBe("application/x-amz-json-1.0");
    const body = (await res.json()) as { MetricDataResults: { Id: string; Label: string; Timestamps: number[]; Values: number[]; StatusCode: string }[] };
    expect(body.MetricDataResults.map((r) => r.Id)).toEqual(["err", "rate"]);
    const rate = body.MetricDataResults[1]!;
    expect(rate).toMatchObject({ Label: "Error rate", StatusCode: "Complete", Values: [0, 0, 0, 0, 0] });
    expect(rate.Timestamps).toEqual([4, 3, 2, 1, 0].map((m) => T0.getTime() / 1000 + m * 60));
  });

  it("errors are 400 with __type", async () => {
    const e = await awsError(await cloudwatch({ StartTime: 10, EndTime: 5, MetricDataQueries: [{ Id: "m", Expression: "1" }] }));
    expect(e).toMatchObject({ status: 400, type: "InvalidParameterValue" });
    const bad = await awsError(await cloudwatch({ StartTime: 0, EndTime: 60, MetricDataQueries: [{ Id: "m", Expression: "100 * (" }] }));
    expect(bad.message).toMatch(/Error in expression m/);
    expect((await awsError(await cloudwatch({}, "PutMetricData"))).type).toBe("UnknownOperationException");
  });
});

describe("control API", () => {
  it("validates input and names the problem", async () => {
    await expect(sandbox.control.createFunction({ name: "orders" })).rejects.toMatchObject({ status: 409 });
    await expect(sandbox.control.injectFault("orders", "42", { errorRate: 0.5 })).rejects.toMatchObject({ status: 404 });
    await expect(sandbox.control.injectFault("orders", "1", { errorRate: 2 })).rejects.toThrow(/errorRate must be between 0 and 1/);
    await expect(sandbox.control.injectFault("orders", "1", {})).rejects.toBeInstanceOf(SandboxControlError);
    await expect(sandbox.control.setTimeScale(-1)).rejects.toMatchObject({ status: 400 });
  });

  it("converts simulated waits into real ones at the current scale", async () => {
    const now = (await sandbox.control.clock()).nowMs;
    expect(await sandbox.control.realMsUntil(now - 1)).toBe(0);
    expect(await sandbox.control.realMsUntil(now + 60_000)).toBe(Infinity);
    await sandbox.control.setTimeScale(60);
    try {
      // Ten simulated minutes at scale 60 are at most ten real seconds from now.
      const ms = await sandbox.control.realMsUntil(now + 600_000);
      expect(ms).toBeGreaterThan(0);
      expect(ms).toBeLessThanOrEqual(10_000);
    } finally {
      await sandbox.control.setTimeScale(0);
    }
  });

  it("resets to the demo functions", async () => {
    const other = await startSandbox({ timeScale: 0 });
    try {
      const state = await other.control.reset({ seedDemo: true });
      const names = state.functions.map((f) => f.name);
      for (const d of DEMO_FUNCTIONS) {
        expect(names).toEqual(expect.arrayContaining([d.name, `${d.name}-pre-traffic`, `${d.name}-post-traffic`]));
        const fn = state.functions.find((f) => f.name === d.name)!;
        expect(fn.versions.length).toBeGreaterThanOrEqual(3);
        expect(fn.aliases[0]).toMatchObject({ name: "production", functionVersion: String(d.releases.length - 1) });
      }
      expect(state.functions.find((f) => f.name === "checkout-api-pre-traffic")?.hookFor).toEqual({ functionName: "checkout-api", phase: "PRE_TRAFFIC" });
    } finally {
      await other.close();
    }
  });
});

describe("persistence", () => {
  it("a restarted sandbox keeps functions, aliases, revision ids, faults and its clock", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cg-sandbox-"));
    const stateFile = path.join(dir, "state.json");
    try {
      const first = await startSandbox({ timeScale: 0, stateFile, startTime: T0, seedDemo: true });
      await first.control.putAlias("checkout-api", "production", { weights: { "5": 0.25 } });
      await first.control.injectFault("checkout-api", "5", { errorRate: 0.1 });
      await first.control.advance(3600);
      const before = await first.control.state();
      await first.close();

      const second = await startSandbox({ stateFile, seedDemo: true });
      try {
        const after = await second.control.state();
        expect(after.functions).toEqual(before.functions);
        expect(after.faults).toEqual(before.faults);
        // The clock was frozen when saved, so it resumes exactly where it stopped.
        expect(after.clock.nowMs).toBe(before.clock.nowMs);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
