// The sandbox's Parameter Store on the wire (AWS JSON 1.1, without the SDK), its control API, the
// write journal that attributes every write, the demo flags and persistence across restarts.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_FLAGS, startSandbox, type SandboxHandle } from "./index";

let sandbox: SandboxHandle;

beforeAll(async () => {
  sandbox = await startSandbox({ timeScale: 0 });
});
afterAll(() => sandbox.close());

const ssm = (op: string, body: unknown, accessKey = "AKIDPORTAL") =>
  fetch(sandbox.url, {
    method: "POST",
    headers: {
      "content-type": "application/x-amz-json-1.1",
      "x-amz-target": `AmazonSSM.${op}`,
      authorization: `AWS4-HMAC-SHA256 Credential=${accessKey}/20250101/us-east-1/ssm/aws4_request, SignedHeaders=host, Signature=x`,
    },
    body: JSON.stringify(body),
  });

describe("AWS JSON 1.1 wire format", () => {
  it("answers in application/x-amz-json-1.1 with epoch-second dates, and errors as { __type, message } 400", async () => {
    const put = await ssm("PutParameter", { Name: "/wire/a", Value: "v", Type: "String" });
    expect(put.headers.get("content-type")).toBe("application/x-amz-json-1.1");
    expect(await put.json()).toEqual({ Version: 1, Tier: "Standard" });
    const got = (await (await ssm("GetParameter", { Name: "/wire/a" })).json()) as { Parameter: { LastModifiedDate: unknown } };
    expect(typeof got.Parameter.LastModifiedDate).toBe("number");
    expect(Math.abs((got.Parameter.LastModifiedDate as number) * 1000 - Date.now())).toBeLessThan(60_000);
    const missing = await ssm("GetParameter", { Name: "/wire/none" });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ __type: "ParameterNotFound", message: "Parameter /wire/none not found." });
    expect(await (await ssm("LabelParameterVersion", { Name: "/wire/a" })).json()).toMatchObject({ __type: "UnknownOperationException" });
  });

  it("control faults: THROTTLE → 400 ThrottlingException, SERVER_ERROR → 500 InternalServerError, per parameter", async () => {
    await sandbox.control.injectControlFault({ operation: "GetParameter", kind: "THROTTLE", count: 1, parameterName: "/wire/a" });
    await sandbox.control.injectControlFault({ operation: "GetParameter", kind: "SERVER_ERROR", count: 1, parameterName: "/wire/a" });
    // Another parameter is not affected.
    expect((await ssm("GetParameter", { Name: "/wire/none" })).status).toBe(400);
    const first = await ssm("GetParameter", { Name: "/wire/a" });
    expect([first.status, ((await first.json()) as { __type: string }).__type]).toEqual([400, "ThrottlingException"]);
    const second = await ssm("GetParameter", { Name: "/wire/a" });
    expect([second.status, ((await second.json()) as { __type: string }).__type]).toEqual([500, "InternalServerError"]);
    expect((await ssm("GetParameter", { Name: "/wire/a" })).status).toBe(200);
  });
});

