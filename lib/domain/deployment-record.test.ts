import { describe, expect, it } from "vitest";
import { inScope, isCounted, type DeploymentRecord } from "./deployment-record";

const period = { from: new Date("2024-03-01T00:00:00Z"), to: new Date("2024-04-01T00:00:00Z") };
const base: DeploymentRecord = {
  id: "d1",
  serviceId: "a",
  teamId: "t1",
  kind: "DEPLOY",
  startedAt: new Date("2024-03-10T09:50:00Z"),
  finishedAt: new Date("2024-03-10T10:00:00Z"),
  outcome: "SUCCEEDED",
  hasHotfix: false,
};

describe("isCounted", () => {
  it("counts a finished deployment whose finish lies in [from, to)", () => {
    expect(isCounted(base, period)).toBe(true);
    expect(isCounted({ ...base, finishedAt: period.from }, period)).toBe(true);
    expect(isCounted({ ...base, finishedAt: period.to }, period)).toBe(false);
  });

  it("leaves out running deployments and rollback operations", () => {
    expect(isCounted({ ...base, outcome: null, finishedAt: null }, period)).toBe(false);
    expect(isCounted({ ...base, outcome: null }, period)).toBe(false);
    expect(isCounted({ ...base, finishedAt: null }, period)).toBe(false);
    expect(isCounted({ ...base, kind: "ROLLBACK" }, period)).toBe(false);
  });

  it("places by finish, not start", () => {
    const spanning = { ...base, startedAt: new Date("2024-02-29T23:50:00Z"), finishedAt: new Date("2024-03-01T00:10:00Z") };
    expect(isCounted(spanning, period)).toBe(true);
  });
});

describe("inScope", () => {
  it("keeps one team's or one service's deployments", () => {
    const ds = [base, { ...base, id: "d2", serviceId: "b" }, { ...base, id: "d3", serviceId: "c", teamId: "t2" }];
    expect(inScope(ds, {})).toHaveLength(3);
    expect(inScope(ds, { teamId: "t1" }).map((d) => d.id)).toEqual(["d1", "d2"]);
    expect(inScope(ds, { serviceId: "c" }).map((d) => d.id)).toEqual(["d3"]);
    expect(inScope(ds, { teamId: "t1", serviceId: "c" })).toEqual([]);
  });
});
