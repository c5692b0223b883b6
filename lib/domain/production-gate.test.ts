import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aliasOwnership, pendingRevision, sameShape, shapeAt } from "./alias-ownership";
import { currentDeployment, knownGoodVersions, type DeploymentHistoryRecord } from "./known-good";
import { decideProductionChange, mayRequest, person, PRODUCTION_ACTIONS, rollbackTargets, type ProductionChange, type Relations } from "./production-gate";
import type { Readiness } from "./readiness";
import { ROLES, type Role } from "./vocabulary";

const READY: Readiness = { ready: true, warnings: [] };
const NOT_READY: Readiness = { ready: false, missing: [{ code: "APPROVAL_CAB", message: "needs 1 more CAB approval" }], warnings: [] };
const alias = (v: string, weights: Record<string, number> = {}, revisionId = "r1") => ({ functionVersion: v, additionalVersionWeights: weights, revisionId });
const NONE: Relations = { requester: false, onCall: false };
const deployed = (id: string, toVersion: string, outcome: DeploymentHistoryRecord["outcome"], at: number): DeploymentHistoryRecord => ({
  id,
  kind: "DEPLOY",
  toVersion,
  outcome,
  finishedAt: new Date(at),
});

describe("who may ask (the buttons' predicate)", () => {
  const who = (roles: Role[], action: (typeof PRODUCTION_ACTIONS)[number], rel: Relations = NONE) => mayRequest(action, person({ id: "u", roles }), rel);
  it("deploy start: the requester with deploy rights, SREs and admins", () => {
    expect(who(["ENGINEER"], "DEPLOY_START", { requester: true, onCall: false })).toBe(true);
    expect(who(["ENGINEER"], "DEPLOY_START")).toBe(false);
    expect(who(["SRE"], "DEPLOY_START")).toBe(true);
    expect(who(["ADMIN"], "DEPLOY_START")).toBe(true);
    expect(who(["PRODUCT"], "DEPLOY_START", { requester: true, onCall: false })).toBe(false);
  });
  it("manual rollback: the requester of the live change or the on-call engineer, SREs and admins — matching the page's words", () => {
    expect(who(["ENGINEER"], "MANUAL_ROLLBACK", { requester: true, onCall: false })).toBe(true);
    expect(who(["CAB_MEMBER"], "MANUAL_ROLLBACK", { requester: false, onCall: true })).toBe(true);
    expect(who(["ENGINEER"], "MANUAL_ROLLBACK")).toBe(false);
    expect(who(["SRE"], "MANUAL_ROLLBACK")).toBe(true);
    expect(who(["ADMIN"], "MANUAL_ROLLBACK")).toBe(true);
  });
  it("a CI token may start a deployment on a service in its scope, and do nothing else", () => {
    const ci = { kind: "ci", tokenId: "t" } as const;
    expect(mayRequest("DEPLOY_START", ci, { requester: false, onCall: false, inTokenScope: true })).toBe(true);
    expect(mayRequest("DEPLOY_START", ci, { requester: false, onCall: false, inTokenScope: false })).toBe(false);
    for (const action of PRODUCTION_ACTIONS.filter((a) => a !== "DEPLOY_START")) {
      expect(mayRequest(action, ci, { requester: true, onCall: true, inTokenScope: true })).toBe(false);
    }
    // Scope is a token's relation only: it gives a person nothing.
    expect(who(["PRODUCT"], "DEPLOY_START", { requester: false, onCall: false, inTokenScope: true })).toBe(false);
  });
  it("the orchestrator's actions are no person's, and a person's are not the orchestrator's", () => {
    for (const roles of [["ADMIN"], ["SRE"], ["ENGINEER"]] as Role[][]) {
      expect(who(roles, "TRAFFIC_STEP", { requester: true, onCall: true })).toBe(false);
      expect(who(roles, "AUTO_ROLLBACK", { requester: true, onCall: true })).toBe(false);
    }
    expect(mayRequest("MANUAL_ROLLBACK", { kind: "orchestrator" })).toBe(false);
    expect(mayRequest("TRAFFIC_STEP", { kind: "orchestrator" })).toBe(true);
  });
});