describe("control API and journal", () => {
  it("a hand edit bumps the version like a console save, and the journal attributes api and control writes", async () => {
    const before = sandbox.store.ssm.writes.at(-1)?.seq ?? 0;
    await ssm("PutParameter", { Name: "/features/j", Value: "api-1", Type: "String" });
    const edited = await sandbox.control.putParameter({ name: "/features/j", value: "hand-2", user: "alice" });
    expect(edited).toMatchObject({ name: "/features/j", value: "hand-2", version: 2, lastModifiedUser: "arn:aws:iam::000000000000:user/alice", versionCount: 2 });
    await ssm("PutParameter", { Name: "/features/j", Value: "api-3", Overwrite: true });
    const writes = sandbox.store.ssm.writes.filter((w) => w.seq > before);
    expect(writes.map((w) => [w.name, w.version, w.value, w.via, w.user])).toEqual([
      ["/features/j", 1, "api-1", "api", "arn:aws:iam::000000000000:user/AKIDPORTAL"],
      ["/features/j", 2, "hand-2", "control", "arn:aws:iam::000000000000:user/alice"],
      ["/features/j", 3, "api-3", "api", "arn:aws:iam::000000000000:user/AKIDPORTAL"],
    ]);
    expect(writes.map((w) => w.seq)).toEqual([before + 1, before + 2, before + 3]);
    // The same journal over HTTP, and refused writes leave no entry.
    expect((await sandbox.control.parameterWrites(before)).map((w) => w.via)).toEqual(["api", "control", "api"]);
    expect((await ssm("PutParameter", { Name: "/features/j", Value: "no overwrite" })).status).toBe(400);
    expect(sandbox.store.ssm.writes.at(-1)?.seq).toBe(before + 3);
  });

  it("lists, shows history, refuses bad hand edits in AWS's words, deletes", async () => {
    await sandbox.control.putParameter({ name: "/ctl/x", value: "1", type: "String", description: "desc" });
    await sandbox.control.putParameter({ name: "/ctl/x", value: "2" });
    expect((await sandbox.control.parameters("/ctl")).map((p) => [p.name, p.version, p.description])).toEqual([["/ctl/x", 2, "desc"]]);
    expect((await sandbox.control.parameterHistory("/ctl/x")).map((v) => v.value)).toEqual(["1", "2"]);
    await expect(sandbox.control.putParameter({ name: "/ctl/new", value: "x" })).rejects.toThrow(/type is required/);
    await expect(sandbox.control.putParameter({ name: "/ctl/x", value: "y".repeat(5000) })).rejects.toMatchObject({ status: 400, type: "ValidationException" });
    expect((await sandbox.control.state()).parameters.map((p) => p.name)).toContain("/ctl/x");
    await sandbox.control.deleteParameter("/ctl/x");
    await expect(sandbox.control.parameterHistory("/ctl/x")).rejects.toMatchObject({ type: "ParameterNotFound" });
  });

  it("--demo seeds the flags in the seed's JSON shape", async () => {
    const other = await startSandbox({ timeScale: 0, seedDemo: true });
    try {
      const params = await other.control.parameters("/features");
      expect(params.map((p) => p.name)).toEqual(DEMO_FLAGS.map((f) => f.name).sort());
      const pricing = JSON.parse(params.find((p) => p.name === "/features/checkout-new-pricing")!.value) as Record<string, unknown>;
      expect(pricing).toMatchObject({ enabled: true, percentage: 25, whitelist: ["user123", "user456"], createdBy: "engineering-team" });
      const ml = JSON.parse(params.find((p) => p.name === "/features/search-ml-ranking")!.value) as Record<string, unknown>;
      expect(ml).toMatchObject({ enabled: false });
    } finally {
      await other.close();
    }
  });
});

describe("persistence", () => {
  it("a restarted sandbox keeps every parameter version; an older state file without parameters loads with none", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cg-ssm-"));
    const stateFile = path.join(dir, "state.json");
    try {
      const first = await startSandbox({ timeScale: 0, stateFile, seedDemo: true });
      await first.control.putParameter({ name: "/features/checkout-new-pricing", value: '{"enabled":false}' });
      const before = await first.control.parameterHistory("/features/checkout-new-pricing");
      const listed = await first.control.parameters();
      await first.close();

      const second = await startSandbox({ stateFile });
      try {
        expect(await second.control.parameterHistory("/features/checkout-new-pricing")).toEqual(before);
        expect(await second.control.parameters()).toEqual(listed);
        // Versions continue from the persisted ones.
        expect((await second.control.putParameter({ name: "/features/checkout-new-pricing", value: "{}" })).version).toBe(3);
      } finally {
        await second.close();
      }

      const old = JSON.parse(readFileSync(stateFile, "utf8")) as Record<string, unknown>;
      delete old.parameters;
      writeFileSync(stateFile, JSON.stringify(old));
      const third = await startSandbox({ stateFile });
      try {
        expect(await third.control.parameters()).toEqual([]);
        expect((await third.control.putParameter({ name: "/features/new", value: "{}", type: "String" })).version).toBe(1);
        expect((await third.control.state()).functions.length).toBeGreaterThan(0);
      } finally {
        await third.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
