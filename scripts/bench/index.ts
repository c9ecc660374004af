// `npm run bench`: the product's hot path against the stock setup, side by side in one run.
// Starts its own Postgres (temporary data), migrates one database per Worker, serves both Workers
// under `wrangler dev` on free ports, runs every scenario on both, writes bench/results.md and
// bench/results.svg, prints the table, and stops everything it started — also on failure and Ctrl-C.
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { applyMigrations } from "../db/migrate.ts";
import { type RunningPostgres, startPostgres } from "../db/postgres.ts";
import { ROOT, stopAll } from "../lib/processes.ts";
import { signUp } from "./accounts.ts";
import { type BundleSize, measureBundle } from "./bundle.ts";
import { chartSvg } from "./chart.ts";
import { formatMs, formatPerRequest, formatRate } from "./figures.ts";
import { runInterleaved } from "./interleaved.ts";
import { loadAverage, machineBrief, machineInfo, versions } from "./machine.ts";
import { measure } from "./measure.ts";
import { resultsMarkdown, resultsTable, targetsList } from "./report.ts";
import { SCENARIOS, type ScenarioId, type Users } from "./scenarios.ts";
import { SEEDED_USERS, seedUsers } from "./seed.ts";
import { readSettings } from "./settings.ts";
import { STATEMENT_FLAGS, StatementCounter } from "./statements.ts";
import { computeTargets, type ScenarioResult } from "./targets.ts";
import { type RunningWorker, startWorker, type WorkerName } from "./workers.ts";

const settings = readSettings(process.env);
const started = performance.now();
// Before the benchmark adds its own load.
const loadAtStart = loadAverage();
const controller = new AbortController();
const log = (line: string) => console.log(line);

// Kept from the moment it starts starting, so an interrupt during start-up still stops it.
let postgres: Promise<RunningPostgres> | undefined;
let counter: StatementCounter | undefined;
let dir: string | undefined;
let dataDir: string | undefined;
const workers: RunningWorker[] = [];

let cleaning: Promise<void> | undefined;
/** Stops every Worker, the monitor and Postgres, and removes the run's files; safe to call twice. */
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    controller.abort();
    try {
      await Promise.allSettled(workers.map((worker) => worker.stop()));
      await stopAll();
      // The secrets go first, whatever happens next.
      if (dir) await rm(dir, { recursive: true, force: true }).catch(() => {});
      await counter?.close();
      // Bounded: a Postgres that Ctrl-C already stopped leaves stop() waiting for an exit it missed.
      const server = await postgres?.catch(() => undefined);
      await bounded(server?.stop() ?? Promise.resolve(), 15_000);
    } finally {
      for (const folder of [dir, dataDir]) {
        if (folder) await rm(folder, { recursive: true, force: true }).catch(() => {});
      }
    }
  })();
  return cleaning;
}

