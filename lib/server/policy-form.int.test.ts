// The policy editor's form and its JSON view save through the same service and the same schema: a
// form edit that breaks a rule is refused naming each bad field (the messages the form shows at those
// fields as you type), nothing is written; a valid form edit becomes the next version with its audit.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { policyFieldErrors, type Policy } from "@/lib/domain/policy";
import { writePath } from "@/components/admin/policy-paths";
import { refusal, seedActor } from "@/test/actors";
import { getActivePolicy, savePolicy } from "./policy-store";

const edit = (p: unknown, ...edits: [readonly (string | number)[], unknown][]) => edits.reduce((acc, [path, value]) => writePath(acc, path, value), p);

describe("policy form validation", () => {
  it("a form edit breaking several rules is refused naming each field, with the messages the form shows; nothing is written", async () => {
    const admin = await seedActor(["ADMIN"]);
    const active = await getActivePolicy();
    const body = edit(
      active.policy,
      [["rules", "HIGH", "approvals"], []],
      [["rules", "LOW", "gates"], []],
      [["cab", "quorum"], null],
      [["cab", "meeting", "weekday"], 9],
    );
    const versions = await db.policyVersion.count();
    const audits = await db.auditEvent.count({ where: { action: "policy.saved" } });
    const e = await refusal(savePolicy(admin, body, "broken"), "VALIDATION");
    const expected = {
      "rules.HIGH.approvals": "High risk needs at least one approval rule",
      "rules.LOW.gates": "Low risk: automated approval needs at least one gate",
      "cab.quorum": "CAB quorum must be a number",
      "cab.meeting.weekday": "Meeting day: weekdays are 1 (Mon) to 7 (Sun)",
    };
    expect(e.fields).toEqual(expected);
    expect(e.message).toBe("The policy is invalid: CAB quorum must be a number");
    // The form computes the same messages in the browser before any save.
    expect(policyFieldErrors(body)).toEqual(expected);
    expect(await db.policyVersion.count()).toBe(versions);
    expect(await db.auditEvent.count({ where: { action: "policy.saved" } })).toBe(audits);

    // Rules across fields are named at the field to change once each field is well-formed.
    const hours = await refusal(savePolicy(admin, edit(active.policy, [["businessHours", "end"], "08:00"]), "broken"), "VALIDATION");
    expect(hours.fields).toEqual({ "businessHours.end": "Business hours must end after they start" });
    expect(await db.policyVersion.count()).toBe(versions);
  });

  it("a valid form edit becomes the next version; the audit event holds before and after", async () => {
    const admin = await seedActor(["ADMIN"]);
    const active = await getActivePolicy();
    const body = edit(active.policy, [["rules", "MEDIUM", "approvals"], ["CAB", "CTO"]], [["rules", "MEDIUM", "window"], "AFTER_HOURS"]);
    const saved = await savePolicy(admin, body, "Medium now needs the CTO, after hours");
    expect(saved.version).toBe(active.version + 1);
    expect(saved.policy.rules.MEDIUM).toMatchObject({ approvals: ["CAB", "CTO"], window: "AFTER_HOURS" });
    expect(saved.policy.rules.HIGH).toEqual(active.policy.rules.HIGH);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "policy.saved", entityId: saved.id } });
    expect((audit.before as { version: number }).version).toBe(active.version);
    expect((audit.after as unknown as { policy: Policy }).policy.rules.MEDIUM.window).toBe("AFTER_HOURS");
    expect((await getActivePolicy()).version).toBe(saved.version);
  });
});
