// The issue's targets, computed from the measurements (never typed in): each is met, missed, or
// n/a when its scenario did not run, and always shows the measured values it was judged on.
import type { BundleSize } from "./bundle.ts";
import { formatMs, formatPerRequest, formatRatio, ratio } from "./figures.ts";
import type { InterleavedRun } from "./interleaved.ts";
import type { Measurement } from "./measure.ts";
import type { ScenarioId } from "./scenarios.ts";
import type { WorkerName } from "./workers.ts";

export type ScenarioResult = {
  id: ScenarioId;
  label: string;
  /** What each request is. */
  sends: string;
  runs: Partial<Record<WorkerName, Measurement>>;
  /** Why a Worker did not run this scenario. */
  skipped: Partial<Record<WorkerName, string>>;
};

export type Target = { name: string; met: boolean | undefined; measured: string };

/** Cookie-cache reads may take at most this multiple of the floor route's p50. */
export const CACHE_P50_FACTOR = 1.25;
/** Compressed upload limit we hold the product to. */
export const BUNDLE_LIMIT_KIB = 1024;
/**
 * Sign-in's floor: one read (the user with its credential account, joined) and one write statement
 * (the new session, and any event or eviction with it, as one data-modifying CTE). The password
 * check runs in the Worker between them, so the read and the write cannot share a statement.
 */
export const SIGN_IN_MIN_STATEMENTS = 2;

const statements = (run: Measurement | undefined) => formatPerRequest(run?.statements);

export function computeTargets(
  results: ScenarioResult[],
  bundles: Partial<Record<WorkerName, BundleSize>>,
  interleaved?: InterleavedRun,
): Target[] {
  const find = (id: ScenarioId) => results.find((result) => result.id === id)?.runs ?? {};
  const floor = find("floor").product;
  const cache = find("session-cache").product;
  const sessionDb = find("session-db");
  const protectedRoute = find("protected").product;
  const signIn = find("sign-in");
  const judge = (ok: boolean, ...runs: (Measurement | undefined)[]) =>
    runs.every((run) => run !== undefined) ? ok : undefined;

  // The interleaved run when there is one: separate runs also measure the machine's other work.
  const cacheP50 = interleaved ? interleaved.cache.p50 : cache?.p50;
  const floorP50 = interleaved ? interleaved.floor.p50 : floor?.p50;
  const cacheRatio = ratio(cacheP50, floorP50);
  const latencyMeasured = interleaved
    ? `taking turns ${formatMs(cacheP50)} ms vs floor ${formatMs(floorP50)} ms = ${formatRatio(cacheRatio)}` +
      `${interleaved.statements > 0 ? ` (but ${interleaved.statements} statements ran: not all from the cache)` : ""}; ` +
      `separate runs ${formatMs(cache?.p50)} vs ${formatMs(floor?.p50)} ms = ${formatRatio(ratio(cache?.p50, floor?.p50))}`
    : `${formatMs(cacheP50)} ms vs floor ${formatMs(floorP50)} ms = ${formatRatio(cacheRatio)}`;
  const errorsBy = (name: WorkerName) =>
    results
      .filter((result) => result.runs[name] && result.runs[name].errors.total > 0)
      .map((result) => `${result.label} ${result.runs[name]?.errors.total}`);
  const productErrors = errorsBy("product");
  const stockErrors = errorsBy("stock");
  const ran = results.filter((result) => result.runs.product).length;

  return [
    {
      name: "get-session from the cookie cache: 0 database round trips, no connection",
      met: judge(cache?.statements === 0 && cache?.connections === 0, cache),
      measured: `${statements(cache)} statements, ${formatPerRequest(cache?.connections)} connections per request`,
    },
    {
      name: `get-session from the cookie cache: p50 within ${CACHE_P50_FACTOR}x of the floor route`,
      met: judge(
        cacheRatio !== undefined &&
          cacheRatio <= CACHE_P50_FACTOR &&
          (interleaved?.statements ?? 0) === 0,
        cache,
        floor,
      ),
      measured: latencyMeasured,
    },
    {
      name: "get-session from the database: 1 round trip (session and user in one query)",
      met: judge((sessionDb.product?.statements ?? Number.NaN) <= 1, sessionDb.product),
      measured: `product ${statements(sessionDb.product)}, stock ${statements(sessionDb.stock)}`,
    },
    {
      name: "protected route: no more round trips than get-session (same cookies)",
      met: judge(
        (protectedRoute?.statements ?? Number.NaN) <= (cache?.statements ?? Number.NaN),
        protectedRoute,
        cache,
      ),
      measured: `/api/me ${statements(protectedRoute)}, get-session ${statements(cache)}`,
    },
    {
      name: `sign-in: the fewest round trips its writes allow (${SIGN_IN_MIN_STATEMENTS}: one read of the user with its account, one write statement)`,
      met: judge(
        (signIn.product?.statements ?? Number.NaN) <= SIGN_IN_MIN_STATEMENTS,
        signIn.product,
      ),
      measured: `product ${statements(signIn.product)}, stock ${statements(signIn.stock)}`,
    },
    {
      name: "0 errors in every scenario",
      met: ran === 0 ? undefined : productErrors.length === 0,
      measured:
        `product: ${productErrors.length === 0 ? `0 in all ${ran} scenarios` : productErrors.join(", ")}; ` +
        `stock: ${stockErrors.length === 0 ? "0" : stockErrors.join(", ")}`,
    },
    {
      name: "bundle under 1 MiB compressed",
      met: bundles.product ? bundles.product.gzipKiB < BUNDLE_LIMIT_KIB : undefined,
      measured: `product ${kib(bundles.product)} gzip, stock ${kib(bundles.stock)} gzip`,
    },
  ];
}

function kib(size: BundleSize | undefined) {
  return size ? `${Math.round(size.gzipKiB).toLocaleString("en-US")} KiB` : "n/a";
}

/** "met", "MISSED" or "n/a", for the printed list. */
export function verdict(target: Target): string {
  return target.met === undefined ? "n/a" : target.met ? "met" : "MISSED";
}