/** Waits for the promise, at most `ms`; the timer also keeps Node from exiting mid-cleanup. */
async function bounded(promise: Promise<unknown>, ms: number) {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    promise.catch(() => {}),
    new Promise((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
}

function exitAfterCleanup(code: number) {
  void cleanup().finally(() => process.exit(code));
}
process.on("SIGINT", () => {
  console.error("\nInterrupted: stopping everything the benchmark started.");
  exitAfterCleanup(130);
});
process.on("SIGTERM", () => exitAfterCleanup(143));
// A run that hangs (a Worker that never answers) still ends, and still cleans up.
setTimeout(() => {
  console.error(`The benchmark took longer than ${settings.limitSeconds} s; stopping.`);
  exitAfterCleanup(1);
}, settings.limitSeconds * 1000).unref();

function scenario(id: ScenarioId) {
  const found = SCENARIOS.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no scenario ${id}`);
  return found;
}

async function main() {
  // The stock setup has no cookie cache: one run fewer.
  const runs = SCENARIOS.length * 2 - 1;
  // …and the floor and cache taking turns.
  const estimate = runs * (settings.warmupSeconds + settings.seconds + 5) + settings.seconds + 30;
  log(
    `Benchmark: ${SCENARIOS.length} scenarios on 2 Workers, ${settings.warmupSeconds} s warm-up + ` +
      `${settings.seconds} s each at ${settings.connections} connections (about ${Math.ceil(estimate / 60)} min).`,
  );
  dir = await mkdtemp(join(tmpdir(), "edge-session-bench-"));
  // Its own folder: as root, Postgres runs as another user that could not enter `dir` (0700).
  dataDir = await mkdtemp(join(tmpdir(), "edge-session-bench-pg-"));
  postgres = startPostgres({ dataDir, persistent: false, postgresFlags: STATEMENT_FLAGS });
  // Bundling overlaps with starting Postgres: one waits on esbuild, the other on the disk.
  const [built, migrated] = await Promise.allSettled([
    (async (): Promise<Partial<Record<WorkerName, BundleSize>>> => ({
      // What `npm run deploy` uploads: the production environment's build.
      product: await measureBundle("wrangler.toml", controller.signal, "production"),
      stock: await measureBundle("bench/stock/wrangler.toml", controller.signal),
    }))(),
    (async () => {
      const server = await (postgres as Promise<RunningPostgres>);
      for (const database of ["bench_product", "bench_stock"]) {
        await server.createDatabase(database);
        await applyMigrations(server.url(database));
      }
      return server;
    })(),
  ]);
  if (built.status === "rejected") throw built.reason;
  if (migrated.status === "rejected") throw migrated.reason;
  const bundles = built.value;
  const server = migrated.value;
  log(
    `Bundles (gzip): product ${bundles.product?.gzipKiB} KiB, stock ${bundles.stock?.gzipKiB} KiB`,
  );
  counter = await StatementCounter.connect(server.url("postgres"));

  const options = {
    databaseUrl: server.url,
    dir,
    // A fresh secret per run: it signs only this run's cookies.
    secret: randomBytes(32).toString("base64url"),
    verbose: settings.verbose,
  };
  const [product, stock] = await Promise.all([
    startWorker("product", options),
    startWorker("stock", options),
  ]);
  workers.push(product, stock);
  log(`Workers: product ${product.url}, stock ${stock.url}; Postgres 127.0.0.1:${server.port}`);

  const users: Users = {
    reader: "reader@bench.example.com",
    lister: "lister@bench.example.com",
    signers: SEEDED_USERS,
  };
  for (const worker of workers) {
    for (const email of [users.reader, users.lister]) await signUp(worker, email);
    await seedUsers(server.url(worker.database), users.reader, users.signers);
  }

  const results: ScenarioResult[] = [];
  for (const scenario of SCENARIOS) {
    const result: ScenarioResult = {
      id: scenario.id,
      label: scenario.label,
      sends: scenario.sends,
      runs: {},
      skipped: {},
    };
    for (const worker of workers) {
      if (controller.signal.aborted) throw new Error("aborted");
      const prepared = await scenario.prepare(worker, users);
      if ("skip" in prepared) {
        result.skipped[worker.name] = prepared.skip;
        log(`  ${scenario.label} · ${worker.name}: not run (${prepared.skip})`);
        continue;
      }
      const run = await measure(worker, prepared.spec, counter, {
        ...settings,
        signal: controller.signal,
      });
      run.notes.unshift(...prepared.notes);
      result.runs[worker.name] = run;
      log(
        `  ${scenario.label} · ${worker.name}: ${formatRate(run.perSecond)} req/s, p50 ${formatMs(run.p50)} ms, ` +
          `p99 ${formatMs(run.p99)} ms, ${run.errors.total} errors, ${formatPerRequest(run.statements)} statements/req`,
      );
    }
    results.push(result);
  }

  const interleaved = await runInterleaved(
    product,
    { floor: scenario("floor"), cache: scenario("session-cache") },
    users,
    counter,
    { ...settings, signal: controller.signal },
  );
  if (interleaved) {
    log(
      `  floor and cached get-session taking turns · product: p50 ${formatMs(interleaved.floor.p50)} ms ` +
        `and ${formatMs(interleaved.cache.p50)} ms, ${interleaved.statements} statements`,
    );
  }

  const targets = computeTargets(results, bundles, interleaved);
  const info = {
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    machine: machineInfo(),
    loadAtStart,
    versions: { ...versions(), PostgreSQL: await counter.serverVersion() },
    ...settings,
    totalSeconds: (performance.now() - started) / 1000,
  };
  writeFileSync(
    `${ROOT}bench/results.md`,
    resultsMarkdown(info, results, targets, bundles, interleaved),
  );
  const caption = `npm run bench · ${info.date.slice(0, 10)} · ${machineBrief()} · ${settings.seconds} s at ${settings.connections} connections per scenario · all on one machine`;
  writeFileSync(`${ROOT}bench/results.svg`, chartSvg(results, caption));
  log(`\n${resultsTable(results)}\n\nTargets\n${targetsList(targets).replaceAll("**", "")}`);
  log(`\nWrote bench/results.md and bench/results.svg in ${Math.round(info.totalSeconds)} s.`);
}

main()
  .then(() => cleanup())
  .then(() => process.exit(0))
  .catch(async (error: unknown) => {
    // Interrupted: the signal handler is already cleaning up and sets the exit code.
    if (controller.signal.aborted) return cleanup();
    console.error(`npm run bench failed: ${error instanceof Error ? error.message : error}`);
    if (!settings.verbose) console.error("Run with BENCH_VERBOSE=1 to see the Workers' output.");
    await cleanup();
    process.exit(1);
  });
