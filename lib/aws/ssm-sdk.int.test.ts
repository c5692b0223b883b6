// The sandbox's Parameter Store through the real SSM SDK client (every operation, as the SDK
// deserializes it): what makes the gateway's sandbox runs mean something for AWS.
import {
  DeleteParameterCommand,
  GetParameterCommand,
  GetParameterHistoryCommand,
  GetParametersByPathCommand,
  GetParametersCommand,
  PutParameterCommand,
  type SSMClient,
} from "@aws-sdk/client-ssm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type SandboxHandle } from "@/lib/sandbox";
import { createSsmClient } from "./clients";

let sandbox: SandboxHandle;
let ssm: SSMClient;

beforeAll(async () => {
  sandbox = await startSandbox({ timeScale: 0 });
  ssm = createSsmClient({ endpoint: sandbox.url, maxAttempts: 1 });
});
afterAll(async () => {
  ssm.destroy();
  await sandbox.close();
});

const put = (Name: string, Value: string, more: Partial<ConstructorParameters<typeof PutParameterCommand>[0]> = {}) =>
  ssm.send(new PutParameterCommand({ Name, Value, Type: "String", ...more }));

async function rejection(p: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await p;
  } catch (e) {
    const err = e as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: err.name, message: err.message, status: err.$metadata?.httpStatusCode };
  }
  throw new Error("expected the call to fail");
}

