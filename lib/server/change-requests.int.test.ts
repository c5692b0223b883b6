import { beforeAll, describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import { asActor, refusal } from "@/test/actors";
import { db } from "@/lib/db";
import { createService, createUser, changeFormValues } from "@/prisma/factories";
import type { Actor } from "@/lib/auth/permissions";
import { createChange } from "./create-change";
import { updateChange } from "./update-change";
import { changeLifecycle } from "./change-lifecycle";
import { listChanges } from "./change-list";
import { getChangeDetail } from "./change-queries";
import { getChangeReadiness } from "./change-readiness";
import { confirmOnCall } from "./confirm-on-call";
import { voteOnChange } from "./vote-on-change";
import { scaled } from "@/test/timeouts";

let engineer: Actor;
let other: Actor;
let refs: { serviceId: string; onCallUserId: string };


beforeAll(async () => {
  engineer = asActor(await createUser(db, { roles: ["ENGINEER"] }));
  other = asActor(await createUser(db, { roles: ["ENGINEER"] }));
  const service = await createService(db, { onCallUserId: engineer.id });
  refs = { serviceId: service.id, onCallUserId: engineer.id };
});


describe("change requests on a real database", () => {
  it("50 concurrent creations get 50 distinct, gap-free numbers", async () => {
    const year = 2031;
    const now = new Date(Date.UTC(year, 5, 1, 12));
    const created = await Promise.all(
      Array.from({ length: 50 }, () => createChange(engineer, changeFormValues(refs, {}, now), { submit: true, now })),
    );
    const seqs = created.map((c) => c.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(new Set(created.map((c) => c.number)).size).toBe(50);
    expect(created.every((c) => c.number.startsWith(`CR-${year}-`))).toBe(true);
    expect(created.every((c) => c.state === "SUBMITTED")).toBe(true);
    // 50 transactions queued on one pool: a minute and more beside CPU-bound neighbours.
  }, scaled(180_000));

  it("a failed creation gives its number back: no gaps", async () => {
    const now = new Date(Date.UTC(2032, 0, 5, 12));
    const first = await createChange(engineer, changeFormValues(refs, {}, now), { submit: false, now });
    await refusal(
      createChange(engineer, changeFormValues({ ...refs, serviceId: "no-such-service" }, {}, now), { submit: false, now }),
      "VALIDATION",
    );
    const second = await createChange(engineer, changeFormValues(refs, {}, now), { submit: false, now });
    expect([first.number, second.number]).toEqual(["CR-2032-001", "CR-2032-002"]);
  });

  it("a double-clicked submit creates one CR", async () => {
    const values = changeFormValues(refs);
    const [a, b] = await Promise.all([
      createChange(engineer, values, { submit: true }),
      createChange(engineer, values, { submit: true }),
    ]);
    expect(a.id).toBe(b.id);
    expect(await db.changeRequest.count({ where: { clientRequestId: values.clientRequestId } })).toBe(1);
  });

  it("refuses a window in the past, naming the field, and writes nothing", async () => {
    // A fixed clock: a window "5 hours ago" moved to the next allowed slot could land after the
    // wall clock's now (late evening), so the window is a week before an injected now.
    const now = new Date(Date.UTC(2032, 0, 7, 12));
    const values = changeFormValues(refs, {}, new Date(now.getTime() - 7 * 86_400_000), 0);
    expect(DateTime.fromISO(values.windowStart, { zone: values.windowTimeZone }).toMillis()).toBeLessThan(now.getTime());
    const before = await db.changeRequest.count();
    const e = await refusal(createChange(engineer, values, { submit: true, now }), "VALIDATION");
    expect(e.fields?.windowStart).toMatch(/past/);
    expect(await db.changeRequest.count()).toBe(before);
  });

  it("audit rows cannot be updated or deleted", async () => {
    const cr = await createChange(engineer, changeFormValues(refs), { submit: false });
    const row = await db.auditEvent.findFirstOrThrow({ where: { crId: cr.id } });
    await expect(db.auditEvent.update({ where: { id: row.id }, data: { action: "tampered" } })).rejects.toThrow(
      /append-only/,
    );
    await expect(db.auditEvent.delete({ where: { id: row.id } })).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/);
    expect((await db.auditEvent.findUniqueOrThrow({ where: { id: row.id } })).action).toBe("change.created");
  });

  it("refuses a stale edit and keeps the other person's change", async () => {
    const cr = await createChange(engineer, changeFormValues(refs), { submit: false });
    const loaded = { ...changeFormValues(refs), id: cr.id, version: cr.version };
    await updateChange(engineer, { ...loaded, summary: "First edit wins the race" });
    const e = await refusal(updateChange(engineer, { ...loaded, summary: "Second edit is stale" }), "STALE");
    expect(e.message).toMatch(/changed by .* after you opened it/);
    const now = await db.changeRequest.findUniqueOrThrow({ where: { id: cr.id } });
    expect(now.summary).toBe("First edit wins the race");
    expect(now.version).toBe(cr.version + 1);
  });

  it("editing the target after submission resets approvals; a wording fix does not", async () => {
    const cr = await createChange(engineer, changeFormValues(refs), { submit: true });
    const values = { ...changeFormValues(refs), id: cr.id };
    const worded = await updateChange(engineer, { ...values, version: cr.version, summary: "Reworded summary only" });
    expect(worded.approvalRound).toBe(0);
    const retargeted = await updateChange(engineer, { ...values, version: worded.version, targetVersion: "9" });
    expect(retargeted.approvalRound).toBe(1);
    expect(retargeted.state).toBe("SUBMITTED");
    const actions = (await db.auditEvent.findMany({ where: { crId: cr.id }, orderBy: { id: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["change.created", "change.submit", "change.edited", "change.edited", "change.resetApprovals"]);
  });

  it("drafts are private; another user gets 'not found' and cannot edit", async () => {
    const draft = await createChange(engineer, changeFormValues(refs), { submit: false });
    await refusal(getChangeDetail(other, draft.id), "NOT_FOUND");
    await refusal(updateChange(other, { ...changeFormValues(refs), id: draft.id, version: 1 }), "NOT_FOUND");
    await refusal(getChangeDetail(other, "does-not-exist"), "NOT_FOUND");
    const mine = await listChanges(other, { sort: "newest", page: 1, q: draft.number });
    expect(mine.total).toBe(0);
  });

  it("illegal transitions are refused with the state machine's message", async () => {
    const cr = await createChange(engineer, changeFormValues(refs), { submit: false });
    const cancelled = await changeLifecycle(engineer, { action: "cancel", id: cr.id, version: cr.version });
    expect(cancelled.state).toBe("CANCELLED");
    const e = await refusal(
      changeLifecycle(engineer, { action: "submit", id: cr.id, version: cancelled.version }),
      "ILLEGAL_TRANSITION",
    );
    expect(e.message).toBe("Cannot submit a change that is Cancelled; only possible when Draft.");
  });

  it("lists with server-side filters and text search", async () => {
    await createChange(engineer, changeFormValues(refs, { summary: "Rotate the zebra certificates", risk: "HIGH" }), {
      submit: true,
    });
    const found = await listChanges(other, { sort: "newest", page: 1, q: "ZEBRA cert", risk: "HIGH" });
    expect(found.rows.map((r) => r.summary)).toEqual(["Rotate the zebra certificates"]);
    const none = await listChanges(other, { sort: "newest", page: 1, q: "zebra", risk: "LOW" });
    expect(none.total).toBe(0);
  });

  it("point 4: changing the on-call engineer after the previous one confirmed voids the confirmation and the approvals", async () => {
    const [sre, product, security, cto, next] = await Promise.all(
      ([["CAB_MEMBER", "SRE"], ["CAB_MEMBER", "PRODUCT"], ["CAB_MEMBER", "SECURITY"], ["CTO"], ["ENGINEER"]] as const).map(async (r) => asActor(await createUser(db, { roles: [...r] }))),
    );
    const requester = asActor(await createUser(db, { roles: ["ENGINEER"] }));
    const values = changeFormValues({ ...refs, onCallUserId: engineer.id }, { risk: "HIGH" });
    let cr = await createChange(requester, values, { submit: true });
    for (const v of [sre!, product!, security!, cto!]) await voteOnChange(v, { crId: cr.id, decision: "APPROVE" });
    await confirmOnCall(engineer, { id: cr.id });
    cr = await db.changeRequest.findUniqueOrThrow({ where: { id: cr.id } });
    expect(cr.state).toBe("APPROVED");
    expect(cr.onCallConfirmedAt).not.toBeNull();

    const swapped = await updateChange(requester, { ...values, id: cr.id, version: cr.version, onCallUserId: next!.id });
    expect(swapped).toMatchObject({ state: "SUBMITTED", approvalRound: cr.approvalRound + 1, onCallUserId: next!.id, onCallConfirmedAt: null });
    const r = await getChangeReadiness(cr.id);
    const codes = r.readiness.ready ? [] : r.readiness.missing.map((m) => m.code);
    expect(codes).toEqual(expect.arrayContaining(["STATE", "APPROVAL_CAB", "APPROVAL_CTO", "ON_CALL"]));
    // Only the new on-call engineer can confirm now.
    expect((await refusal(confirmOnCall(engineer, { id: cr.id }))).code).toBe("FORBIDDEN");
    const trail = await db.auditEvent.findFirstOrThrow({ where: { crId: cr.id, action: "change.resetApprovals" } });
    expect(JSON.stringify(trail.after)).toMatch(/on-call engineer/);
  });

  it("point 5: a requester cannot move their own change to Approved or Deployed by naming the transition", async () => {
    const cr = await createChange(engineer, changeFormValues(refs, { risk: "HIGH" }), { submit: true });
    for (const action of ["approve", "startDeploy", "deploySucceeded", "resetApprovals", "no-such-action"]) {
      const e = await refusal(changeLifecycle(engineer, { action, id: cr.id, version: cr.version }));
      expect(e.code).toBe(action === "no-such-action" ? "VALIDATION" : "FORBIDDEN");
    }
    const after = await db.changeRequest.findUniqueOrThrow({ where: { id: cr.id } });
    expect(after).toMatchObject({ state: "SUBMITTED", version: cr.version });
    expect(await db.auditEvent.count({ where: { crId: cr.id, action: { in: ["change.approve", "change.startDeploy", "change.deploySucceeded"] } } })).toBe(0);
    // An admin holds the requester's moves on any change, and still not the tally's.
    const admin = asActor(await createUser(db, { roles: ["ADMIN"] }));
    expect((await refusal(changeLifecycle(admin, { action: "approve", id: cr.id, version: cr.version }))).code).toBe("FORBIDDEN");
    expect((await changeLifecycle(admin, { action: "cancel", id: cr.id, version: cr.version })).state).toBe("CANCELLED");
  });
});