describe("deploy start", () => {
  const change = (over: Partial<Extract<ProductionChange, { action: "DEPLOY_START" }>> = {}): ProductionChange => ({
    action: "DEPLOY_START",
    relations: { requester: true, onCall: false },
    readiness: READY,
    targetVersion: "4",
    code: { pinned: "sha4", live: "sha4" },
    live: { version: "3", splitting: false },
    ...over,
  });
  const eng = person({ id: "req", roles: ["ENGINEER"] });
  it("allows a ready change to its pinned, unchanged, published code", () => {
    expect(decideProductionChange(eng, change())).toEqual({ allowed: true });
  });
  it("refuses $LATEST, a missing version, unpinned code and changed code, naming each", () => {
    const reasons = (c: ProductionChange) => {
      const d = decideProductionChange(eng, c);
      return d.allowed ? [] : d.reasons;
    };
    expect(reasons(change({ targetVersion: "$LATEST" }))[0]).toMatch(/\$LATEST is not a published version/);
    expect(reasons(change({ code: { pinned: "sha4", live: null } }))[0]).toMatch(/version 4 does not exist/);
    expect(reasons(change({ code: { pinned: null, live: "sha4" } }))[0]).toMatch(/never pinned/);
    expect(reasons(change({ code: { pinned: "sha4", live: "sha4b" } }))[0]).toMatch(/code changed since it was approved/);
    expect(reasons(change({ readiness: NOT_READY }))).toEqual(["needs 1 more CAB approval"]);
    expect(reasons(change({ live: { version: "3", splitting: true } }))[0]).toMatch(/already splitting traffic/);
    expect(reasons(change({ live: { version: "4", splitting: false } }))[0]).toMatch(/already serves 4/);
    // An ECS target is a task definition revision of the family.
    expect(reasons(change({ targetKind: "ECS", targetVersion: "4" }))[0]).toMatch(/not a task definition revision/);
    expect(reasons(change({ targetKind: "ECS", targetVersion: "orders-api:4", live: { version: "orders-api:3", splitting: true } }))[0]).toMatch(/already rolling out/);
  });
  it("a stranger is forbidden (403), not merely not ready", () => {
    const d = decideProductionChange(person({ id: "x", roles: ["ENGINEER"] }), change({ relations: NONE }));
    expect(d).toMatchObject({ allowed: false, forbidden: true });
  });
  it("property: allowed only when every condition holds", () => {
    fc.assert(
      fc.property(
        fc.subarray([...ROLES]),
        fc.boolean(),
        fc.constantFrom("4", "$LATEST"),
        fc.constantFrom<string | null>("sha4", "other", null),
        fc.constantFrom<string | null>("sha4", null),
        fc.boolean(),
        fc.constantFrom("3", "4"),
        (roles, requester, target, pinned, live, ready, liveVersion) => {
          const d = decideProductionChange(person({ id: "u", roles }), change({
            relations: { requester, onCall: false },
            targetVersion: target,
            code: { pinned, live },
            readiness: ready ? READY : NOT_READY,
            live: { version: liveVersion, splitting: false },
          }));
          const who = mayRequest("DEPLOY_START", person({ id: "u", roles }), { requester, onCall: false });
          const expected = who && ready && target === "4" && pinned !== null && pinned === live && liveVersion !== target;
          expect(d.allowed).toBe(expected);
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe("known-good versions and manual rollback", () => {
  const history = [deployed("d2", "2", "SUCCEEDED", 1000), deployed("d3", "3", "ROLLED_BACK", 2000), deployed("d4", "4", "SUCCEEDED", 3000), deployed("d5", "5", "FAILED", 4000)];
  it("are the baseline and the versions whose deployment succeeded and was not undone", () => {
    expect(knownGoodVersions("1", history).map((k) => k.version)).toEqual(["4", "2", "1"]);
    expect(knownGoodVersions(null, []).map((k) => k.version)).toEqual([]);
    expect(knownGoodVersions("$LATEST", []).map((k) => k.version)).toEqual([]);
    expect(currentDeployment("4", history)?.id).toBe("d4");
    expect(currentDeployment("3", history)).toBeNull();
  });
  it("point 1: the picker never offers the live version, a newer unproven one, or one that was rolled back", () => {
    const kg = knownGoodVersions("1", history);
    expect(rollbackTargets({ version: "4", splitting: false }, kg).map((k) => k.version)).toEqual(["2", "1"]);
    // While traffic is split, even the primary version is a way back.
    expect(rollbackTargets({ version: "4", splitting: true }, kg).map((k) => k.version)).toEqual(["4", "2", "1"]);
    // ECS task definition revisions are known-good the same way.
    expect(knownGoodVersions("orders:1", [deployed("e2", "orders:2", "SUCCEEDED", 1)]).map((k) => k.version)).toEqual(["orders:2", "orders:1"]);
  });
  it("property: a manual rollback is allowed exactly to a known-good version other than the one live alone, by a permitted person, with a reason", () => {
    fc.assert(
      fc.property(
        fc.subarray([...ROLES]),
        fc.record({ requester: fc.boolean(), onCall: fc.boolean() }),
        fc.constantFrom("1", "2", "3", "4", "5", "6"),
        fc.constantFrom("1", "2", "3", "4", "5", "6"),
        fc.constantFrom("", "errors since 4"),
        fc.boolean(),
        (roles: Role[], relations, live, target, reason, running) => {
          const kg = knownGoodVersions("1", history);
          const actor = person({ id: "u", roles });
          const d = decideProductionChange(actor, { action: "MANUAL_ROLLBACK", relations, live: { version: live, splitting: false, revision: "r" }, targetVersion: target, reason, knownGood: kg, deploymentRunning: running });
          const expected = mayRequest("MANUAL_ROLLBACK", actor, relations) && reason !== "" && !running && target !== live && kg.some((k) => k.version === target);
          expect(d.allowed).toBe(expected);
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe("alias ownership (drift)", () => {
  it("ours when the RevisionId is the one recorded; adopted only after a write marked in flight, in exactly its shape; otherwise foreign", () => {
    expect(aliasOwnership(alias("3", { "4": 0.1 }, "r1"), "r1", [shapeAt("3", "4", 0.1)])).toEqual({ kind: "ours" });
    expect(aliasOwnership(alias("3", { "4": 0.1 }, "r2"), pendingRevision("r1"), [shapeAt("3", "4", 0.1)])).toEqual({ kind: "adopted", revisionId: "r2" });
    // The in-flight write never landed: the alias is as we left it.
    expect(aliasOwnership(alias("3", {}, "r1"), pendingRevision("r1"), [shapeAt("3", "4", 0.1)])).toEqual({ kind: "ours" });
    // Without a write in flight, even the shape this step writes is someone else's (a hand change).
    expect(aliasOwnership(alias("3", { "4": 0.1 }, "r2"), "r1", [shapeAt("3", "4", 0.1)]).kind).toBe("foreign");
    expect(aliasOwnership(alias("3", {}, "r2"), "r1", [shapeAt("3", "4", 0)]).kind).toBe("foreign");
    // Point 6: someone rolled back by hand to the old version, or set 50 %: shapes the deployment itself writes, but not now.
    expect(aliasOwnership(alias("3", {}, "r2"), "r1", [shapeAt("3", "4", 0.1)]).kind).toBe("foreign");
    expect(aliasOwnership(alias("3", { "4": 0.5 }, "r2"), "r1", [shapeAt("3", "4", 0.1)]).kind).toBe("foreign");
  });
  it("property: a step is taken only on an alias Changegate wrote last, or, after a write marked in flight, holding exactly that write's shape", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("r1", "r2"),
        fc.constantFrom("3", "4", "9"),
        fc.constantFrom<Record<string, number>>({}, { "4": 0.1 }, { "4": 0.5 }, { "9": 0.1 }),
        fc.constantFrom(0, 0.1, 0.5, 1),
        fc.constantFrom("SHIFTING", "ROLLING_BACK", "SUCCEEDED"),
        fc.boolean(),
        fc.boolean(),
        (rev, v, w, stepWeight, state, aborted, inFlight) => {
          const intended = shapeAt("3", "4", stepWeight);
          const shaped = v === intended.functionVersion && JSON.stringify(w) === JSON.stringify(intended.additionalVersionWeights);
          const d = decideProductionChange({ kind: "orchestrator" }, {
            action: "TRAFFIC_STEP",
            deployment: { id: "d", crState: "DEPLOYING", state, abortRequested: aborted, fromVersion: "3", toVersion: "4", recordedRevisionId: inFlight ? pendingRevision("r1") : "r1" },
            target: { revision: rev, holdsIntended: sameShape(alias(v, w, rev), intended), describe: `${v} ${JSON.stringify(w)}` },
          });
          const own = rev === "r1" || (inFlight && shaped);
          expect(d.allowed).toBe(own && state === "SHIFTING" && !aborted);
          if (!own) expect(d.allowed ? undefined : d.drift).toBeDefined();
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("controls of a running deployment", () => {
  const sre = person({ id: "s", roles: ["SRE"] });
  const ask = (action: "PROMOTE" | "PAUSE" | "RESUME" | "ABORT", state: string, selfRolling: boolean, paused = false) =>
    decideProductionChange(sre, { action, relations: NONE, deployment: { state, paused, selfRolling } });
  it("an ECS rolling update is neither paused nor promoted while ECS rolls it out; promote may cut short the watch after it; abort always", () => {
    expect(ask("PAUSE", "SHIFTING", true)).toMatchObject({ allowed: false, reasons: [expect.stringMatching(/ECS cannot pause/)] });
    expect(ask("PROMOTE", "SHIFTING", true)).toMatchObject({ allowed: false, reasons: [expect.stringMatching(/ECS sets the pace/)] });
    expect(ask("PROMOTE", "VALIDATING", true).allowed).toBe(true);
    expect(ask("ABORT", "SHIFTING", true).allowed).toBe(true);
    // A Lambda alias's traffic plan is Changegate's own: every control applies.
    expect(ask("PROMOTE", "SHIFTING", false).allowed).toBe(true);
    expect(ask("PAUSE", "SHIFTING", false).allowed).toBe(true);
    expect(ask("RESUME", "SHIFTING", false, true).allowed).toBe(true);
  });
});
