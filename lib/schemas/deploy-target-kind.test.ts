// The CR form's per-kind rule for the deploy target: what a Lambda alias and an ECS service take.
import { describe, expect, it } from "vitest";
import { changeRequestSchema, deployTargetIssues } from "./change-request";
import { changeFormValues } from "@/prisma/factories";

const fields = (issues: { path: string[] }[]) => issues.map((i) => i.path[0]);

describe("deployTargetIssues", () => {
  it("ECS takes family:revision and ROLLING; Lambda a version number and an alias strategy", () => {
    expect(deployTargetIssues("ECS", { targetVersion: "orders-api:3", strategy: "ROLLING" })).toEqual([]);
    expect(fields(deployTargetIssues("ECS", { targetVersion: "3", strategy: "AllAtOnce" }))).toEqual(["targetVersion", "strategy"]);
    expect(deployTargetIssues("LAMBDA", { targetVersion: "42", strategy: "Canary10Percent5Minutes" })).toEqual([]);
    expect(fields(deployTargetIssues("LAMBDA", { targetVersion: "orders-api:3", strategy: "ROLLING" }))).toEqual(["targetVersion", "strategy"]);
    // Unknown kind (the server before it read the service): pinTarget decides.
    expect(deployTargetIssues(undefined, { targetVersion: "orders-api:3", strategy: "AllAtOnce" })).toEqual([]);
  });

  it("the form's schema applies the rule of the chosen service's kind", () => {
    const now = new Date("2025-06-02T08:00:00Z");
    const v = changeFormValues({ serviceId: "svc-ecs", onCallUserId: "u" }, { targetVersion: "orders-api:3", strategy: "ROLLING" }, now);
    const kinds = (k: "ECS" | "LAMBDA") => () => k;
    expect(changeRequestSchema(() => now, undefined, kinds("ECS")).safeParse(v).success).toBe(true);
    const asLambda = changeRequestSchema(() => now, undefined, kinds("LAMBDA")).safeParse(v);
    expect(asLambda.success ? [] : asLambda.error.issues.map((i) => i.message)).toEqual([
      "Version must be a published version number (e.g. 42)",
      "Rolling update is for ECS services; choose a traffic-shifting strategy",
    ]);
    // Neither shape at all: refused by the field's own rule whatever the kind.
    expect(changeRequestSchema(() => now).safeParse({ ...v, targetVersion: "$LATEST" }).success).toBe(false);
  });
});
