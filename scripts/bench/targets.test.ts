import { describe, expect, it } from "vitest";
import { chartSvg } from "./chart.ts";
import type { Measurement } from "./measure.ts";
import { markdownTable, resultsTable } from "./report.ts";
import { computeTargets, type ScenarioResult, type Target, verdict } from "./targets.ts";

function run(values: Partial<Measurement>): Measurement {
  return {
    requests: 100,
    seconds: 10,
    perSecond: 10,
    p50: 10,
    p99: 20,
    errors: { non2xx: 0, socket: 0, wrongBody: 0, total: 0 },
    statuses: { "200": 100 },
    statements: 0,
    connections: 0,
    statementsUnderLoad: 0,
    queries: [],
    notes: [],
    ...values,
  };
}

function results(product: Partial<Record<string, Partial<Measurement>>>): ScenarioResult[] {
  const ids = ["floor", "session-cache", "session-db", "protected", "sign-in"] as const;
  return ids.map((id) => ({
    id,
    label: id,
    sends: `GET /${id}`,
    runs: {
      ...(product[id] ? { product: run(product[id]) } : {}),
      stock: run({ statements: 2, connections: 1 }),
    },
    skipped: {},
  }));
}

const byName = (targets: Target[], part: string) =>
  targets.find((target) => target.name.includes(part));

describe("computeTargets", () => {
  const good = {
    floor: { p50: 10 },
    "session-cache": { p50: 12 },
    "session-db": { statements: 1, connections: 1 },
    protected: { statements: 0 },
    "sign-in": { statements: 2, connections: 1 },
  };

  it("judges every target from the measurements", () => {
    const targets = computeTargets(results(good), { product: { totalKiB: 3000, gzipKiB: 900 } });
    expect(targets.map(verdict)).toEqual(["met", "met", "met", "met", "met", "met", "met"]);
    expect(byName(targets, "p50")?.measured).toBe("12.0 ms vs floor 10.0 ms = 1.20x");
  });

  it("misses what the measurements miss, and shows the measured values", () => {
    const targets = computeTargets(
      results({
        ...good,
        "session-cache": { p50: 13, statements: 1, connections: 1 },
        "session-db": { statements: 2, connections: 1 },
        "sign-in": { statements: 5, errors: { non2xx: 3, socket: 0, wrongBody: 0, total: 3 } },
      }),
      { product: { totalKiB: 4000, gzipKiB: 1221 }, stock: { totalKiB: 4000, gzipKiB: 1165 } },
    );
    expect(targets.map(verdict)).toEqual([
      "MISSED",
      "MISSED",
      "MISSED",
      "met",
      "MISSED",
      "MISSED",
      "MISSED",
    ]);
    expect(byName(targets, "from the database")?.measured).toBe("product 2, stock 2");
    expect(byName(targets, "0 errors")?.measured).toBe("product: sign-in 3; stock: 0");
    expect(byName(targets, "bundle")?.measured).toBe(
      "product 1,221 KiB gzip, stock 1,165 KiB gzip",
    );
  });

  it("judges cache latency on the interleaved run when there is one, and only if it touched no database", () => {
    const slowSeparately = results({ ...good, "session-cache": { p50: 20 } });
    const pooled = (p50: number) => ({ requests: 100, p50, p99: 2 * p50, errors: 0 });
    const together = {
      floor: pooled(10),
      cache: pooled(11),
      slices: 3,
      sliceSeconds: 2,
      statements: 0,
    };
    const latency = (interleaved: typeof together) =>
      byName(computeTargets(slowSeparately, {}, interleaved), "p50") as Target;
    expect(verdict(latency(together))).toBe("met");
    expect(latency(together).measured).toBe(
      "taking turns 11.0 ms vs floor 10.0 ms = 1.10x; separate runs 20.0 vs 10.0 ms = 2.00x",
    );
    expect(verdict(latency({ ...together, statements: 4 }))).toBe("MISSED");
  });

  it("says n/a for a target whose scenario did not run, instead of met or missed", () => {
    const targets = computeTargets(results({ ...good, "session-cache": undefined }), {});
    expect(verdict(byName(targets, "0 database round trips") as Target)).toBe("n/a");
    expect(verdict(byName(targets, "bundle") as Target)).toBe("n/a");
  });
});

describe("report and chart", () => {
  it("pads markdown columns so the table reads as text too", () => {
    expect(markdownTable(["a", "bb"], [["xxxx", "y"]])).toBe(
      "| a    | bb  |\n| ---- | --- |\n| xxxx | y   |",
    );
  });

  it("writes n/a where a Worker did not run a scenario", () => {
    const table = resultsTable([
      {
        id: "session-cache",
        label: "cache",
        sends: "GET /cache",
        runs: { product: run({}) },
        skipped: { stock: "x" },
      },
    ]);
    expect(table).toContain("| 0 / n/a");
  });

  it("escapes labels in the SVG", () => {
    const svg = chartSvg(
      [{ id: "floor", label: "a <b> & c", sends: "", runs: { product: run({}) }, skipped: {} }],
      "caption",
    );
    expect(svg).toContain("a &lt;b&gt; &amp; c");
    expect(svg).not.toContain("<b>");
  });
});
