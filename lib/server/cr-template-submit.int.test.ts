// Issue 13: submitting is refused, with nothing written, while a risk question is open or the planned
// window lies outside the policy's window for the risk or inside a declared freeze; a draft may
// keep all of these. The new template fields are stored and read back for the edit form.
import { beforeAll, describe, expect, it } from "vitest";
import { asActor, refusal } from "@/test/actors";
import { db } from "@/lib/db";
import { createService, createUser, changeFormValues } from "@/prisma/factories";
import type { Actor } from "@/lib/auth/permissions";
import { changeToFormValues } from "./change-form-values";
import { changeLifecycle } from "./change-lifecycle";
import { createChange } from "./create-change";
import { createFreezeWindow } from "./freeze-windows";
import { updateChange } from "./update-change";

let engineer: Actor;
let admin: Actor;
let refs: { serviceId: string; onCallUserId: string };
let otherServiceId: string;
// Tuesday 1 Dec 2026, 08:00 UTC.
const now = new Date(Date.UTC(2026, 11, 1, 8));
const writes = async () => ({ crs: await db.changeRequest.count(), audit: await db.auditEvent.count() });

beforeAll(async () => {
  engineer = asActor(await createUser(db, { roles: ["ENGINEER"] }));
  admin = asActor(await createUser(db, { roles: ["ADMIN"] }));
  const service = await createService(db, { onCallUserId: engineer.id });
  otherServiceId = (await createService(db, { onCallUserId: engineer.id })).id;
  refs = { serviceId: service.id, onCallUserId: engineer.id };
});

describe("submitting the CR template", () => {
  it("a Medium change planned for Saturday 22:00 is refused with the policy's window and the time; nothing is written", async () => {
    const before = await writes();
    const e = await refusal(createChange(engineer, changeFormValues(refs, { risk: "MEDIUM", windowStart: "2026-12-05T22:00" }, now), { submit: true, now }), "VALIDATION");
    expect(e.message).toBe(
      "Cannot submit: Medium risk deploys only during business hours (Mon–Fri 09:00–17:00 Europe/Berlin); the planned start Saturday 5 Dec 22:00 Europe/Berlin is outside it. Move the planned window or change the risk level.",
    );
    expect(e.fields?.windowStart).toMatch(/^Medium risk deploys only/);
    expect(await writes()).toEqual(before);
  });

  it("a window inside a declared freeze is refused naming the freeze, for every risk", async () => {
    await createFreezeWindow(admin, { name: "Black Friday", reason: "Peak", startsAt: "2026-11-27T00:00", endsAt: "2026-11-30T23:59", timeZone: "Europe/Berlin" });
    const before = await writes();
    const early = new Date(Date.UTC(2026, 10, 20, 8));
    const e = await refusal(createChange(engineer, changeFormValues(refs, { risk: "LOW", windowStart: "2026-11-28T10:00" }, early), { submit: true, now: early }));
    expect(e.message).toContain("the planned window falls inside the freeze 'Black Friday' (27 Nov 00:00 – 30 Nov 23:59 Europe/Berlin)");
    expect(await writes()).toEqual(before);
    // The same plan after the freeze goes through.
    const ok = await createChange(engineer, changeFormValues(refs, { risk: "LOW", windowStart: "2026-12-01T10:00" }, early), { submit: true, now: early });
    expect(ok.state).not.toBe("DRAFT");
  });

  it("a draft keeps a Saturday window and open questions; submitting it later is refused and leaves it a draft", async () => {
    const draft = await createChange(engineer, changeFormValues(refs, { risk: "MEDIUM", windowStart: "2026-12-05T22:00", riskAnswers: { blastRadius: "ONE_SERVICE" } }, now), { submit: false, now });
    expect(draft.state).toBe("DRAFT");
    const before = await writes();
    const open = await refusal(changeLifecycle(engineer, { action: "submit", id: draft.id, version: draft.version }, now));
    expect(open.message).toBe("Please fix: Answer every risk question before submitting (5 open: Reversibility, Customer-facing impact, Data or schema migration, Dependency on other changes, Tested in staging under load)");
    expect(open.fields?.["riskAnswers.reversibility"]).toBe("Answer “Reversibility”");
    const values = { ...changeToFormValues(draft), riskAnswers: changeFormValues(refs).riskAnswers };
    const outside = await refusal(updateChange(engineer, { ...values, id: draft.id, version: draft.version, submit: true }, now));
    expect(outside.message).toMatch(/^Cannot submit: Medium risk deploys only during business hours/);
    expect(await writes()).toEqual(before);
    expect((await db.changeRequest.findUniqueOrThrow({ where: { id: draft.id } })).state).toBe("DRAFT");
    // Moved to Thursday 10:00 it is submitted.
    const moved = await updateChange(engineer, { ...values, windowStart: "2026-12-03T10:00", id: draft.id, version: draft.version, submit: true }, now);
    expect(moved.state).toBe("SUBMITTED");
  });

  it("moving a submitted change's window outside the rule is refused; its approvals and window stay", async () => {
    const cr = await createChange(engineer, changeFormValues(refs, { risk: "HIGH", windowStart: "2026-12-05T22:00" }, now), { submit: true, now });
    expect(cr.state).toBe("SUBMITTED");
    const before = await writes();
    const e = await refusal(updateChange(engineer, { ...changeToFormValues(cr), windowStart: "2026-12-07T11:00", id: cr.id, version: cr.version }, now));
    expect(e.message).toContain("High risk deploys only after 18:00 Europe/Berlin; the planned start Monday 7 Dec 11:00 Europe/Berlin is outside it");
    expect(await writes()).toEqual(before);
  });

  it("stores the description, monitoring plan, step minutes and affected services, and reads them back for editing", async () => {
    const form = changeFormValues(refs, { affectedServiceIds: [otherServiceId, refs.serviceId], servicesAffected: "payments database" }, now);
    const cr = await createChange(engineer, form, { submit: true, now });
    expect(cr.affectedServiceIds).toEqual([otherServiceId]);
    expect(cr.implementationStepMinutes).toEqual([10, 15, 60]);
    const back = changeToFormValues(cr);
    expect(back.description).toBe(form.description);
    expect(back.monitoringPlan).toBe(form.monitoringPlan);
    expect(back.implementationSteps).toEqual(form.implementationSteps);
    expect(back.riskAnswers).toEqual(form.riskAnswers);
    const unknown = await refusal(createChange(engineer, { ...changeFormValues(refs, {}, now), affectedServiceIds: ["nope"] }, { submit: true, now }));
    expect(unknown.fields?.affectedServiceIds).toMatch(/Unknown affected service/);
  });
});
