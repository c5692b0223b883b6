// The real Lambda SDK client, through the gateway, against the sandbox on a random port.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type SandboxHandle } from "@/lib/sandbox";
import { AwsGatewayError, createAwsGateways, type AwsGateways } from "./index";
import { caught } from "@/test/aws-errors";

let sandbox: SandboxHandle;
let aws: AwsGateways;
let n = 0;

beforeAll(async () => {
  sandbox = await startSandbox({ timeScale: 0, seed: 42 });
  // Tiny backoff: the retry schedule is under test, not the wall clock.
  aws = createAwsGateways({ endpoint: sandbox.url, maxAttempts: 3, retryBaseDelayMs: 2, retryMaxDelayMs: 10 });
});
afterAll(async () => {
  aws.destroy();
  await sandbox.close();
});

/** A fresh function per test: versions 1..versions, alias `live` on `aliasVersion`. */
async function fn(versions = 3, aliasVersion = String(versions - 1)): Promise<string> {
  const name = `svc-${++n}`;
  await sandbox.control.createFunction({ name, versions, alias: "live", aliasVersion, requestRate: 10 });
  return name;
}


describe("reading", () => {
  it("reads the alias", async () => {
    const f = await fn();
    const a = await aws.lambda.getAlias(f, "live");
    expect(a).toMatchObject({ functionName: f, alias: "live", functionVersion: "2", additionalVersionWeights: {} });
    expect(a.revisionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.arn).toBe(`arn:aws:lambda:us-east-1:000000000000:function:${f}:live`);
  });

  it("lists every version across pages", async () => {
    const f = await fn(7);
    await sandbox.control.clearCalls();
    const versions = await aws.lambda.listVersions(f, { pageSize: 2 });
    expect(versions.map((v) => v.version)).toEqual(["1", "2", "3", "4", "5", "6", "7"]);
    expect(versions[0]?.lastModified).toBeInstanceOf(Date);
    // $LATEST + 7 versions at 2 per page.
    expect(await sandbox.control.calls({ operation: "ListVersionsByFunction", functionName: f })).toHaveLength(4);
    expect((await aws.lambda.listVersions(f, { includeLatest: true }))[0]?.version).toBe("$LATEST");
  });

  it("says which function or alias does not exist", async () => {
    const e = await caught(aws.lambda.getAlias("no-such-fn", "live"));
    expect(e.kind).toBe("NOT_FOUND");
    expect(e.message).toMatch(/^GetAlias failed: no-such-fn:live does not exist/);
    const f = await fn();
    expect((await caught(aws.lambda.getAlias(f, "nope"))).kind).toBe("NOT_FOUND");
  });
});

