import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { aliasPosition, describeAlias, gateWindowStart, manualRollbackCommand, nextLookAt } from "./deploy-progress";

describe("aliasPosition", () => {
  it("reads the three shapes a deployment writes", () => {
    expect(aliasPosition({ functionVersion: "4", additionalVersionWeights: {} }, "4", "5")).toEqual({ kind: "weight", weight: 0 });
    expect(aliasPosition({ functionVersion: "4", additionalVersionWeights: { "5": 0.1 } }, "4", "5")).toEqual({ kind: "weight", weight: 0.1 });
    expect(aliasPosition({ functionVersion: "5", additionalVersionWeights: {} }, "4", "5")).toEqual({ kind: "weight", weight: 1 });
  });

  it("calls anything else foreign and says what it found", () => {
    const p = aliasPosition({ functionVersion: "3", additionalVersionWeights: {} }, "4", "5");
    expect(p).toEqual({ kind: "foreign", description: "version 3" });
    const q = aliasPosition({ functionVersion: "4", additionalVersionWeights: { "6": 0.25 } }, "4", "5");
    expect(q).toEqual({ kind: "foreign", description: "75 % on version 4, 25 % on version 6" });
    // Weighted towards the old version from the new one: not a shape this deployment writes.
    expect(aliasPosition({ functionVersion: "5", additionalVersionWeights: { "4": 0.5 } }, "4", "5").kind).toBe("foreign");
  });

  it("every weight this deployment could write reads back as that weight", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99 }), (p) => {
        const w = p / 100;
        const pos = aliasPosition({ functionVersion: "1", additionalVersionWeights: { "2": w } }, "1", "2");
        expect(pos).toEqual({ kind: "weight", weight: w });
      }),
    );
  });
});

describe("nextLookAt", () => {
  const t = (s: string) => new Date(`2030-01-01T${s}Z`);
  it("looks just after the current minute ends", () => {
    expect(nextLookAt(t("10:00:20"), 60, null)).toEqual(t("10:01:01"));
  });
  it("looks at the next step if it comes first", () => {
    expect(nextLookAt(t("10:00:20"), 60, t("10:00:30"))).toEqual(t("10:00:30"));
  });
  it("never looks in the past: an overdue step means now", () => {
    expect(nextLookAt(t("10:00:20"), 60, t("09:00:00"))).toEqual(t("10:00:20"));
  });
  it("exactly at a period boundary waits for the whole next period", () => {
    expect(nextLookAt(t("10:01:00"), 60, null)).toEqual(t("10:02:01"));
  });
});

describe("helpers", () => {
  it("gives a command that clears routing", () => {
    expect(manualRollbackCommand("eu-west-1", "checkout", "live", "4")).toBe(
      `aws lambda update-alias --region eu-west-1 --function-name checkout --name live --function-version 4 --routing-config '{"AdditionalVersionWeights":{}}'`,
    );
  });
  it("bounds the gate window", () => {
    const start = new Date("2030-01-01T10:00:00Z");
    expect(gateWindowStart(start, new Date("2030-01-01T10:05:00Z"), 60)).toEqual(start);
    expect(gateWindowStart(start, new Date("2030-01-01T12:00:00Z"), 60, 30)).toEqual(new Date("2030-01-01T11:30:00Z"));
  });
  it("describes a single-version alias", () => {
    expect(describeAlias({ functionVersion: "7", additionalVersionWeights: {} })).toBe("version 7");
  });
});
