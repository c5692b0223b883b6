// The emergency path on a real database: incident → emergency CR → verbal approval (only an
// engineering manager, never for their own change) → ready at once → retrospective CAB decision.
import { beforeAll, describe, expect, it } from "vitest";
import { refusal, seedActor } from "@/test/actors";
import type { Actor } from "@/lib/auth/permissions";
import type { Role } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { instantToLocalInput } from "@/lib/domain/local-time";
import { createService } from "@/prisma/factories";
import { getChangeReadiness } from "./change-readiness";
import { createEmergencyChange } from "./create-emergency-change";
import { createFreezeWindow } from "./freeze-windows";
import { declareIncident } from "./incidents";
import { recordVerbalApproval } from "./record-verbal-approval";
import { castRetrospectiveVote } from "./retrospective-vote";

const actor = seedActor;

let engineer: Actor, manager: Actor, admin: Actor;
let serviceId: string;
const zone = "Europe/Berlin";
const local = (d: Date) => instantToLocalInput(d, zone);

beforeAll(async () => {
  engineer = await actor(["ENGINEER"]);
  manager = await actor(["ENG_MANAGER"]);
  admin = await actor(["ADMIN"]);
  serviceId = (await createService(db, { onCallUserId: engineer.id })).id;
});

async function emergency(by: Actor = engineer) {
  const incident = await declareIncident(by, { severity: "SEV1", title: "Checkout returns 500s", description: "Error rate 12 % since 10:02" });
  const cr = await createEmergencyChange(by, {
    incidentId: incident.id,
    summary: "Roll forward checkout fix",
    serviceId,
    targetVersion: "11",
    risk: "HIGH",
    rollbackPlan: "Shift alias back to version 42",
  });
  return { incident, cr };
}

