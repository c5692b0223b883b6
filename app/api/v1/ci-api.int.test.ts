// The CI API through its exported route handlers, on a real database: token auth, scope, gate
// refusals that write nothing, and the automated approval of a Low-risk change.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { createApiToken, revokeApiToken } from "@/lib/server/api-tokens";
import { changeFormValues, createService, createUser } from "@/prisma/factories";
import { POST as createCr } from "./changes/route";
import { POST as postGate } from "./changes/[ref]/gates/route";
import { GET as readiness } from "./changes/[ref]/readiness/route";
import { GET as ping } from "./ping/route";

let admin: Actor;
let serviceId: string;
let otherServiceId: string;
let onCallUserId: string;
let token: { id: string; plain: string; name: string; prefix: string };

const url = "http://localhost/api/v1/changes";
const req = (method: string, body?: unknown, auth: string | null = `Bearer ${token.plain}`) =>
  new Request(url, {
    method,
    headers: { "content-type": "application/json", ...(auth ? { authorization: auth } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const params = <P>(p: P) => ({ params: Promise.resolve(p) });
const noParams = params({} as Record<string, never>);

async function openLowCr(overrides: Record<string, unknown> = {}) {
  const values = changeFormValues({ serviceId, onCallUserId }, { risk: "LOW", targetVersion: "7" });
  const res = await createCr(req("POST", { ...values, implementationSteps: ["Deploy", "Watch"], commitSha: "abc1234", ...overrides }), noParams);
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; number: string; state: string };
}

const gate = (ref: string, body: unknown, auth?: string | null) => postGate(req("POST", body, auth), params({ ref }));

beforeAll(async () => {
  const u = await createUser(db, { roles: ["ADMIN"] });
  admin = { id: u.id, name: u.name, email: u.email, roles: u.roles };
  onCallUserId = (await createUser(db, { roles: ["ENGINEER"] })).id;
  serviceId = (await createService(db, { onCallUserId })).id;
  otherServiceId = (await createService(db, { onCallUserId })).id;
  token = await createApiToken(admin, { name: "pipeline-main", serviceIds: [serviceId] });
});

describe("token auth", () => {
  it("stores only a hash and a prefix of the token", async () => {
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.tokenHash).not.toContain(token.plain);
    expect(token.plain.startsWith(row.prefix)).toBe(true);
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("missing, malformed and unknown tokens get 401 JSON with a stable code", async () => {
    for (const auth of [null, "Basic abc", "Bearer cg_not-a-real-token"]) {
      const res = await createCr(req("POST", {}, auth), noParams);
      expect(res.status).toBe(401);
      expect(res.headers.get("content-type")).toMatch(/application\/json/);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("UNAUTHENTICATED");
      expect(body.error.message).toBeTruthy();
    }
  });

  it("a service outside the token's scope gets 403 and nothing is created", async () => {
    const before = await db.changeRequest.count();
    const values = changeFormValues({ serviceId: otherServiceId, onCallUserId }, { risk: "LOW" });
    const res = await createCr(req("POST", values), noParams);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("FORBIDDEN");
    expect(await db.changeRequest.count()).toBe(before);
  });

  it("CI may open only Low-risk changes", async () => {
    const res = await createCr(req("POST", changeFormValues({ serviceId, onCallUserId }, { risk: "HIGH" })), noParams);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { fields: Record<string, string> } }).error.fields.risk).toBe("Must be LOW");
  });

  it("updates lastUsedAt when used", async () => {
    await ping();
    await openLowCr();
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.lastUsedAt).not.toBeNull();
  });
});

describe("gate results", () => {
  it("refuses unknown CR, old version, out-of-range value and a revoked token, writing nothing", async () => {
    const cr = await openLowCr();
    const count = () => db.gateResult.count();
    const before = await count();

    let res = await gate("CR-2099-999", { gate: "UNIT", version: "7", passed: true });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("NOT_FOUND");

    res = await gate(cr.number, { gate: "UNIT", version: "6", passed: true });
    expect(res.status).toBe(409);
    const stale = (await res.json()) as { error: { code: string; message: string } };
    expect(stale.error.code).toBe("STALE");
    expect(stale.error.message).toMatch(/stale/);

    res = await gate(cr.id, { gate: "COVERAGE", version: "7", passed: true, value: 140 });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/between 0 and 100/);

    res = await gate(cr.id, { gate: "BOGUS", version: "7", passed: true });
    expect(res.status).toBe(400);

    const revoked = await createApiToken(admin, { name: "old-pipeline", serviceIds: [serviceId] });
    await revokeApiToken(admin, revoked.id);
    res = await gate(cr.id, { gate: "UNIT", version: "7", passed: true }, `Bearer ${revoked.plain}`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/revoked/);

    expect(await count()).toBe(before);
    expect((await db.changeRequest.findUniqueOrThrow({ where: { id: cr.id } })).state).toBe("SUBMITTED");
  });

  it("a token scoped to another service may not report on this CR", async () => {
    const cr = await openLowCr();
    const other = await createApiToken(admin, { name: "other-team", serviceIds: [otherServiceId] });
    const res = await gate(cr.id, { gate: "UNIT", version: "7", passed: true }, `Bearer ${other.plain}`);
    expect(res.status).toBe(403);
    expect(await db.gateResult.count({ where: { crId: cr.id } })).toBe(0);
  });

  it("approves a Low CR automatically once its gates pass; the audit names the token and the results", async () => {
    const cr = await openLowCr();
    let res = await gate(cr.number, { gate: "UNIT", version: "7", passed: true });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { autoApproved: boolean }).autoApproved).toBe(false);

    let ready = (await (await readiness(req("GET"), params({ ref: cr.id }))).json()) as { ready: boolean; missing: { code: string; message: string }[] };
    expect(ready.ready).toBe(false);
    expect(ready.missing.map((m) => m.code)).toEqual(expect.arrayContaining(["GATE_MISSING", "APPROVAL_AUTOMATED"]));

    res = await gate(cr.number, { gate: "INTEGRATION", version: "7", passed: true });
    const body = (await res.json()) as { autoApproved: boolean; changeState: string };
    expect(body).toMatchObject({ autoApproved: true, changeState: "APPROVED" });

    const approval = await db.approval.findFirstOrThrow({ where: { crId: cr.id, kind: "AUTOMATED" } });
    expect(approval.tokenId).toBe(token.id);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { crId: cr.id, action: "change.approve" } });
    expect(audit.actorLabel).toContain("pipeline-main");
    const after = audit.after as { tokenId: string; gateResults: { gate: string; tokenId: string }[] };
    expect(after.tokenId).toBe(token.id);
    expect(after.gateResults.map((g) => g.gate).sort()).toEqual(["INTEGRATION", "UNIT"]);

    ready = (await (await readiness(req("GET"), params({ ref: cr.number }))).json()) as typeof ready;
    expect(ready).toMatchObject({ ready: true, missing: [] });
  });

  it("a failing gate does not approve", async () => {
    const cr = await openLowCr();
    await gate(cr.id, { gate: "UNIT", version: "7", passed: true });
    const res = await gate(cr.id, { gate: "INTEGRATION", version: "7", passed: false });
    expect(((await res.json()) as { autoApproved: boolean }).autoApproved).toBe(false);
    expect((await db.changeRequest.findUniqueOrThrow({ where: { id: cr.id } })).state).toBe("SUBMITTED");
  });
});
