import { describe, expect, it } from "vitest";
import { formatPerRequest, formatRate, formatRatio, percentile, ratio } from "./figures.ts";
import { readSettings } from "./settings.ts";

describe("percentile", () => {
  it("is the nearest-rank value, whatever the input order", () => {
    const values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 99)).toBe(10);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile([2.5], 99)).toBe(2.5);
  });

  it("is NaN without values rather than a made-up number", () => {
    expect(percentile([], 50)).toBeNaN();
  });
});

describe("ratio", () => {
  it("is product over stock", () => {
    expect(ratio(300, 120)).toBe(2.5);
  });

  it("is undefined when a side is missing, not finite, or the stock figure is 0", () => {
    expect(ratio(1, undefined)).toBeUndefined();
    expect(ratio(undefined, 1)).toBeUndefined();
    expect(ratio(1, 0)).toBeUndefined();
    expect(ratio(Number.NaN, 1)).toBeUndefined();
  });
});

describe("formatting", () => {
  it("keeps exact counts exact and shows fractions with two decimals", () => {
    expect(formatPerRequest(2)).toBe("2");
    expect(formatPerRequest(2.05)).toBe("2.05");
    expect(formatPerRequest(undefined)).toBe("n/a");
  });

  it("writes rates with thousands separators and ratios with an x", () => {
    expect(formatRate(1234.6)).toBe("1,235");
    expect(formatRatio(1.254)).toBe("1.25x");
    expect(formatRatio(undefined)).toBe("n/a");
  });
});

describe("readSettings", () => {
  it("defaults to 3 s warm-up, 10 s runs and 10 connections", () => {
    expect(readSettings({})).toMatchObject({ warmupSeconds: 3, seconds: 10, connections: 10 });
  });

  it("refuses values out of bounds, naming the variable", () => {
    expect(() => readSettings({ BENCH_SECONDS: "0" })).toThrow(/BENCH_SECONDS/);
    expect(() => readSettings({ BENCH_CONNECTIONS: "ten" })).toThrow(/BENCH_CONNECTIONS/);
  });
});