describe("emergency changes", () => {
  it("an emergency CR is submitted, flagged retro-pending and written on the incident timeline", async () => {
    const { incident, cr } = await emergency();
    expect(cr).toMatchObject({ emergency: true, incidentId: incident.id, state: "SUBMITTED", retroStatus: "PENDING" });
    const entries = await db.incidentEntry.findMany({ where: { incidentId: incident.id }, orderBy: { at: "asc" } });
    expect(entries.map((e) => e.text).join("\n")).toMatch(new RegExp(`filed emergency change ${cr.number}`));
  });

  it("only an engineering manager records the verbal approval, never for their own change; nothing is written on refusal", async () => {
    const { cr } = await emergency();
    const said = { crId: cr.id, approverSaid: "Go ahead, ship the fix", approvedAt: local(new Date()) };
    const byEngineer = await refusal(recordVerbalApproval(engineer, said));
    expect(byEngineer.code).toBe("FORBIDDEN");
    const cab = await actor(["CAB_MEMBER"]);
    expect((await refusal(recordVerbalApproval(cab, said))).code).toBe("FORBIDDEN");

    const own = await emergency(manager);
    const e = await refusal(recordVerbalApproval(manager, { ...said, crId: own.cr.id }));
    expect(e.message).toBe("You cannot approve your own change");
    expect(await db.approval.count({ where: { crId: { in: [cr.id, own.cr.id] } } })).toBe(0);
    expect((await db.changeRequest.findUniqueOrThrow({ where: { id: own.cr.id } })).state).toBe("SUBMITTED");
  });

  it("the verbal approval approves the CR, lands on the incident timeline, and the CR may deploy at once, even in a freeze", async () => {
    const { incident, cr } = await emergency();
    const now = new Date();
    const before = await getChangeReadiness(cr.id, now);
    expect(before.readiness.ready).toBe(false);
    await createFreezeWindow(admin, { name: "Incident freeze", reason: "", startsAt: local(new Date(now.getTime() - 3_600_000)), endsAt: local(new Date(now.getTime() + 3_600_000)), timeZone: zone });

    const approved = await recordVerbalApproval(manager, { crId: cr.id, approverSaid: "Approved on the bridge call", approvedAt: local(now) });
    expect(approved.state).toBe("APPROVED");
    const approval = await db.approval.findFirstOrThrow({ where: { crId: cr.id } });
    expect(approval).toMatchObject({ kind: "VERBAL_EMERGENCY", userId: manager.id, comment: "Approved on the bridge call" });
    const timeline = await db.incidentEntry.findMany({ where: { incidentId: incident.id } });
    expect(timeline.some((t) => t.text.includes("gave verbal approval") && t.text.includes(cr.number))).toBe(true);
    expect(await db.auditEvent.count({ where: { crId: cr.id, action: "change.verbal-approval" } })).toBe(1);

    const after = await getChangeReadiness(cr.id, new Date());
    expect(after.readiness.ready).toBe(true);
    expect(after.readiness.warnings.some((w) => w.code === "FREEZE")).toBe(true);

    const twice = await refusal(recordVerbalApproval(await actor(["ENG_MANAGER"]), { crId: cr.id, approverSaid: "again", approvedAt: local(now) }));
    expect(twice.code).toBe("FORBIDDEN");
  });

  it("a verbal approval in the future is refused", async () => {
    const { cr } = await emergency();
    const e = await refusal(recordVerbalApproval(manager, { crId: cr.id, approverSaid: "ok", approvedAt: local(new Date(Date.now() + 3 * 3_600_000)) }));
    expect(e.fields?.approvedAt).toBe("Cannot be in the future");
  });

  it("point 8: a verbal approval dated before its incident was declared is refused, and nothing is written", async () => {
    const { cr } = await emergency();
    const yearsAgo = local(new Date(Date.now() - 3 * 365 * 86_400_000));
    const e = await refusal(recordVerbalApproval(manager, { crId: cr.id, approverSaid: "ok", approvedAt: yearsAgo }));
    expect(e.fields?.approvedAt).toMatch(/Must be after the incident was declared/);
    expect(await db.approval.count({ where: { crId: cr.id } })).toBe(0);
    // A record written around the service does not make the change ready either.
    await db.approval.create({ data: { crId: cr.id, userId: manager.id, kind: "VERBAL_EMERGENCY", decision: "APPROVE", roles: ["ENG_MANAGER"], round: cr.approvalRound, createdAt: new Date(Date.now() - 3 * 365 * 86_400_000) } });
    await db.changeRequest.update({ where: { id: cr.id }, data: { state: "APPROVED" } });
    const r = await getChangeReadiness(cr.id);
    expect(r.readiness.ready).toBe(false);
    if (!r.readiness.ready) expect(r.readiness.missing.map((m) => m.message)).toContain("the recorded verbal approval predates the incident; record the manager's approval for this incident");
  });

  it("CAB retrospective votes decide the change once the policy's count is met (3 outside a meeting)", async () => {
    const { cr } = await emergency();
    await recordVerbalApproval(manager, { crId: cr.id, approverSaid: "go", approvedAt: local(new Date()) });
    const sre = await actor(["CAB_MEMBER", "SRE"]);
    const lead = await actor(["CAB_MEMBER"]);
    expect((await refusal(castRetrospectiveVote(engineer, { crId: cr.id, decision: "APPROVE" }))).code).toBe("FORBIDDEN");
    expect((await refusal(castRetrospectiveVote(sre, { crId: cr.id, decision: "REJECT" }))).fields?.comment).toMatch(/why/);
    const first = await castRetrospectiveVote(sre, { crId: cr.id, decision: "APPROVE" });
    expect(first.retroStatus).toBe("PENDING");
    expect((await refusal(castRetrospectiveVote(sre, { crId: cr.id, decision: "APPROVE" }))).code).toBe("FORBIDDEN");
    const second = await castRetrospectiveVote(lead, { crId: cr.id, decision: "APPROVE" });
    expect(second.retroStatus).toBe("PENDING");
    const third = await castRetrospectiveVote(await actor(["CAB_MEMBER", "PRODUCT"]), { crId: cr.id, decision: "APPROVE" });
    expect(third.retroStatus).toBe("APPROVED");
    expect((await refusal(castRetrospectiveVote(await actor(["CAB_MEMBER"]), { crId: cr.id, decision: "APPROVE" }))).message).toMatch(/already decided/);
    expect((await db.changeRequest.findUniqueOrThrow({ where: { id: cr.id } })).retroStatus).toBe("APPROVED");
  });

  it("20 concurrent retrospective votes decide the change exactly once; votes after the decision are refused", async () => {
    const { cr } = await emergency();
    await recordVerbalApproval(manager, { crId: cr.id, approverSaid: "go", approvedAt: local(new Date()) });
    const seats: Role[][] = [["CAB_MEMBER"], ["CAB_MEMBER", "SRE"], ["CAB_MEMBER", "PRODUCT"], ["CAB_MEMBER", "SECURITY"]];
    const voters = await Promise.all(Array.from({ length: 20 }, (_, i) => actor(seats[i % 4]!)));
    const results = await Promise.allSettled(voters.map((v) => castRetrospectiveVote(v, { crId: cr.id, decision: "APPROVE" })));
    const decided = results.filter((r) => r.status === "fulfilled" && r.value.retroStatus === "APPROVED");
    // Votes after the decision are refused ("already decided"); the decision is written once.
    expect(await db.auditEvent.count({ where: { crId: cr.id, action: "change.retrospective-decided" } })).toBe(1);
    expect(decided.length).toBe(1);
    expect(await db.approval.count({ where: { crId: cr.id, kind: "RETROSPECTIVE" } })).toBe(3);
  });

  it("a freeze window must end after it starts", async () => {
    const e = await refusal(createFreezeWindow(admin, { name: "Year end", reason: "", startsAt: "2030-12-20T00:00", endsAt: "2030-12-20T00:00", timeZone: zone }));
    expect(e.fields?.endsAt).toBe("Must be after the start");
    expect((await refusal(createFreezeWindow(engineer, { name: "Year end", reason: "", startsAt: "2030-12-20T00:00", endsAt: "2031-01-02T00:00", timeZone: zone }))).code).toBe("FORBIDDEN");
  });
});
