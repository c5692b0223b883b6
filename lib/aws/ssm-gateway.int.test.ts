// The SSM gateway with the real SDK client against the sandbox: reads, paging, the optimistic write
// and its drift rule (a hand edit is reported, never overwritten), retries and error kinds.
import { SSMClient } from "@aws-sdk/client-ssm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type SandboxHandle } from "@/lib/sandbox";
import { createSsmClient } from "./clients";
import { AwsGatewayError, createAwsGateways, createSsmGateway, ParameterChangedError, type AwsGateways } from "./index";
import { caught } from "@/test/aws-errors";

let sandbox: SandboxHandle;
let aws: AwsGateways;
let n = 0;
const flag = (v: Record<string, unknown>) => JSON.stringify({ enabled: true, percentage: 25, whitelist: ["user123"], ...v });

beforeAll(async () => {
  sandbox = await startSandbox({ timeScale: 0 });
  aws = createAwsGateways({ endpoint: sandbox.url, maxAttempts: 3, retryBaseDelayMs: 2, retryMaxDelayMs: 10 });
});
afterAll(async () => {
  aws.destroy();
  await sandbox.close();
});

const fresh = () => `/features/flag-${++n}`;


describe("reading", () => {
  it("getParameter returns name, value, version and date; null when missing", async () => {
    const name = fresh();
    await aws.ssm.putParameter(name, flag({}), { expectedVersion: null, description: "Checkout pricing" });
    const p = await aws.ssm.getParameter(name);
    expect(p).toMatchObject({ name, value: flag({}), version: 1 });
    expect(p?.lastModified).toBeInstanceOf(Date);
    expect(await aws.ssm.getParameter("/features/never")).toBeNull();
  });

  it("listParameters reads every page under a path", async () => {
    for (let i = 0; i < 7; i++) await sandbox.control.putParameter({ name: `/list/f${i}`, value: `${i}`, type: "String" });
    await sandbox.control.putParameter({ name: "/list/nested/x", value: "x", type: "String" });
    await sandbox.control.clearCalls();
    const all = await aws.ssm.listParameters("/list", { pageSize: 3 });
    expect(all.map((p) => p.name)).toEqual([...[0, 1, 2, 3, 4, 5, 6].map((i) => `/list/f${i}`), "/list/nested/x"]);
    expect(await sandbox.control.calls({ operation: "GetParametersByPath" })).toHaveLength(3);
    expect((await aws.ssm.listParameters("/list", { recursive: false })).map((p) => p.name)).not.toContain("/list/nested/x");
  });

  it("history returns every version oldest first, across pages, with writer and description", async () => {
    const name = fresh();
    let v = (await aws.ssm.putParameter(name, "v1", { expectedVersion: null, description: "d" })).version;
    for (let i = 2; i <= 6; i++) v = (await aws.ssm.putParameter(name, `v${i}`, { expectedVersion: v })).version;
    const h = await aws.ssm.history(name, { pageSize: 4 });
    expect(h.map((x) => [x.version, x.value])).toEqual([1, 2, 3, 4, 5, 6].map((i) => [i, `v${i}`]));
    expect(h[0]).toMatchObject({ description: "d", lastModifiedUser: "arn:aws:iam::000000000000:user/changegate-sandbox" });
    expect(await aws.ssm.history("/features/never")).toEqual([]);
  });
});

describe("optimistic writes", () => {
  it("writes the next version when the caller read the current one", async () => {
    const name = fresh();
    expect(await aws.ssm.putParameter(name, flag({ percentage: 10 }), { expectedVersion: null })).toMatchObject({ version: 1 });
    expect(await aws.ssm.putParameter(name, flag({ percentage: 50 }), { expectedVersion: 1 })).toMatchObject({ version: 2, value: flag({ percentage: 50 }) });
  });

  it("a hand edit in the console moves the version: the write is refused and the edit kept", async () => {
    const name = fresh();
    await aws.ssm.putParameter(name, flag({ percentage: 10 }), { expectedVersion: null });
    await sandbox.control.putParameter({ name, value: flag({ percentage: 100 }), user: "oncall-bob" });
    const e = await caught(aws.ssm.putParameter(name, flag({ percentage: 25 }), { expectedVersion: 1 }));
    expect(e).toBeInstanceOf(ParameterChangedError);
    expect(e).toMatchObject({ kind: "PARAMETER_CHANGED", code: "CONFLICT", expectedVersion: 1, foundVersion: 2, writtenVersion: null });
    expect(e.message).toMatch(new RegExp(`^Parameter ${name} was changed outside Changegate since it was read \\(expected version 1, found version 2\\)`));
    expect(await aws.ssm.getParameter(name)).toMatchObject({ version: 2, value: flag({ percentage: 100 }) });
    // Creating one that someone already made, and writing one someone deleted, are refused too.
    expect((await caught(aws.ssm.putParameter(name, "x", { expectedVersion: null }))).kind).toBe("PARAMETER_CHANGED");
    await sandbox.control.deleteParameter(name);
    expect((await caught(aws.ssm.putParameter(name, "x", { expectedVersion: 2 }))).message).toMatch(/expected version 2, found no parameter/);
  });

  it("a write landing between the check and our write is reported with who made it", async () => {
    const name = fresh();
    await aws.ssm.putParameter(name, "v1", { expectedVersion: null });
    // A real SSMClient whose PutParameter is preceded, after the gateway's check, by a console edit.
    const client = createSsmClient({ endpoint: sandbox.url, maxAttempts: 1 });
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === "PutParameterCommand") await sandbox.control.putParameter({ name, value: "carol's", user: "carol" });
        return next(args);
      },
      { step: "initialize" },
    );
    try {
      const e = await caught(createSsmGateway({ client }).putParameter(name, "ours", { expectedVersion: 1 }));
      expect(e).toMatchObject({ kind: "PARAMETER_CHANGED", expectedVersion: 1, writtenVersion: 3, intervening: [{ version: 2, user: "arn:aws:iam::000000000000:user/carol" }] });
      expect(e.message).toMatch(/version 2 by arn:aws:iam::000000000000:user\/carol landed between Changegate's check \(version 1\) and its write \(version 3\)/);
      expect((await aws.ssm.history(name)).map((h) => h.value)).toEqual(["v1", "carol's", "ours"]);
    } finally {
      client.destroy();
    }
  });
});

