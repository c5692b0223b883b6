import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvField, csvLine, parseCsv } from "./csv";

describe("CSV", () => {
  it("quotes fields with commas, quotes and line breaks, doubling quotes", () => {
    expect(csvLine(["a", "b,c", 'say "hi"', "two\nlines", null, 3])).toBe('a,"b,c","say ""hi""","two\nlines",,3\r\n');
  });

  it("defuses spreadsheet formulas in text but keeps negative numbers", () => {
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField("@sum")).toBe("'@sum");
    expect(csvField(-5)).toBe("-5");
  });

  it("writes dates as ISO instants", () => {
    expect(csvField(new Date(Date.UTC(2024, 2, 31, 1, 2, 3)))).toBe("2024-03-31T01:02:03.000Z");
  });

  it("round-trips any text that does not look like a formula", () => {
    const text = fc.string({ unit: fc.constantFrom("a", ",", '"', "\n", "\r", " ", "x", "é") }).filter((s) => !/^[=+\-@\t\r]/.test(s));
    fc.assert(
      fc.property(fc.array(fc.array(text, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const out = rows.map((r) => csvLine(r)).join("");
        // A lone empty field on a line is indistinguishable from an empty line; compare what CSV can express.
        const expected = rows.map((r) => (r.length === 1 && r[0] === "" ? [""] : r));
        expect(parseCsv(out)).toEqual(expected);
      }),
    );
  });
});
