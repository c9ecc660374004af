// The soak's knobs, from env with bounds: the defaults suit a 2-core machine.

type Env = Record<string, string | undefined>;

export type Settings = {
  /** Seconds of mixed load. */
  seconds: number;
  /** Virtual users acting at the same time, each on 2–3 devices. */
  users: number;
  /** Print the Worker's own output as it happens (else it goes to a log file). */
  verbose: boolean;
  /** The whole run (start, load, checks) is stopped after this many seconds. */
  limitSeconds: number;
};

// Devices get addresses from 198.18.0.0/15 (RFC 2544, benchmarking): one /24 per virtual user.
export const MAX_USERS = 500;

function integer(env: Env, name: string, fallback: number, min: number, max: number) {
  const text = env[name];
  if (text === undefined || text.trim() === "") return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}, got "${text}"`);
  }
  return value;
}

export function readSettings(env: Env): Settings {
  const seconds = integer(env, "SOAK_SECONDS", 60, 1, 86_400);
  const users = integer(env, "SOAK_USERS", 20, 1, MAX_USERS);
  // Start-up (~10 s), the load, its last requests (30 s timeout) and the replays: generous bounds.
  const limitSeconds = seconds + 300 + Math.ceil(seconds / 2);
  return {
    seconds,
    users,
    verbose: ["1", "true", "yes"].includes(env.SOAK_VERBOSE ?? ""),
    limitSeconds,
  };
}
