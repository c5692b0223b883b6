import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkName, checkTier, decodeToken, encodeToken, pathPrefix } from "./ssm-rules";

const segment = fc.stringMatching(/^[A-Za-z0-9_.-]{1,12}$/).filter((s) => !/^(aws|ssm)/i.test(s));

describe("parameter names", () => {
  it("accepts any fully qualified name of valid segments up to 15 levels", () => {
    fc.assert(fc.property(fc.array(segment, { minLength: 1, maxLength: 15 }), (segs) => {
      const name = `/${segs.join("/")}`;
      expect(checkName(name)).toBe(name);
      expect(pathPrefix(name)).toBe(`${name}/`);
    }));
  });
  it("refuses reserved prefixes, bad characters, relative paths and a 16th level", () => {
    for (const bad of ["AWS-x", "/Ssm/x", "/a b", "a/b", "/a//b", "/a/", "", "/ä"]) {
      expect(() => checkName(bad), bad).toThrow(expect.objectContaining({ type: "ValidationException" }));
    }
    expect(() => checkName(`/${Array(16).fill("a").join("/")}`)).toThrow(expect.objectContaining({ type: "HierarchyLevelLimitExceededException" }));
    expect(pathPrefix("/")).toBe("/");
    expect(pathPrefix("/features/")).toBe("/features/");
  });
});

describe("tiers", () => {
  it("Standard holds 4096 bytes (counted in UTF-8), Intelligent-Tiering promotes, Advanced never goes back", () => {
    expect(checkTier(undefined, "x".repeat(4096), undefined)).toBe("Standard");
    expect(() => checkTier(undefined, "é".repeat(2049), undefined)).toThrow(/Standard tier parameters support a maximum/);
    expect(checkTier("Intelligent-Tiering", "x".repeat(5000), undefined)).toBe("Advanced");
    expect(checkTier(undefined, "x", "Advanced")).toBe("Advanced");
    expect(() => checkTier("Standard", "x", "Advanced")).toThrow(/can't downgrade/);
    expect(() => checkTier("Advanced", "x".repeat(8193), undefined)).toThrow(/less than or equal to 8192/);
  });
});

describe("paging tokens", () => {
  it("round-trip offsets and refuse anything else", () => {
    fc.assert(fc.property(fc.nat(), (o) => decodeToken(encodeToken(o)) === o));
    expect(decodeToken(undefined)).toBe(0);
    expect(() => decodeToken("garbage")).toThrow(expect.objectContaining({ type: "InvalidNextToken" }));
  });
});
