// One scenario on one Worker: a warm-up, an exact count of database work over a fixed number of
// sequential requests, then the timed load run.
import { type LoadFigures, type LoadOptions, runLoad } from "./load.ts";
import type { RequestSpec } from "./scenarios.ts";
import { type QueryCount, type StatementCounter, summarizeQuery } from "./statements.ts";
import type { RunningWorker } from "./workers.ts";

export type Measurement = LoadFigures & {
  /** Statements per request over the sequential count (exact: every request's work had finished). */
  statements: number;
  /** Connections opened per request over the same count. */
  connections: number;
  /** Statements during the load run per response received (slightly high: cut-off requests' work counts). */
  statementsUnderLoad: number;
  /** Each kind of statement and how often one request runs it. */
  queries: { query: string; perRequest: number }[];
  notes: string[];
};

export type MeasureOptions = LoadOptions & { warmupSeconds: number; countRequests: number };

export async function measure(
  worker: RunningWorker,
  spec: RequestSpec,
  counter: StatementCounter,
  options: MeasureOptions,
): Promise<Measurement> {
  const notes: string[] = [];
  const settle = async () => {
    const open = await counter.settle(worker.database);
    if (open > 0) notes.push(`${open} connection(s) still open 15 s after the requests ended`);
  };
  await runLoad(worker.url, spec, { ...options, seconds: options.warmupSeconds });
  await settle();

  await counter.reset([worker.database]);
  let failed = 0;
  for (let i = 0; i < options.countRequests && !options.signal.aborted; i++) {
    if (!(await sendOnce(worker, spec))) failed++;
  }
  await settle();
  const counted = await counter.read(worker.database);
  if (failed > 0) notes.push(`${failed} of ${options.countRequests} counted requests failed`);

  await counter.reset([worker.database]);
  const load = await runLoad(worker.url, spec, options);
  await settle();
  const underLoad = await counter.read(worker.database);
  if (load.errors.total > 0) {
    const statuses = Object.entries(load.statuses)
      .filter(([status]) => !status.startsWith("2"))
      .map(([status, count]) => `${count}× ${status}`);
    notes.push(
      `errors: ${[...statuses, `${load.errors.socket} socket`, `${load.errors.wrongBody} wrong body`].join(", ")}`,
    );
  }

  const per = (value: number) => value / options.countRequests;
  return {
    ...load,
    statements: per(counted.statements),
    connections: per(counted.connections),
    statementsUnderLoad: load.requests > 0 ? underLoad.statements / load.requests : Number.NaN,
    queries: byKind(counted.queries).map(({ query, calls }) => ({ query, perRequest: per(calls) })),
    notes,
  };
}

/** One request, the way autocannon sends it; true when it got the answer asked for. */
async function sendOnce(worker: RunningWorker, spec: RequestSpec): Promise<boolean> {
  const response = await fetch(`${worker.url}${spec.path}`, {
    method: spec.method,
    headers: spec.headers,
    body: spec.body?.(),
    signal: AbortSignal.timeout(30_000),
  });
  const body = await response.text();
  return response.ok && (spec.verify?.(body) ?? true);
}

/** Statements grouped by their short name (verb and tables), most frequent first. */
export function byKind(queries: QueryCount[]): QueryCount[] {
  const totals = new Map<string, number>();
  for (const { query, calls } of queries) {
    const kind = summarizeQuery(query);
    totals.set(kind, (totals.get(kind) ?? 0) + calls);
  }
  return [...totals]
    .map(([query, calls]) => ({ query, calls }))
    .sort((a, b) => b.calls - a.calls || a.query.localeCompare(b.query));
}
