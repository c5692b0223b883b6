// Gate results entered by a person: permission, evidence link, the version rule, and that a
// requester's own entries never approve their change.
import { beforeAll, describe, expect, it } from "vitest";
import { refusal, seedActor } from "@/test/actors";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { changeFormValues, createService } from "@/prisma/factories";
import { createChange } from "./create-change";
import { getChangeReadiness } from "./change-readiness";
import { recordGateResult } from "./record-gate-result";

const actor = seedActor;

let engineer: Actor, qa: Actor, product: Actor;
let refs: { serviceId: string; onCallUserId: string };
const evidence = "https://ci.example.com/runs/42";

beforeAll(async () => {
  engineer = await actor(["ENGINEER"]);
  qa = await actor(["ENGINEER"]);
  product = await actor(["PRODUCT"]);
  refs = { serviceId: (await createService(db, { onCallUserId: engineer.id })).id, onCallUserId: engineer.id };
});

const lowCr = () => createChange(engineer, changeFormValues(refs, { risk: "LOW", targetVersion: "9" }), { submit: true });

describe("manual gate entry", () => {
  it("needs gate:record and an evidence link; nothing written on refusal", async () => {
    const cr = await lowCr();
    expect((await refusal(recordGateResult({ actor: product }, cr.id, { gate: "UNIT", version: "9", passed: true, evidenceUrl: evidence }))).code).toBe("FORBIDDEN");
    const noEvidence = await refusal(recordGateResult({ actor: qa }, cr.id, { gate: "UNIT", version: "9", passed: true }));
    expect(noEvidence.fields?.evidenceUrl).toBeTruthy();
    const stale = await refusal(recordGateResult({ actor: qa }, cr.id, { gate: "UNIT", version: "8", passed: true, evidenceUrl: evidence }));
    expect(stale.code).toBe("STALE");
    const range = await refusal(recordGateResult({ actor: qa }, cr.id, { gate: "LOAD_TEST", version: "9", passed: true, value: -3, evidenceUrl: evidence }));
    expect(range.fields?.value).toMatch(/between 0 and 3600000/);
    expect(await db.gateResult.count({ where: { crId: cr.id } })).toBe(0);
  });

  it("the requester's own entries do not approve their Low change; a colleague's do", async () => {
    const cr = await lowCr();
    await recordGateResult({ actor: engineer }, cr.id, { gate: "UNIT", version: "9", passed: true, evidenceUrl: evidence });
    const own = await recordGateResult({ actor: engineer }, cr.id, { gate: "INTEGRATION", version: "9", passed: true, evidenceUrl: evidence });
    expect(own.autoApproved).toBe(false);
    await recordGateResult({ actor: qa }, cr.id, { gate: "UNIT", version: "9", passed: true, evidenceUrl: evidence });
    const byColleague = await recordGateResult({ actor: qa }, cr.id, { gate: "INTEGRATION", version: "9", passed: true, evidenceUrl: evidence });
    expect(byColleague).toMatchObject({ autoApproved: true, state: "APPROVED" });
    const approval = await db.approval.findFirstOrThrow({ where: { crId: cr.id, kind: "AUTOMATED" } });
    expect(approval.tokenId).toBeNull();
    // The approval is CI/CD's, not the reporter's: the trail never says a person approved it.
    const audit = await db.auditEvent.findFirstOrThrow({ where: { crId: cr.id, action: "change.approve" } });
    expect(audit).toMatchObject({ actorId: null, actorLabel: "CI/CD automated approval" });
  });

  it("point 8: a requester's own gate entries do not count toward their Medium change; a colleague's do", async () => {
    const cr = await createChange(engineer, changeFormValues(refs, { risk: "MEDIUM", targetVersion: "9" }), { submit: true });
    for (const gate of ["FULL_SUITE", "SMOKE"] as const) await recordGateResult({ actor: engineer }, cr.id, { gate, version: "9", passed: true, evidenceUrl: evidence });
    const gateMessages = async () => {
      const r = await getChangeReadiness(cr.id);
      return r.readiness.ready ? [] : r.readiness.missing.filter((m) => m.gate).map((m) => m.message);
    };
    expect(await gateMessages()).toEqual([
      "full test suite: only the requester's own entry; Medium-risk changes need results from CI or from someone else",
      "smoke tests: only the requester's own entry; Medium-risk changes need results from CI or from someone else",
    ]);
    for (const gate of ["FULL_SUITE", "SMOKE"] as const) await recordGateResult({ actor: qa }, cr.id, { gate, version: "9", passed: true, evidenceUrl: evidence });
    expect(await gateMessages()).toEqual([]);
  });
});
