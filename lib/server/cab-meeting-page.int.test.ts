// What the meeting page shows inline, read from a real database: a change's planned window, on-call
// and readiness besides approval; an overdue emergency change's verbal approval and deployment outcome,
// grouped under its incident even when that incident is older than the section's week.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { IncidentItem } from "@/lib/domain/cab-agenda";
import { groupRetrospective } from "@/lib/domain/cab-retro-groups";
import { changeFormValues, createDeployment, createService, createUser } from "@/prisma/factories";
import { asActor } from "@/test/actors";
import { getMeetingAgenda } from "./cab-queries";
import { meetingPageDetails } from "./cab-meeting-page";
import { createChange } from "./create-change";

const startsAt = new Date("2030-07-03T12:00:00Z"); // a Wednesday, 14:00 in Berlin
const now = new Date("2030-07-03T12:10:00Z");
const ids: Record<string, string> = {};

beforeAll(async () => {
  const engineer = asActor(await createUser(db, { roles: ["ENGINEER"], name: "Olga Oncall" }));
  const manager = await createUser(db, { roles: ["ENG_MANAGER"], name: "Mia Manager" });
  const service = await createService(db, { onCallUserId: engineer.id });
  const refs = { serviceId: service.id, onCallUserId: engineer.id };
  ids.meeting = (await db.cabMeeting.create({ data: { startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000) } })).id;
  const cr = async (summary: string) => (await createChange(engineer, changeFormValues(refs, { summary, risk: "MEDIUM" }), { submit: true })).id;
  ids.medium = await cr("Medium change on this agenda");
  ids.emergency = await cr("Emergency fix from three weeks ago");
  await db.changeRequest.update({ where: { id: ids.medium }, data: { cabMeetingId: ids.meeting, submittedAt: new Date("2030-07-01T09:00:00Z") } });
  const medium = await db.changeRequest.findUniqueOrThrow({ where: { id: ids.medium } });
  await db.gateResult.create({ data: { crId: ids.medium, gate: "FULL_SUITE", version: medium.targetVersion, passed: true, codeSha256: medium.targetCodeSha256 } });
  // Declared long before the previous meeting: the agenda's incident list does not name it, the retrospective must.
  const declared = new Date("2030-06-10T08:00:00Z");
  ids.incident = (await db.incident.create({ data: { severity: "SEV2", title: "Login latency", description: "p95 up", declaredById: engineer.id, declaredAt: declared } })).id;
  await db.changeRequest.update({ where: { id: ids.emergency }, data: { emergency: true, retroStatus: "PENDING", incidentId: ids.incident, cabMeetingId: null, createdAt: declared, submittedAt: declared } });
  await db.approval.create({ data: { crId: ids.emergency, userId: manager.id, kind: "VERBAL_EMERGENCY", decision: "APPROVE", roles: ["ENG_MANAGER"], round: 0, comment: "Ship it, I'm watching", createdAt: new Date("2030-06-10T08:05:00Z") } });
  await createDeployment(db, { serviceId: service.id, crId: ids.emergency, startedAt: new Date("2030-06-10T08:10:00Z"), outcome: "ROLLED_BACK", rollbackKind: "MANUAL" });
});

describe("the meeting page's inline details", () => {
  it("a change's window, on-call and readiness besides approval; the emergency change's verbal approval and outcome under its incident", async () => {
    const { sections } = await getMeetingAgenda(ids.meeting!, now);
    const changes = sections.flatMap((s) => s.items).filter((i) => i.type === "change");
    expect(changes.map((c) => c.type === "change" && c.crId).sort()).toEqual([ids.medium, ids.emergency].sort());
    const listed = sections.find((s) => s.id === "INCIDENT_RETRO")!.items.filter((i): i is IncidentItem => i.type === "incident");
    expect(listed).toEqual([]);
    const { essentials, incidents } = await meetingPageDetails([ids.medium!, ids.emergency!], listed, now);

    const medium = essentials.get(ids.medium!)!;
    const row = await db.changeRequest.findUniqueOrThrow({ where: { id: ids.medium } });
    expect(medium).toMatchObject({ onCallName: "Olga Oncall", window: { start: row.windowStart, minutes: row.windowDurationMin, zone: row.windowTimeZone }, verbal: null, deployment: null });
    // Medium needs the full suite and smoke tests: one of two passed, the other named.
    expect(medium.readiness).toMatchObject({ gatesRequired: 2, gatesPassed: 1 });
    expect(medium.readiness!.missing.map((m) => m.message)).toEqual([`smoke tests not reported for version ${row.targetVersion}`]);

    const fix = essentials.get(ids.emergency!)!;
    expect(fix.readiness).toBeNull();
    expect(fix.verbal).toEqual({ by: "Mia Manager", at: new Date("2030-06-10T08:05:00Z"), said: "Ship it, I'm watching" });
    expect(fix.deployment).toMatchObject({ outcome: "ROLLED_BACK", rollbackKind: "MANUAL", finishedAt: new Date("2030-06-10T08:20:00Z") });

    const retro = changes.filter((c) => c.type === "change" && c.emergency).map((c) => c as Extract<typeof c, { type: "change" }>);
    const groups = groupRetrospective(retro, incidents, (crId) => essentials.get(crId)?.incidentId ?? null);
    expect(groups.map((g) => [g.incident?.title, g.changes.map((c) => c.crId)])).toEqual([["Login latency", [ids.emergency]]]);
  });
});
