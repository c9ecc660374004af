// The cookie-cache target compares two latencies. Measured in two runs a minute apart, they also
// compare whatever else the machine was doing each time; run at the same time, they would share
// one queue and come out equal whatever each costs. So the floor route and the cached get-session
// take turns on the product in short slices, at full concurrency each, and each one's latencies
// are pooled over its slices. Postgres confirms that neither touched the database.
import { percentile } from "./figures.ts";
import { type LoadOptions, runLoad } from "./load.ts";
import type { Scenario, Users } from "./scenarios.ts";
import type { StatementCounter } from "./statements.ts";
import type { RunningWorker } from "./workers.ts";

export type Pooled = { requests: number; p50: number; p99: number; errors: number };

export type InterleavedRun = {
  floor: Pooled;
  cache: Pooled;
  slices: number;
  sliceSeconds: number;
  /** Statements the database executed meanwhile: 0 when every answer came from the cache. */
  statements: number;
};

const SLICE_SECONDS = 1;

/** Alternates floor and cached get-session for about `options.seconds`; undefined when one does not apply. */
export async function runInterleaved(
  worker: RunningWorker,
  scenarios: { floor: Scenario; cache: Scenario },
  users: Users,
  counter: StatementCounter,
  options: LoadOptions,
): Promise<InterleavedRun | undefined> {
  // Prepared now (a fresh sign-in): the cache cookie from the cache scenario may have run out.
  const floor = await scenarios.floor.prepare(worker, users);
  const cache = await scenarios.cache.prepare(worker, users);
  if ("skip" in floor || "skip" in cache) return undefined;
  const slices = Math.max(1, Math.round(options.seconds / (2 * SLICE_SECONDS)));
  const latencies = { floor: [] as number[], cache: [] as number[] };
  const errors = { floor: 0, cache: 0 };
  await counter.settle(worker.database);
  await counter.reset([worker.database]);
  for (let slice = 0; slice < slices && !options.signal.aborted; slice++) {
    for (const [name, prepared] of [
      ["floor", floor],
      ["cache", cache],
    ] as const) {
      const run = await runLoad(worker.url, prepared.spec, {
        ...options,
        seconds: SLICE_SECONDS,
        keepLatencies: latencies[name],
      });
      errors[name] += run.errors.total;
    }
  }
  await counter.settle(worker.database);
  const { statements } = await counter.read(worker.database);
  const pool = (name: "floor" | "cache"): Pooled => ({
    requests: latencies[name].length,
    p50: percentile(latencies[name], 50),
    p99: percentile(latencies[name], 99),
    errors: errors[name],
  });
  return {
    floor: pool("floor"),
    cache: pool("cache"),
    slices,
    sliceSeconds: SLICE_SECONDS,
    statements,
  };
}
