import { describe, expect, it } from "vitest";
import { checkLines, percentile, table } from "./report.ts";

describe("the soak report", () => {
  it("takes nearest-rank percentiles", () => {
    const values = Array.from({ length: 100 }, (_, index) => index + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it("pads columns to their widest cell", () => {
    expect(
      table([
        ["a", "1"],
        ["long", "100"],
      ]),
    ).toEqual(["a       1", "long  100"]);
  });

  it("closes with the tally of passed and failed checks", () => {
    const lines = checkLines([
      { name: "one", passed: true, detail: "fine", examples: [] },
      { name: "two", passed: false, detail: "1 failed", examples: ["session x"] },
    ]);
    expect(lines.at(-1)).toBe("1 passed, 1 failed");
    expect(lines).toContain("  FAIL  two — 1 failed");
  });
});
