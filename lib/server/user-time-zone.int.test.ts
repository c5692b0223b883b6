// A person's time zone (Settings): a real IANA zone is saved in its own spelling and audited, an
// unknown one is refused naming the field with nothing written, and "" goes back to the organisation's.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { loadActor } from "./authenticate";
import { getActivePolicy } from "./policy-store";
import { getOwnTimeZone, saveOwnTimeZone } from "./user-time-zone";
import { refusal, seedActor } from "@/test/actors";

describe("saveOwnTimeZone", () => {
  it("saves a known zone in its canonical spelling, and the per-request user lookup carries it", async () => {
    const me = await seedActor(["ENGINEER"]);
    expect(await getOwnTimeZone(me)).toBeNull();
    await expect(saveOwnTimeZone(me, { timeZone: " asia/tokyo " })).resolves.toEqual({ timeZone: "Asia/Tokyo" });
    expect(await getOwnTimeZone(me)).toBe("Asia/Tokyo");
    expect((await loadActor(me.id))?.timeZone).toBe("Asia/Tokyo");
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityId: me.id, action: "user.time-zone" } });
    expect(audit.before).toEqual({ timeZone: null });
    expect(audit.after).toEqual({ timeZone: "Asia/Tokyo" });
  });

  it("refuses an unknown zone with a message naming the field, and keeps the saved one", async () => {
    const me = await seedActor(["PRODUCT"]);
    await saveOwnTimeZone(me, { timeZone: "Europe/Berlin" });
    for (const bad of ["Mars/Olympus_Mons", "GMT+25", "Tokyo", "x".repeat(80)]) {
      const e = await refusal(saveOwnTimeZone(me, { timeZone: bad }), "VALIDATION");
      expect(e.message).toMatch(/^Please fix: Time zone: /);
      expect(e.fields?.timeZone).toMatch(/Time zone/);
    }
    await refusal(saveOwnTimeZone(me, {}), "VALIDATION");
    expect(await getOwnTimeZone(me)).toBe("Europe/Berlin");
    expect(await db.auditEvent.count({ where: { entityId: me.id, action: "user.time-zone" } })).toBe(1);
  });

  it("an empty choice goes back to the organisation's zone (stored as null)", async () => {
    const me = await seedActor(["SRE"]);
    await saveOwnTimeZone(me, { timeZone: "America/New_York" });
    await expect(saveOwnTimeZone(me, { timeZone: "" })).resolves.toEqual({ timeZone: null });
    expect(await getOwnTimeZone(me)).toBeNull();
    expect((await loadActor(me.id))?.timeZone).toBeNull();
  });

  it("the per-request user lookup also carries the organisation's zone, for people who chose none", async () => {
    const me = await seedActor(["ENGINEER"]);
    const { policy } = await getActivePolicy();
    expect(await loadActor(me.id)).toMatchObject({ timeZone: null, orgTimeZone: policy.timeZone });
  });
});
