import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { channelsFor, NOTIFICATION_EVENT_NAMES, preferenceKey, recipientsFor, type NotificationEvent, type Person } from "./notification-events";
import { ROLES } from "./vocabulary";

const people: Person[] = [
  { id: "req", roles: ["ENGINEER"], disabled: false },
  { id: "oncall", roles: ["SRE"], disabled: false },
  { id: "owner", roles: ["ENGINEER"], disabled: false },
  { id: "cab-lead", roles: ["ENGINEER", "CAB_MEMBER"], disabled: false },
  { id: "cab-sre", roles: ["SRE", "CAB_MEMBER"], disabled: false },
  { id: "cab-gone", roles: ["CAB_MEMBER"], disabled: true },
  { id: "cto", roles: ["CTO"], disabled: false },
  { id: "manager", roles: ["ENG_MANAGER"], disabled: false },
  { id: "admin", roles: ["ADMIN"], disabled: false },
];
const facts = { actorId: null, requesterId: "req", onCallUserId: "oncall", flagOwnerId: "owner" };

describe("who receives which event", () => {
  const table: [NotificationEvent, string[]][] = [
    ["change.submitted", ["cab-lead", "cab-sre"]],
    ["change.needs-cto", ["cto"]],
    ["change.approved", ["req"]],
    ["change.rejected", ["req"]],
    ["change.changes-requested", ["req"]],
    ["emergency.needs-verbal", ["manager"]],
    ["retro.due", ["cab-lead", "cab-sre"]],
    ["cab.agenda-ready", ["cab-lead", "cab-sre"]],
    ["deployment.started", ["req", "oncall"]],
    ["deployment.succeeded", ["req", "oncall"]],
    ["deployment.rolled-back", ["req", "oncall"]],
    ["deployment.failed", ["req", "oncall"]],
    ["deployment.manual-rollback", ["req", "oncall"]],
    ["deployment.drift", ["req", "oncall"]],
    ["flag.killed", ["owner", "oncall"]],
  ];
  it.each(table)("%s reaches %j (never a disabled account, never an admin by role alone)", (event, expected) => {
    expect(recipientsFor(event, facts, people).sort()).toEqual([...expected].sort());
  });
  it("covers every event", () => {
    expect(table.map(([e]) => e).sort()).toEqual([...NOTIFICATION_EVENT_NAMES].sort());
  });
  it("whoever caused the event is not told of it; a requester who is also on call is told once", () => {
    expect(recipientsFor("deployment.manual-rollback", { ...facts, actorId: "oncall" }, people)).toEqual(["req"]);
    expect(recipientsFor("change.submitted", { ...facts, actorId: "cab-lead" }, people)).toEqual(["cab-sre"]);
    expect(recipientsFor("deployment.started", { ...facts, onCallUserId: "req" }, people)).toEqual(["req"]);
  });
  it("for any people and facts: recipients are known, enabled, not the actor, without repeats", () => {
    const person = fc.record({ id: fc.constantFrom("a", "b", "c", "d", "e"), roles: fc.subarray([...ROLES]), disabled: fc.boolean() });
    fc.assert(
      fc.property(fc.uniqueArray(person, { selector: (p) => p.id }), fc.constantFrom(...NOTIFICATION_EVENT_NAMES), fc.option(fc.constantFrom("a", "b", "c")), fc.option(fc.constantFrom("a", "d")), (ps, event, actor, requester) => {
        const got = recipientsFor(event, { actorId: actor, requesterId: requester, onCallUserId: "e" }, ps);
        expect(new Set(got).size).toBe(got.length);
        for (const id of got) {
          const p = ps.find((x) => x.id === id)!;
          expect(p.disabled).toBe(false);
          expect(id).not.toBe(actor);
        }
      }),
    );
  });
});

describe("channels", () => {
  const reach = { email: "a@example.test", slackUserId: "U1" };
  const all = { email: true, slack: true };
  it("default to every channel the person can receive and the portal can send", () => {
    expect(channelsFor("change.approved", reach, new Map(), all)).toEqual(["IN_APP", "EMAIL", "SLACK"]);
    expect(channelsFor("change.approved", { email: "a@example.test", slackUserId: null }, new Map(), all)).toEqual(["IN_APP", "EMAIL"]);
    expect(channelsFor("change.approved", reach, new Map(), { email: false, slack: false })).toEqual(["IN_APP"]);
  });
  it("follow the person's choice per event and channel", () => {
    const prefs = new Map([[preferenceKey("change.approved", "EMAIL"), false], [preferenceKey("change.approved", "IN_APP"), false]]);
    expect(channelsFor("change.approved", reach, prefs, all)).toEqual(["SLACK"]);
    expect(channelsFor("change.rejected", reach, prefs, all)).toEqual(["IN_APP", "EMAIL", "SLACK"]);
  });
});
