// The benchmark's knobs, from env with bounds. The defaults (3 s warm-up, 10 s runs, 10 connections)
// keep a full run of 13 scenario runs under 5 minutes on 2 cores.

type Env = Record<string, string | undefined>;

export type Settings = {
  /** Seconds of measured load per scenario and Worker. */
  seconds: number;
  warmupSeconds: number;
  connections: number;
  /** Sequential requests over which database work is counted exactly. */
  countRequests: number;
  /** The whole run is stopped after this many seconds. */
  limitSeconds: number;
  /** Print the Workers' own output. */
  verbose: boolean;
};

function integer(env: Env, name: string, fallback: number, min: number, max: number) {
  const text = env[name];
  if (text === undefined || text === "") return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}, got "${text}"`);
  }
  return value;
}

export function readSettings(env: Env): Settings {
  return {
    seconds: integer(env, "BENCH_SECONDS", 10, 1, 120),
    warmupSeconds: integer(env, "BENCH_WARMUP", 3, 0, 60),
    connections: integer(env, "BENCH_CONNECTIONS", 10, 1, 100),
    countRequests: integer(env, "BENCH_COUNT", 20, 1, 200),
    limitSeconds: integer(env, "BENCH_LIMIT", 900, 60, 3600),
    verbose: env.BENCH_VERBOSE === "1",
  };
}
