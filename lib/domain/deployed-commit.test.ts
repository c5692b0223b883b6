import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deployedCommit } from "./deployed-commit";

const t = (s: string) => new Date(s);
const cr = { commitTime: t("2026-03-01T08:00:00Z"), commitSha: "aaaaaaa" };

describe("the commit a deployment ships (lead time)", () => {
  it("takes the earliest commit time CI reported, with its SHA, over the change request's", () => {
    const ci = [
      { commitTime: t("2026-03-02T10:00:00Z"), commitSha: "bbbbbbb" },
      { commitTime: null, commitSha: "ccccccc" },
      { commitTime: t("2026-03-02T09:00:00Z"), commitSha: "ddddddd" },
    ];
    expect(deployedCommit(ci, cr)).toEqual({ commitTime: t("2026-03-02T09:00:00Z"), commitSha: "ddddddd" });
  });
  it("falls back to the change request's commit, and to none", () => {
    expect(deployedCommit([{ commitTime: null, commitSha: "ccccccc" }], cr)).toEqual(cr);
    expect(deployedCommit([], { commitTime: null, commitSha: null })).toEqual({ commitTime: null, commitSha: null });
  });
  it("is the minimum of the reported times whenever CI reported one", () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer({ min: 0, max: 1e12 }), { nil: null })), (times) => {
        const got = deployedCommit(times.map((x) => ({ commitTime: x === null ? null : new Date(x), commitSha: null })), cr).commitTime;
        const known = times.filter((x): x is number => x !== null);
        expect(got).toEqual(known.length ? new Date(Math.min(...known)) : cr.commitTime);
      }),
    );
  });
});
