import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { ROOT } from "../lib/processes.ts";
import { chartSvg } from "./chart.ts";
import type { Measurement } from "./measure.ts";
import { type RunInfo, resultsMarkdown } from "./report.ts";
import { computeTargets, type ScenarioResult } from "./targets.ts";

const run = (values: Partial<Measurement>): Measurement => ({
  requests: 1000,
  seconds: 10,
  perSecond: 100,
  p50: 9.5,
  p99: 30,
  errors: { non2xx: 0, socket: 0, wrongBody: 0, total: 0 },
  statuses: { "200": 1000 },
  statements: 1,
  connections: 1,
  statementsUnderLoad: 1.02,
  queries: [{ query: "SELECT session, user", perRequest: 1 }],
  notes: ["a note"],
  ...values,
});

const results: ScenarioResult[] = [
  {
    id: "floor",
    label: "floor (no auth, no DB)",
    sends: "`GET /api/ping` → `{ ok: true }`",
    runs: { product: run({ statements: 0, queries: [] }), stock: run({ statements: 0 }) },
    skipped: {},
  },
  {
    id: "session-cache",
    label: "get-session, cookie cache",
    sends: "`GET /api/auth/get-session` with both cookies",
    runs: { product: run({ statements: 0, queries: [] }) },
    skipped: { stock: "the stock setup has no cookie cache" },
  },
];

const info: RunInfo = {
  date: "2026-12-04T21:00:00Z",
  machine: "AMD EPYC, 2 cores (nproc), 23.5 GiB RAM, linux 6.1",
  loadAtStart: "0.50",
  versions: { Node: "v22.23.3", "better-auth": "1.7.29" },
  seconds: 10,
  warmupSeconds: 3,
  connections: 10,
  countRequests: 20,
  totalSeconds: 240,
};

/** What Biome's formatter makes of a file (`npm run lint` checks bench/ too). */
function biomeFormat(text: string, path: string) {
  return execFileSync(`${ROOT}node_modules/.bin/biome`, ["format", `--stdin-file-path=${path}`], {
    cwd: ROOT,
    input: text,
    encoding: "utf8",
  });
}

describe("the files the benchmark writes", () => {
  const bundles = { product: { totalKiB: 4000, gzipKiB: 1100 } };
  const markdown = resultsMarkdown(info, results, computeTargets(results, bundles), bundles);

  it("writes results.md exactly as Biome formats it, so lint passes on a fresh run", () => {
    expect(biomeFormat(markdown, "bench/results.md")).toBe(markdown);
  });

  it("names the machine, the versions and every scenario, with n/a where one did not run", () => {
    expect(markdown).toContain("AMD EPYC, 2 cores (nproc)");
    expect(markdown).toContain("better-auth 1.7.29");
    expect(markdown).toContain("- **get-session, cookie cache**: `GET /api/auth/get-session`");
    expect(markdown).toContain("not run — the stock setup has no cookie cache");
  });

  it("writes an SVG with a title, for screen readers and for Biome's a11y rule", () => {
    const svg = chartSvg(results, "caption");
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="title">\n<title id="title">/);
  });
});
