// bench/results.md: what ran, where, and the figures; the same table is printed to the terminal.
import type { BundleSize } from "./bundle.ts";
import { formatMs, formatPerRequest, formatRate, formatRatio, ratio } from "./figures.ts";
import type { InterleavedRun } from "./interleaved.ts";
import type { Measurement } from "./measure.ts";
import { type ScenarioResult, type Target, verdict } from "./targets.ts";
import type { WorkerName } from "./workers.ts";

export type RunInfo = {
  date: string;
  machine: string;
  /** The 1-minute load average when the run started. */
  loadAtStart: string;
  versions: Record<string, string>;
  seconds: number;
  warmupSeconds: number;
  connections: number;
  countRequests: number;
  totalSeconds: number;
};

/** A markdown table with padded columns, readable as text too. */
export function markdownTable(header: string[], rows: string[][]): string {
  const widths = header.map((cell, i) =>
    Math.max(3, cell.length, ...rows.map((row) => (row[i] ?? "").length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  return [line(header), line(widths.map((width) => "-".repeat(width))), ...rows.map(line)].join(
    "\n",
  );
}

const both = (result: ScenarioResult, pick: (run: Measurement) => string): [string, string] => {
  const cell = (name: WorkerName) => {
    const run = result.runs[name];
    return run ? pick(run) : "n/a";
  };
  return [cell("product"), cell("stock")];
};

/** The main table: speed, errors and database work per scenario, product beside stock. */
export function resultsTable(results: ScenarioResult[]): string {
  const header = [
    "scenario",
    "req/s product",
    "req/s stock",
    "ratio",
    "p50 ms product",
    "p50 ms stock",
    "ratio",
    "p99 ms product",
    "p99 ms stock",
    "errors product / stock",
    "statements/req product / stock",
    "connections/req product / stock",
  ];
  const rows = results.map((result) => {
    const { product, stock } = result.runs;
    return [
      result.label,
      ...both(result, (run) => formatRate(run.perSecond)),
      formatRatio(ratio(product?.perSecond, stock?.perSecond)),
      ...both(result, (run) => formatMs(run.p50)),
      formatRatio(ratio(product?.p50, stock?.p50)),
      ...both(result, (run) => formatMs(run.p99)),
      both(result, (run) => String(run.errors.total)).join(" / "),
      both(result, (run) => formatPerRequest(run.statements)).join(" / "),
      both(result, (run) => formatPerRequest(run.connections)).join(" / "),
    ];
  });
  return markdownTable(header, rows);
}

/** Targets as a list: verdict, what was required, and the measured values. */
export function targetsList(targets: Target[]): string {
  return targets
    .map((target) => `- **${verdict(target)}** — ${target.name}: ${target.measured}`)
    .join("\n");
}

function statementsTable(results: ScenarioResult[]): string {
  const describe = (run: Measurement | undefined) =>
    run === undefined
      ? "n/a"
      : run.queries.length === 0
        ? "none"
        : run.queries
            .map(({ query, perRequest }) => `${query} ×${formatPerRequest(perRequest)}`)
            .join("; ");
  return markdownTable(
    ["scenario", "product", "stock", "under load product / stock"],
    results.map((result) => [
      result.label,
      describe(result.runs.product),
      describe(result.runs.stock),
      both(result, (run) => formatPerRequest(run.statementsUnderLoad)).join(" / "),
    ]),
  );
}

function notes(results: ScenarioResult[]): string[] {
  return results.flatMap((result) => [
    ...Object.entries(result.skipped).map(
      ([name, why]) => `${result.label}, ${name}: not run — ${why}`,
    ),
    ...Object.entries(result.runs).flatMap(([name, run]) =>
      run.notes.map((note) => `${result.label}, ${name}: ${note}`),
    ),
  ]);
}

export function resultsMarkdown(
  info: RunInfo,
  results: ScenarioResult[],
  targets: Target[],
  bundles: Partial<Record<WorkerName, BundleSize>>,
  interleaved?: InterleavedRun,
): string {
  const turns = interleaved;
  const pairedLine = turns
    ? `\n\nThe floor and the cached get-session also took turns on the product, ${turns.slices} × ${turns.sliceSeconds} s each at ${info.connections} connections, so that both latencies see the same background load: p50 ${formatMs(turns.floor.p50)} ms and ${formatMs(turns.cache.p50)} ms (p99 ${formatMs(turns.floor.p99)} and ${formatMs(turns.cache.p99)} ms), ${turns.floor.errors + turns.cache.errors} errors, ${turns.statements} statements at Postgres. The cookie-cache latency target is judged on these turns.`
    : "";
  const versions = Object.entries(info.versions)
    .map(([name, version]) => `${name} ${version}`)
    .join(", ");
  const bundleRow = (name: WorkerName) => {
    const size = bundles[name];
    return [
      name,
      size ? `${formatRate(size.totalKiB)} KiB` : "n/a",
      size ? `${formatRate(size.gzipKiB)} KiB` : "n/a",
    ];
  };
  const noteLines = notes(results);
  const scenarios = results.map((result) => `- **${result.label}**: ${result.sends}`).join("\n");
  return `# Benchmark: the product against the stock setup

Written by \`npm run bench\` on ${info.date}; the whole run took ${Math.round(info.totalSeconds)} s.

- **Machine**: ${info.machine}; load average ${info.loadAtStart} when the run started. The load generator, both Workers (each behind \`wrangler dev\`'s local proxy) and Postgres share it: the figures compare the two setups with each other on one machine, not what Cloudflare's edge would serve. Timings move with other work on the machine; statement counts do not.
- **Versions**: ${versions}.
- **Load**: for each scenario and Worker, ${info.warmupSeconds} s warm-up, then ${info.seconds} s with ${info.connections} connections (autocannon). Errors are non-2xx answers, socket errors and 2xx answers without the expected content (get-session answering \`null\`).
- **Database work**: counted at Postgres — \`pg_stat_statements\` calls and \`pg_stat_database.sessions\`, per database — over ${info.countRequests} sequential requests, once the Worker had closed its connections. Every statement is one round trip; each new connection costs a few more (startup, authentication) on top.
- **Setups**: the product (\`wrangler.toml\`) runs with \`RATE_LIMIT=off\`, the stock Worker (\`bench/stock/index.ts\`: better-auth defaults, no cookie cache, Prisma client and auth built per request, no product middleware) with better-auth's rate limit off: every benchmark request comes from one address. Each has its own database on the same Postgres.

## Scenarios

${scenarios}

## Results

${resultsTable(results)}

![Requests per second, p50 latency and statements per request, product and stock](results.svg)${pairedLine}

## Targets

${targetsList(targets)}

## Bundle (\`wrangler deploy --dry-run\`)

The product as \`npm run deploy\` uploads it (\`--env production\`: minified); the stock Worker with wrangler's defaults.

${markdownTable(["Worker", "upload", "gzip"], [bundleRow("product"), bundleRow("stock")])}

## Statements per request, by kind

Verb and tables of each statement (one statement naming two tables is a join), times per request.
The last column divides the statements executed during the load run by the responses received; it
runs slightly high, because requests cut off at the end of the run had done some of their work.

${statementsTable(results)}
${noteLines.length > 0 ? `\n## Notes\n\n${noteLines.map((line) => `- ${line}`).join("\n")}\n` : ""}`;
}