describe("shifting traffic", () => {
  it("shifts 10 % to the new version while the alias stays on the stable one", async () => {
    const f = await fn();
    const before = await aws.lambda.getAlias(f, "live");
    const after = await aws.lambda.shiftTraffic(f, "live", { stableVersion: "2", newVersion: "3", weight: 0.1, revisionId: before.revisionId });
    expect(after).toMatchObject({ functionVersion: "2", additionalVersionWeights: { "3": 0.1 } });
    expect(after.revisionId).not.toBe(before.revisionId);
    const seen = (await sandbox.control.state()).functions.find((x) => x.name === f)?.aliases[0];
    expect(seen).toMatchObject({ functionVersion: "2", weights: { "3": 0.1 }, revisionId: after.revisionId });
  });

  it("detects an out-of-band alias change instead of overwriting it", async () => {
    const f = await fn();
    const read = await aws.lambda.getAlias(f, "live");
    await sandbox.control.putAlias(f, "live", { functionVersion: "1" });
    const e = await caught(aws.lambda.shiftTraffic(f, "live", { stableVersion: "2", newVersion: "3", weight: 0.1, revisionId: read.revisionId }));
    expect(e.kind).toBe("ALIAS_CHANGED");
    expect(e.code).toBe("CONFLICT");
    expect(e.message).toContain(`${f}:live`);
    expect(await aws.lambda.getAlias(f, "live")).toMatchObject({ functionVersion: "1", additionalVersionWeights: {} });
  });

  it("completes: alias on the new version, routing cleared", async () => {
    const f = await fn();
    const a = await aws.lambda.getAlias(f, "live");
    const mid = await aws.lambda.shiftTraffic(f, "live", { stableVersion: "2", newVersion: "3", weight: 0.5, revisionId: a.revisionId });
    const done = await aws.lambda.completeShift(f, "live", { newVersion: "3", revisionId: mid.revisionId });
    expect(done).toMatchObject({ functionVersion: "3", additionalVersionWeights: {} });
    // weight 1 through shiftTraffic means the same thing.
    const g = await fn();
    const b = await aws.lambda.getAlias(g, "live");
    expect(await aws.lambda.shiftTraffic(g, "live", { stableVersion: "2", newVersion: "3", weight: 1, revisionId: b.revisionId })).toMatchObject({
      functionVersion: "3",
      additionalVersionWeights: {},
    });
  });

  it("rolls back from a partial weight to the given version", async () => {
    const f = await fn();
    const a = await aws.lambda.getAlias(f, "live");
    const mid = await aws.lambda.shiftTraffic(f, "live", { stableVersion: "2", newVersion: "3", weight: 0.3, revisionId: a.revisionId });
    const back = await aws.lambda.rollbackAlias(f, "live", { version: "2", revisionId: mid.revisionId });
    expect(back).toMatchObject({ functionVersion: "2", additionalVersionWeights: {} });
    // A manual rollback to an older version, without a revision: it applies to whatever is there.
    expect(await aws.lambda.rollbackAlias(f, "live", { version: "1" })).toMatchObject({ functionVersion: "1" });
  });

  it("refuses what Lambda refuses", async () => {
    const f = await fn();
    const a = await aws.lambda.getAlias(f, "live");
    const shift = (newVersion: string, weight: number, stableVersion = "2") =>
      caught(aws.lambda.shiftTraffic(f, "live", { stableVersion, newVersion, weight, revisionId: a.revisionId }));
    expect((await shift("9", 0.1)).kind).toBe("INVALID");
    expect((await shift("$LATEST", 0.1)).kind).toBe("INVALID");
    expect((await shift("3", 1.5)).kind).toBe("INVALID");
    expect((await shift("2", 0.1)).kind).toBe("INVALID");
    expect((await caught(aws.lambda.completeShift(f, "live", { newVersion: "9", revisionId: a.revisionId }))).kind).toBe("NOT_FOUND");
    expect(await aws.lambda.getAlias(f, "live")).toMatchObject({ functionVersion: "2", revisionId: a.revisionId });
  });
});

describe("publishing and hooks", () => {
  it("publishes $LATEST once; publishing unchanged code returns the same version", async () => {
    const f = await fn(2, "2");
    await sandbox.control.newVersion(f, { publish: false, description: "Hotfix" });
    const v = await aws.lambda.publishVersion(f);
    expect(v).toMatchObject({ version: "3", description: "Hotfix" });
    expect((await aws.lambda.publishVersion(f)).version).toBe("3");
  });

  it("invokes pre/post-traffic hooks and reports a failing one", async () => {
    const f = await fn();
    const pre = await aws.lambda.invokeHook(`${f}-pre-traffic`, { functionName: f, alias: "live", targetVersion: "3" });
    expect(pre).toMatchObject({ ok: true, executedVersion: "$LATEST", statusCode: 200 });
    await sandbox.control.injectFault(f, "3", { hookFailure: "POST_TRAFFIC" });
    expect((await aws.lambda.invokeHook(`${f}-pre-traffic`, { targetVersion: "3" })).ok).toBe(true);
    const post = await aws.lambda.invokeHook(`${f}-post-traffic`, { targetVersion: "3" });
    expect(post.ok).toBe(false);
    expect(post.error).toMatch(/Post-traffic validation of svc-\d+ version 3 failed/);
    // A fault on the hook function itself fails it whatever it validates.
    await sandbox.control.injectFault(`${f}-pre-traffic`, "$LATEST", { hookFailure: "BOTH" });
    expect((await aws.lambda.invokeHook(`${f}-pre-traffic`, {})).ok).toBe(false);
    expect((await caught(aws.lambda.invokeHook(`${f}-missing-hook`, {}))).kind).toBe("NOT_FOUND");
  });
});

