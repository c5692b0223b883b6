import { describe, expect, it } from "vitest";
import { evaluate, MetricMathError, parseExpression, referencedIds, type Series } from "./metric-math";

const series = (o: Record<number, number>): Series => new Map(Object.entries(o).map(([k, v]) => [Number(k), v]));
const env: Record<string, Series> = {
  errors: series({ 0: 2, 60: 0, 120: 5 }),
  invocations: series({ 0: 1000, 60: 0, 180: 10 }),
};
const run = (src: string, grid = [0, 60, 120, 180]) => evaluate(parseExpression(src), (id) => env[id], grid);

describe("metric math", () => {
  it("computes an error rate on the timestamps both series have; x/0 gives no datapoint", () => {
    expect(run("100*errors/invocations")).toEqual(series({ 0: 0.2 }));
    expect(run("errors / invocations * 100")).toEqual(series({ 0: 0.2 }));
  });
  it("respects precedence, parentheses and unary minus", () => {
    expect(run("1 + 2 * 3")).toBe(7);
    expect(run("(1 + 2) * 3")).toBe(9);
    expect(run("-2 * -3")).toBe(6);
    expect(run("10 - 4 - 3")).toBe(3);
    expect(run("1.5e2 / 3")).toBe(50);
  });
  it("FILL and ABS", () => {
    expect(run("FILL(errors, 0)")).toEqual(series({ 0: 2, 60: 0, 120: 5, 180: 0 }));
    expect(run("ABS(errors - 3)")).toEqual(series({ 0: 1, 60: 3, 120: 2 }));
    expect(run("100 * FILL(errors, 0) / FILL(invocations, 1)")).toEqual(series({ 0: 0.2, 120: 500, 180: 0 }));
  });
  it("names the ids an expression uses", () => {
    expect(referencedIds(parseExpression("100*e1/(e1+i2)"))).toEqual(["e1", "e1", "i2"]);
  });
  it.each(["100 *", "(errors", "errors invocations", "errors $ 2", "SUM(errors)", "unknown + 1"])("refuses %s", (src) => {
    expect(() => run(src)).toThrow(MetricMathError);
  });
});
