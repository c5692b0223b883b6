import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_ECS_CONFIG, ecsConfigFieldErrors, parseFamilyRevision, readEcsConfig } from "./ecs-service-config";

describe("readEcsConfig", () => {
  it("fills what a stored configuration lacks with the seed's defaults", () => {
    expect(readEcsConfig(null)).toEqual(DEFAULT_ECS_CONFIG);
    expect(readEcsConfig({ maximumPercent: 110, circuitBreaker: { rollback: false } })).toEqual({
      ...DEFAULT_ECS_CONFIG,
      maximumPercent: 110,
      circuitBreaker: { enable: true, rollback: false },
    });
    expect(readEcsConfig({ maximumPercent: "200", healthCheckGracePeriodSeconds: Number.NaN })).toEqual(DEFAULT_ECS_CONFIG);
  });
});

describe("ecsConfigFieldErrors", () => {
  it("puts each problem on the form field that fixes it", () => {
    expect(ecsConfigFieldErrors({ maximumPercent: 150, minimumHealthyPercent: 100 }, 10)).toEqual({});
    expect(Object.keys(ecsConfigFieldErrors({ maximumPercent: 90, minimumHealthyPercent: 100 }, 10))).toEqual(["minimumHealthyPercent"]);
    expect(ecsConfigFieldErrors({ maximumPercent: 100, minimumHealthyPercent: 100 }, 10).maximumPercent).toMatch(/could never move/);
    // At one task 150 % rounds down to one: nothing can start beside it.
    expect(ecsConfigFieldErrors({ maximumPercent: 150, minimumHealthyPercent: 100 }, 1).maximumPercent).toMatch(/At 1 desired tasks/);
    expect(ecsConfigFieldErrors({ maximumPercent: 150, minimumHealthyPercent: 100 }, 1.5).ecsService).toMatch(/desiredCount/);
  });

  it("at desired count 0 only reports what ECS refuses outright (the registry checks it before asking ECS)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 400 }), fc.integer({ min: 0, max: 100 }), (max, min) => {
        expect(ecsConfigFieldErrors({ maximumPercent: max, minimumHealthyPercent: min }, 0)).toEqual({});
      }),
    );
  });
});

describe("parseFamilyRevision", () => {
  it("reads family:revision and nothing else", () => {
    expect(parseFamilyRevision("orders-api:3")).toEqual({ family: "orders-api", revision: 3 });
    expect(parseFamilyRevision(" orders_api:12 ")).toEqual({ family: "orders_api", revision: 12 });
    for (const bad of ["3", "orders-api", "orders-api:0", "orders-api:latest", "a:b:1", "arn:aws:ecs:us-east-1:1:task-definition/x:1", ":1"]) {
      expect(parseFamilyRevision(bad)).toBeNull();
    }
  });
});
