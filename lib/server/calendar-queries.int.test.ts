// The calendar's service and team filters: they narrow change windows and deployments to that
// service or the team's services; CAB meetings and freezes concern everyone and always come back.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createDeployment, createReadyChange, createService, createTeam } from "@/prisma/factories";
import { seedActor } from "@/test/actors";
import { loadCalendarEvents } from "./calendar-queries";

describe("loadCalendarEvents scope", () => {
  it("a service or team narrows windows and deployments; freezes stay", async () => {
    const viewer = await seedActor(["ENG_MANAGER"]);
    const [t1, t2] = [await createTeam(db), await createTeam(db)];
    const [a, b, c] = [await createService(db, { teamId: t1.id }), await createService(db, { teamId: t1.id }), await createService(db, { teamId: t2.id })];
    const at = new Date(Date.UTC(2032, 5, 2, 8));
    const crs = [];
    for (const s of [a, b, c]) {
      const cr = await createReadyChange(db, { serviceId: s.id, requesterId: viewer.id, targetVersion: "2", codeSha256: null });
      crs.push(await db.changeRequest.update({ where: { id: cr.id }, data: { windowStart: at, windowDurationMin: 60 } }));
      await createDeployment(db, { serviceId: s.id, startedAt: at });
    }
    const freeze = await db.freezeWindow.create({ data: { name: "Release freeze", startsAt: at, endsAt: new Date(at.getTime() + 86_400_000), createdById: viewer.id } });
    const range = { from: new Date(Date.UTC(2032, 5, 1)), to: new Date(Date.UTC(2032, 5, 8)) };
    const services = async (scope: { service?: string; team?: string }) => {
      const events = await loadCalendarEvents(viewer, range, scope);
      expect(events.some((e) => e.kind === "freeze-window" && e.refId === freeze.id)).toBe(true);
      const windows = events.filter((e) => e.kind === "change-window").map((e) => e.serviceId);
      const deployments = events.filter((e) => e.kind === "deployment").map((e) => e.serviceId);
      expect(new Set(windows)).toEqual(new Set(deployments));
      return new Set(windows);
    };
    expect(await services({})).toEqual(new Set([a.id, b.id, c.id]));
    expect(await services({ service: b.id })).toEqual(new Set([b.id]));
    expect(await services({ team: t1.id })).toEqual(new Set([a.id, b.id]));
    expect(await services({ team: t2.id, service: a.id })).toEqual(new Set());
  });
});