describe("control-plane faults", () => {
  it("retries throttling on UpdateAlias and succeeds", async () => {
    const f = await fn();
    const a = await aws.lambda.getAlias(f, "live");
    await sandbox.control.injectControlFault({ kind: "THROTTLE", count: 2, functionName: f });
    const out = await aws.lambda.shiftTraffic(f, "live", { stableVersion: "2", newVersion: "3", weight: 0.1, revisionId: a.revisionId });
    expect(out.additionalVersionWeights).toEqual({ "3": 0.1 });
    const calls = await sandbox.control.calls({ operation: "UpdateAlias", functionName: f });
    expect(calls.map((c) => c.status)).toEqual([429, 429, 200]);
  });

  it("surfaces 5xx beyond the retry budget as UPSTREAM and leaves the alias alone", async () => {
    const f = await fn();
    const a = await aws.lambda.getAlias(f, "live");
    await sandbox.control.injectControlFault({ kind: "SERVER_ERROR", count: 5, functionName: f });
    const e = await caught(aws.lambda.shiftTraffic(f, "live", { stableVersion: "2", newVersion: "3", weight: 0.1, revisionId: a.revisionId }));
    expect(e).toMatchObject({ kind: "UPSTREAM", code: "UPSTREAM", attempts: 3, httpStatus: 500 });
    expect(e.message).toContain(`UpdateAlias on ${f}:live (version 3) after 3 attempts`);
    expect(await aws.lambda.getAlias(f, "live")).toMatchObject({ revisionId: a.revisionId, additionalVersionWeights: {} });
    expect((await sandbox.control.faults()).controlFaults).toMatchObject([{ remaining: 2, kind: "SERVER_ERROR" }]);
    await sandbox.control.clearControlFaults();
  });

  it("a retry after a 5xx that had in fact applied the change is recognised as our own write", async () => {
    const f = await fn();
    const a = await aws.lambda.getAlias(f, "live");
    await sandbox.control.injectControlFault({ kind: "SERVER_ERROR_AFTER_COMMIT", count: 1, functionName: f });
    const out = await aws.lambda.shiftTraffic(f, "live", { stableVersion: "2", newVersion: "3", weight: 0.2, revisionId: a.revisionId });
    expect(out).toMatchObject({ functionVersion: "2", additionalVersionWeights: { "3": 0.2 } });
    const calls = await sandbox.control.calls({ functionName: f });
    expect(calls.slice(-3).map((c) => `${c.operation} ${c.status}`)).toEqual(["UpdateAlias 500", "UpdateAlias 412", "GetAlias 200"]);
    // Someone else's change in between is still a conflict.
    await sandbox.control.injectControlFault({ kind: "SERVER_ERROR_AFTER_COMMIT", count: 1, functionName: f });
    await expect(aws.lambda.shiftTraffic(f, "live", { stableVersion: "2", newVersion: "3", weight: 0.5, revisionId: a.revisionId })).rejects.toMatchObject({
      kind: "ALIAS_CHANGED",
    });
  });

  it("surfaces throttling beyond the retry budget as THROTTLED", async () => {
    const f = await fn();
    const a = await aws.lambda.getAlias(f, "live");
    await sandbox.control.injectControlFault({ kind: "THROTTLE", count: 3, functionName: f });
    const e = await caught(aws.lambda.rollbackAlias(f, "live", { version: "1", revisionId: a.revisionId }));
    expect(e.kind).toBe("THROTTLED");
    expect(e.message).toMatch(/kept throttling UpdateAlias/);
  });
});