describe("errors and retries", () => {
  it("refuses a value over 4 KB and a bad name as INVALID with AWS's words", async () => {
    const big = await caught(aws.ssm.putParameter(fresh(), "x".repeat(4097), { expectedVersion: null }));
    expect(big).toMatchObject({ kind: "INVALID", code: "VALIDATION", awsType: "ValidationException" });
    expect(big.message).toMatch(/AWS said: Standard tier parameters support a maximum parameter value of 4096 characters/);
    const bad = await caught(aws.ssm.putParameter("/features/has space", "x", { expectedVersion: null }));
    expect(bad.kind).toBe("INVALID");
    expect(bad.message).toMatch(/^AWS refused PutParameter \(reading the current version\) on parameter \/features\/has space\. AWS said: Parameter name: can't be prefixed/);
  });

  it("retries injected throttling and succeeds", async () => {
    const name = fresh();
    await aws.ssm.putParameter(name, "v1", { expectedVersion: null });
    await sandbox.control.injectControlFault({ operation: "PutParameter", kind: "THROTTLE", count: 2, parameterName: name });
    expect(await aws.ssm.putParameter(name, "v2", { expectedVersion: 1 })).toMatchObject({ version: 2 });
    const calls = await sandbox.control.calls({ operation: "PutParameter", parameterName: name });
    expect(calls.map((c) => `${c.status} ${c.errorType ?? ""}`.trim())).toEqual(["200", "400 ThrottlingException", "400 ThrottlingException", "200"]);
  });

  it("throttling beyond the retry budget is THROTTLED; 5xx is UPSTREAM; nothing written", async () => {
    const name = fresh();
    await aws.ssm.putParameter(name, "v1", { expectedVersion: null });
    await sandbox.control.injectControlFault({ operation: "PutParameter", kind: "THROTTLE", count: 3, parameterName: name });
    const t = await caught(aws.ssm.putParameter(name, "v2", { expectedVersion: 1 }));
    expect(t).toMatchObject({ kind: "THROTTLED", attempts: 3 });
    expect(t.message).toMatch(/kept throttling PutParameter on parameter \/features\/flag-\d+ after 3 attempts/);
    await sandbox.control.injectControlFault({ operation: "GetParameter", kind: "SERVER_ERROR", count: 3, parameterName: name });
    expect(await caught(aws.ssm.getParameter(name))).toMatchObject({ kind: "UPSTREAM", httpStatus: 500 });
    expect(await aws.ssm.getParameter(name)).toMatchObject({ version: 1, value: "v1" });
  });

  it("a retry after a 5xx that had in fact written is our own write, not a conflict", async () => {
    const name = fresh();
    await sandbox.control.injectControlFault({ operation: "PutParameter", kind: "SERVER_ERROR_AFTER_COMMIT", count: 1, parameterName: name });
    expect(await aws.ssm.putParameter(name, "v1", { expectedVersion: null })).toMatchObject({ version: 1 });
    await sandbox.control.injectControlFault({ operation: "PutParameter", kind: "SERVER_ERROR_AFTER_COMMIT", count: 1, parameterName: name });
    // The retry writes the same value again (version 3): both are ours.
    expect(await aws.ssm.putParameter(name, "v2", { expectedVersion: 1 })).toMatchObject({ version: 3, value: "v2" });
  });

  it("createAwsGateways builds the SSM gateway with the shared options", () => {
    expect(aws.ssm).toBeDefined();
    const client = createSsmClient({ endpoint: sandbox.url });
    expect(client).toBeInstanceOf(SSMClient);
    client.destroy();
  });
});
