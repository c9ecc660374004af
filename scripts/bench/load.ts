// One load run: autocannon keeps `connections` requests in flight for a fixed time; every response's
// latency is kept (sub-millisecond, unlike autocannon's own 1 ms histogram) for the percentiles.
import autocannon from "autocannon";
import { percentile } from "./figures.ts";
import type { RequestSpec } from "./scenarios.ts";

export type LoadFigures = {
  /** Responses received within the run. */
  requests: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: {
    /** Responses with a status outside 2xx. */
    non2xx: number;
    /** Connection errors and timeouts. */
    socket: number;
    /** 2xx responses that were not the answer asked for (e.g. get-session answering `null`). */
    wrongBody: number;
    total: number;
  };
  /** Responses per status code, e.g. { "200": 1234, "429": 3 }. */
  statuses: Record<string, number>;
};

export type LoadOptions = {
  seconds: number;
  connections: number;
  signal: AbortSignal;
  /** Also append every latency here (to pool several runs). */
  keepLatencies?: number[];
};

/** Runs the request against the Worker at `baseUrl` (127.0.0.1) and returns the figures. */
export async function runLoad(
  baseUrl: string,
  spec: RequestSpec,
  options: LoadOptions,
): Promise<LoadFigures> {
  const latencies: number[] = [];
  const instance = autocannon({
    url: `${baseUrl}${spec.path}`,
    connections: options.connections,
    duration: options.seconds,
    timeout: 10,
    requests: [
      {
        method: spec.method,
        path: spec.path,
        headers: spec.headers,
        ...(spec.body ? { setupRequest: (request) => ({ ...request, body: spec.body?.() }) } : {}),
      },
    ],
    ...(spec.verify ? { verifyBody: spec.verify } : {}),
  });
  instance.on("response", (_client: unknown, _status: number, _bytes: number, ms: number) => {
    latencies.push(ms);
    options.keepLatencies?.push(ms);
  });
  const stop = () => instance.stop();
  options.signal.addEventListener("abort", stop, { once: true });
  try {
    const result = await instance;
    const seconds = result.duration;
    return {
      requests: latencies.length,
      seconds,
      perSecond: latencies.length / seconds,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      errors: {
        non2xx: result.non2xx,
        socket: result.errors,
        wrongBody: result.mismatches,
        total: result.non2xx + result.errors + result.mismatches,
      },
      statuses: Object.fromEntries(
        Object.entries(result.statusCodeStats).map(([status, { count }]) => [
          status,
          Number(count),
        ]),
      ),
    };
  } finally {
    options.signal.removeEventListener("abort", stop);
  }
}