describe("PutParameter and GetParameter", () => {
  it("creates version 1, overwrites to 2, and returns typed fields (LastModifiedDate as a Date)", async () => {
    expect(await put("/sdk/a", "one", { Description: "first" })).toMatchObject({ Version: 1, Tier: "Standard" });
    expect(await put("/sdk/a", "two", { Overwrite: true })).toMatchObject({ Version: 2 });
    const { Parameter } = await ssm.send(new GetParameterCommand({ Name: "/sdk/a", WithDecryption: true }));
    expect(Parameter).toMatchObject({ Name: "/sdk/a", Type: "String", Value: "two", Version: 2, DataType: "text" });
    expect(Parameter?.ARN).toBe("arn:aws:ssm:us-east-1:000000000000:parameter/sdk/a");
    expect(Parameter?.LastModifiedDate).toBeInstanceOf(Date);
    expect(Math.abs(Parameter!.LastModifiedDate!.getTime() - Date.now())).toBeLessThan(60_000);
    // A version selector reads an older version.
    expect((await ssm.send(new GetParameterCommand({ Name: "/sdk/a:1" }))).Parameter).toMatchObject({ Value: "one", Version: 1, Selector: ":1" });
  });

  it("refuses to overwrite without Overwrite: ParameterAlreadyExists, value unchanged", async () => {
    await put("/sdk/b", "keep");
    const e = await rejection(put("/sdk/b", "lost"));
    expect(e).toMatchObject({ name: "ParameterAlreadyExists", status: 400 });
    expect(e.message).toMatch(/set the overwrite option/);
    expect((await ssm.send(new GetParameterCommand({ Name: "/sdk/b" }))).Parameter).toMatchObject({ Value: "keep", Version: 1 });
  });

  it("holds 4096 bytes in the Standard tier and refuses 4097 in AWS's words; Advanced holds 8 KB", async () => {
    expect((await put("/sdk/big", "x".repeat(4096))).Version).toBe(1);
    const e = await rejection(put("/sdk/bigger", "x".repeat(4097)));
    expect(e).toMatchObject({ name: "ValidationException", status: 400 });
    expect(e.message).toMatch(/^Standard tier parameters support a maximum parameter value of 4096 characters\./);
    expect(await put("/sdk/bigger", "x".repeat(8000), { Tier: "Advanced" })).toMatchObject({ Tier: "Advanced" });
    expect((await rejection(put("/sdk/bigger", "x", { Tier: "Standard", Overwrite: true }))).message).toMatch(/can't downgrade/);
  });

  it.each([["aws-reserved"], ["/ssm/x"], ["/has space"], ["no/leading-slash"], ["/double//slash"], ["/bad*char"]])(
    "refuses the name %s with ValidationException",
    async (name) => {
      const e = await rejection(put(name, "v"));
      expect(e).toMatchObject({ name: "ValidationException", status: 400 });
      expect(e.message).toMatch(/^Parameter name: can't be prefixed with "aws" or "ssm"/);
    },
  );

  it("ParameterNotFound is a 400 with a message; a missing version is ParameterVersionNotFound", async () => {
    expect(await rejection(ssm.send(new GetParameterCommand({ Name: "/sdk/missing" })))).toMatchObject({
      name: "ParameterNotFound",
      status: 400,
      message: "Parameter /sdk/missing not found.",
    });
    await put("/sdk/v", "1");
    expect((await rejection(ssm.send(new GetParameterCommand({ Name: "/sdk/v:9" })))).name).toBe("ParameterVersionNotFound");
  });

  it("needs a Type to create", async () => {
    expect((await rejection(ssm.send(new PutParameterCommand({ Name: "/sdk/untyped", Value: "v" })))).message).toMatch(/type is required/);
  });
});

describe("GetParameters, GetParametersByPath, GetParameterHistory, DeleteParameter", () => {
  it("GetParameters splits found and invalid names", async () => {
    await put("/multi/a", "A");
    const out = await ssm.send(new GetParametersCommand({ Names: ["/multi/a", "/multi/none"] }));
    expect(out.Parameters?.map((p) => p.Value)).toEqual(["A"]);
    expect(out.InvalidParameters).toEqual(["/multi/none"]);
  });

  it("pages a path with MaxResults; Recursive decides whether deeper levels count", async () => {
    for (const n of ["a", "b", "c", "d", "e"]) await put(`/tree/${n}`, n);
    await put("/tree/sub/deep", "deep");
    await put("/treehouse", "not under /tree");
    const seen: string[] = [];
    let NextToken: string | undefined;
    let pages = 0;
    do {
      const out = await ssm.send(new GetParametersByPathCommand({ Path: "/tree", MaxResults: 2, NextToken }));
      seen.push(...(out.Parameters ?? []).map((p) => p.Name!));
      NextToken = out.NextToken;
      pages++;
    } while (NextToken);
    expect(seen).toEqual(["/tree/a", "/tree/b", "/tree/c", "/tree/d", "/tree/e"]);
    expect(pages).toBe(3);
    const all = await ssm.send(new GetParametersByPathCommand({ Path: "/tree/", Recursive: true }));
    expect(all.Parameters?.map((p) => p.Name)).toContain("/tree/sub/deep");
    expect((await rejection(ssm.send(new GetParametersByPathCommand({ Path: "/tree", MaxResults: 11 })))).name).toBe("ValidationException");
    expect((await rejection(ssm.send(new GetParametersByPathCommand({ Path: "/tree", NextToken: "forged" })))).name).toBe("InvalidNextToken");
    expect((await rejection(ssm.send(new GetParametersByPathCommand({ Path: "tree" })))).message).toMatch(/^Parameter path:/);
  });

  it("history lists every version oldest first with its writer, across pages", async () => {
    await put("/hist/x", "v1", { Description: "d1" });
    for (let i = 2; i <= 5; i++) await put("/hist/x", `v${i}`, { Overwrite: true });
    await sandbox.control.putParameter({ name: "/hist/x", value: "by hand", user: "alice" });
    const first = await ssm.send(new GetParameterHistoryCommand({ Name: "/hist/x", MaxResults: 4 }));
    expect(first.Parameters?.map((h) => h.Version)).toEqual([1, 2, 3, 4]);
    const rest = await ssm.send(new GetParameterHistoryCommand({ Name: "/hist/x", MaxResults: 4, NextToken: first.NextToken }));
    expect(rest.NextToken).toBeUndefined();
    const last = rest.Parameters?.at(-1);
    expect(last).toMatchObject({ Version: 6, Value: "by hand", LastModifiedUser: "arn:aws:iam::000000000000:user/alice", Description: "d1", Tier: "Standard" });
    expect(last?.LastModifiedDate).toBeInstanceOf(Date);
    // API writes name the caller's access key.
    expect(first.Parameters?.[0]?.LastModifiedUser).toBe("arn:aws:iam::000000000000:user/changegate-sandbox");
  });

  it("DeleteParameter removes it; deleting again is ParameterNotFound; re-creating starts at version 1", async () => {
    await put("/del/x", "a");
    await put("/del/x", "b", { Overwrite: true });
    await ssm.send(new DeleteParameterCommand({ Name: "/del/x" }));
    expect((await rejection(ssm.send(new DeleteParameterCommand({ Name: "/del/x" })))).name).toBe("ParameterNotFound");
    expect((await put("/del/x", "c")).Version).toBe(1);
  });
});
