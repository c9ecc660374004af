// The soak's printout: throughput and latency per operation, 4xx by route and reason, checks.
// Pure: takes the journal's records and verdicts, returns lines.
import type { Verdict } from "./classify.ts";
import type { CheckResult } from "./consistency.ts";
import { OPERATIONS, type RequestRecord, routeOf } from "./journal.ts";

/** The nearest-rank percentile (p in 0..100); NaN when there are no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

const number = (value: number, digits = 0) =>
  Number.isFinite(value)
    ? value.toLocaleString("en-US", {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      })
    : "n/a";

/** Columns padded to their widest cell; the first column left-aligned, the rest right-aligned. */
export function table(rows: readonly (readonly string[])[], leftColumns = 1): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, index) => {
      widths[index] = Math.max(widths[index] ?? 0, cell.length);
    });
  }
  return rows.map((row) =>
    row
      .map((cell, index) =>
        index < leftColumns ? cell.padEnd(widths[index] ?? 0) : cell.padStart(widths[index] ?? 0),
      )
      .join("  ")
      .trimEnd(),
  );
}

/** Requests, rates, status classes and latency per operation, and the total. */
export function throughputLines(records: readonly RequestRecord[], seconds: number): string[] {
  const rows: string[][] = [
    ["operation", "requests", "req/s", "2xx", "4xx", "5xx", "no answer", "p50 ms", "p99 ms"],
  ];
  const line = (name: string, group: readonly RequestRecord[]) => {
    const latencies = group.map((record) => record.end - record.start);
    const count = (test: (status: number) => boolean) =>
      String(group.filter((record) => test(record.status)).length);
    rows.push([
      name,
      number(group.length),
      number(group.length / seconds, 1),
      count((status) => status >= 200 && status < 300),
      count((status) => status >= 400 && status < 500),
      count((status) => status >= 500),
      count((status) => status === 0),
      number(percentile(latencies, 50), 1),
      number(percentile(latencies, 99), 1),
    ]);
  };
  for (const op of OPERATIONS) {
    line(
      `${op.padEnd(13)} ${routeOf(op)}`,
      records.filter((record) => record.op === op),
    );
  }
  line("all", records);
  return table(rows);
}

/** Every 4xx grouped by route, status, code and verdict; unexplained ones marked. */
export function clientErrorLines(
  records: readonly RequestRecord[],
  verdicts: readonly Verdict[],
): string[] {
  const groups = new Map<string, { row: string[]; count: number }>();
  records.forEach((record, index) => {
    if (record.status < 400 || record.status >= 500) return;
    const verdict = verdicts[index];
    const why =
      verdict?.kind === "expected"
        ? `expected: ${verdict.reason}`
        : `UNEXPECTED: ${verdict?.kind === "unexpected" ? verdict.reason : "?"}`;
    const row = [routeOf(record.op), String(record.status), record.code ?? "-", why];
    const key = row.join("\u0000");
    const group = groups.get(key) ?? { row, count: 0 };
    group.count++;
    groups.set(key, group);
  });
  if (groups.size === 0) return ["  (none)"];
  const sorted = [...groups.values()].sort(
    (a, b) => (a.row[0] ?? "").localeCompare(b.row[0] ?? "") || b.count - a.count,
  );
  return table(
    [
      ["route", "status", "code", "count", "why"],
      ...sorted.map(({ row, count }) => [
        row[0] ?? "",
        row[1] ?? "",
        row[2] ?? "",
        String(count),
        row[3] ?? "",
      ]),
    ],
    3,
  ).map((text) => `  ${text}`);
}

/** 2xx answers that are worth a line: an ended session answered from the cache cookie. */
export function notableSuccessLines(
  records: readonly RequestRecord[],
  verdicts: readonly Verdict[],
): string[] {
  const groups = new Map<string, { count: number; lagMs: number }>();
  records.forEach((record, index) => {
    const verdict = verdicts[index];
    if (record.status >= 300 || !verdict || verdict.kind === "ok") return;
    const key = `${routeOf(record.op)} → ${record.status}: ${verdict.kind === "expected" ? "expected" : "UNEXPECTED"}: ${verdict.reason}`;
    const group = groups.get(key) ?? { count: 0, lagMs: 0 };
    group.count++;
    if (verdict.kind === "expected") group.lagMs = Math.max(group.lagMs, verdict.lagMs ?? 0);
    groups.set(key, group);
  });
  return [...groups].map(
    ([key, { count, lagMs }]) =>
      `  ${count} × ${key}${lagMs > 0 ? ` — at most ${(lagMs / 1000).toFixed(1)} s after the end` : ""}`,
  );
}

/** One line per check, the failures' first examples under it, and the closing tally. */
export function checkLines(results: readonly CheckResult[]): string[] {
  const lines: string[] = [];
  for (const result of results) {
    lines.push(`  ${result.passed ? "PASS" : "FAIL"}  ${result.name} — ${result.detail}`);
    for (const example of result.examples) lines.push(`          ${example}`);
  }
  const passed = results.filter((result) => result.passed).length;
  lines.push(`${passed} passed, ${results.length - passed} failed`);
  return lines;
}
